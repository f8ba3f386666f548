// npm run fixtures:record-cronjobs [-- --only a,b | -- SCENARIO...] — runs CronJob scenarios on
// the testbed with the real CronJob controller (npm run testbed:up first) and writes what `job-x
// diagnose cronjob/NAME` reads, exactly as the API server returns it, to
// test/fixtures/snapshots/<scenario>/ beside the Job recordings of record-fixtures.ts:
//   cronjob.json  the CronJob                           (kubectl get cronjob -o json)
//   jobs.json     the Jobs it controls, oldest first    (items of kubectl get jobs)
//   pods.json     their pods, oldest first              (items of kubectl get pods)
//   events.json   the namespace's events, oldest first  (items of kubectl get events)
//   meta.json     scenario, kind CronJob, description, recordedAt (the snapshot's "now"),
//                 Kubernetes version, the CronJob and its latest Job (null before the first)
// The controller's clock cannot be faked, so every scenario runs `* * * * *` (a start time a
// minute) and lasts at most about three minutes; they run in parallel, each in its own namespace
// fixture-<scenario>, deleted afterwards. Pod outcomes come from the node simulator's annotations
// on the Job template (design.md, "node simulator").
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PatchStrategy, setHeaderOptions, VersionApi, type V1CronJob, type V1Job } from '@kubernetes/client-node';
import { cluster, kubectl, REPO_ROOT } from '../test/e2e/helpers/cluster.ts';
import { condition, loadJob, withOutcome, withSpec } from '../test/e2e/helpers/jobs.ts';
import { deleteNamespace } from '../test/e2e/helpers/namespace.ts';
import { waitFor } from '../test/e2e/helpers/wait.ts';
import {
  byCreation,
  eventTime,
  freshNamespace,
  recordingTime,
  runScenarios,
  strip,
  type Json,
} from './fixture-recording.ts';

const OUT = join(REPO_ROOT, 'test', 'fixtures', 'snapshots');
const NAME = 'nightly';
/** Long enough for three start times of `* * * * *` and the Jobs they start. */
const WAIT_MS = 240_000;

interface Scenario {
  name: string;
  description: string;
  cronJob: V1CronJob;
  /** Resolves once the CronJob and its Jobs are in the state worth recording. */
  until: (namespace: string) => Promise<unknown>;
}

/** A CronJob running the seed pi every minute, its pods driven by the simulator's `annotations`. */
function everyMinute(
  spec: Omit<Partial<NonNullable<V1CronJob['spec']>>, 'jobTemplate'>,
  annotations: Record<string, string> = {},
  schedule = '* * * * *',
): V1CronJob {
  const job = withOutcome(withSpec(loadJob('pi'), { backoffLimit: 0 }), annotations);
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: NAME },
    spec: { schedule, ...spec, jobTemplate: { spec: job.spec! } },
  };
}

const readCronJob = (namespace: string) => cluster().batch.readNamespacedCronJob({ namespace, name: NAME });

async function jobsOf(namespace: string): Promise<V1Job[]> {
  const { items } = await cluster().batch.listNamespacedJob({ namespace });
  return items;
}

async function eventReasons(namespace: string): Promise<string[]> {
  const { items } = await cluster().core.listNamespacedEvent({ namespace });
  return items.map((e) => e.reason ?? '');
}

/** Until `count` Jobs have the condition `type`, and the CronJob no longer lists any of them as active. */
const finishedJobs = (count: number, type: 'Complete' | 'Failed') => async (namespace: string) =>
  waitFor(
    `${count} Jobs ${type}, none active`,
    async () => {
      const jobs = await jobsOf(namespace);
      const done = jobs.filter((job) => condition(job, type)?.status === 'True');
      const cronJob = await readCronJob(namespace);
      const settled = (cronJob.status?.active ?? []).length === 0 && done.length === jobs.length;
      return done.length >= count && settled ? true : undefined;
    },
    { timeoutMs: WAIT_MS },
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const setSuspend = (namespace: string, suspend: boolean) =>
  cluster().batch.patchNamespacedCronJob(
    { namespace, name: NAME, body: { spec: { suspend } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );

/** Waits until the next start time of `* * * * *` has passed by 30 s while suspended, then resumes. */
async function resumeAfterAStartTime(namespace: string): Promise<void> {
  const nextMinute = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
  await sleep(nextMinute + 30_000 - Date.now());
  await setSuspend(namespace, false);
}

const SCENARIOS: Scenario[] = [
  {
    name: 'cronjob-healthy',
    description:
      'CronJob nightly, "* * * * *", running seed pi (backoffLimit 0) whose pod succeeds: recorded once two Jobs have completed and none is active; lastScheduleTime and lastSuccessfulTime set, no missed start time.',
    cronJob: everyMinute({}),
    until: finishedJobs(2, 'Complete'),
  },
  {
    name: 'cronjob-failing',
    description:
      'CronJob nightly, "* * * * *", running seed pi (backoffLimit 0) whose pod exits 1: recorded once its first Job has failed (BackoffLimitExceeded) and none is active; lastSuccessfulTime never set.',
    cronJob: everyMinute({}, { outcome: 'exit=1' }),
    until: finishedJobs(1, 'Failed'),
  },
  {
    name: 'cronjob-forbid-skip',
    description:
      'CronJob nightly, "* * * * *", concurrencyPolicy Forbid, whose pod keeps running: the first Job stays active, and at the next start time the controller starts none (Event JobAlreadyActive); recorded just after that Event.',
    cronJob: everyMinute({ concurrencyPolicy: 'Forbid' }, { outcome: 'run' }),
    until: async (namespace) =>
      waitFor(
        'a JobAlreadyActive Event',
        async () => ((await eventReasons(namespace)).includes('JobAlreadyActive') ? true : undefined),
        { timeoutMs: WAIT_MS },
      ),
  },
  {
    name: 'cronjob-replace',
    description:
      'CronJob nightly, "* * * * *", concurrencyPolicy Replace, whose pod keeps running: at the next start time the controller deletes the running Job (Event SuccessfulDelete) and starts a new one; recorded once the new Job is active.',
    cronJob: everyMinute({ concurrencyPolicy: 'Replace' }, { outcome: 'run' }),
    until: async (namespace) =>
      waitFor(
        'a SuccessfulDelete Event and the next Job active',
        async () => {
          const deleted = (await eventReasons(namespace)).includes('SuccessfulDelete');
          const jobs = (await jobsOf(namespace)).filter((job) => job.metadata?.deletionTimestamp === undefined);
          return deleted && jobs.some((job) => (job.status?.active ?? 0) > 0) ? true : undefined;
        },
        { timeoutMs: WAIT_MS },
      ),
  },
  {
    name: 'cronjob-suspended',
    description:
      'CronJob nightly, "* * * * *", whose pod succeeds: after its first Job completed it is suspended (spec.suspend: true), and recorded once the next start time has passed by 15 s without a Job.',
    cronJob: everyMinute({}),
    until: async (namespace) => {
      await finishedJobs(1, 'Complete')(namespace);
      await setSuspend(namespace, true);
      const nextMinute = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
      await sleep(nextMinute + 15_000 - Date.now());
    },
  },
  {
    name: 'cronjob-resumed',
    description:
      'CronJob nightly, "* * * * *", created suspended; resumed 30 s after the first start time passed (spec.suspend: false): the controller starts a Job at once for that missed start time (its scheduled-timestamp is the start time, its creation 30 s later); recorded once that Job has completed.',
    cronJob: everyMinute({ suspend: true }),
    until: async (namespace) => {
      await resumeAfterAStartTime(namespace);
      await finishedJobs(1, 'Complete')(namespace);
    },
  },
  {
    name: 'cronjob-resumed-too-late',
    description:
      'CronJob nightly, "* * * * *", startingDeadlineSeconds 10, created suspended; resumed 30 s after the first start time passed: that start time is past its deadline, and the controller drops it without a Job or an Event (mostRecentScheduleTime looks back only startingDeadlineSeconds); recorded 10 s after the resume.',
    cronJob: everyMinute({ suspend: true, startingDeadlineSeconds: 10 }),
    until: async (namespace) => {
      await resumeAfterAStartTime(namespace);
      await sleep(10_000);
    },
  },
  {
    name: 'cronjob-no-job-yet',
    description:
      'CronJob nightly, "0 3 * * *" (03:00 UTC), just created: the controller has not started a Job yet (no lastScheduleTime, no Jobs, no Events); recorded 5 s after creation.',
    cronJob: everyMinute({}, {}, '0 3 * * *'),
    until: async () => sleep(5000),
  },
];

async function record(scenario: Scenario, kubernetesVersion: string): Promise<void> {
  const namespace = `fixture-${scenario.name}`;
  await freshNamespace(namespace);
  try {
    await cluster().batch.createNamespacedCronJob({ namespace, body: scenario.cronJob });
    await scenario.until(namespace);
    await snapshot(scenario, namespace, kubernetesVersion);
  } finally {
    await deleteNamespace(namespace);
  }
}

const items = async (kind: string, namespace: string): Promise<Json[]> =>
  (JSON.parse(await kubectl(['get', kind, '-n', namespace, '-o', 'json'])) as { items: Json[] }).items.map(strip);

async function snapshot(scenario: Scenario, namespace: string, kubernetesVersion: string): Promise<void> {
  const recordedAt = recordingTime();
  const cronJob = strip(JSON.parse(await kubectl(['get', 'cronjob', NAME, '-n', namespace, '-o', 'json'])) as Json);
  const jobs = (await items('jobs', namespace)).sort(byCreation);
  const pods = (await items('pods', namespace)).sort(byCreation);
  const events = (await items('events', namespace)).sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  const latest = jobs.at(-1);

  const dir = join(OUT, scenario.name);
  mkdirSync(dir, { recursive: true });
  const write = (file: string, value: unknown) => writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  write('cronjob.json', cronJob);
  write('jobs.json', jobs);
  write('pods.json', pods);
  write('events.json', events);
  write('meta.json', {
    scenario: scenario.name,
    kind: 'CronJob',
    description: scenario.description,
    recordedAt,
    kubernetesVersion,
    recordedWith:
      'scripts/record-cronjob-fixtures.ts on the testbed (test/testbed/README.md; the real CronJob controller, pods driven by the node simulator)',
    namespace,
    cronJob: NAME,
    job: latest ? (latest.metadata as Json).name : null,
  });
  process.stdout.write(
    `${scenario.name}: ${jobs.length} Jobs, ${pods.length} pods, ${events.length} events, reasons ${[...new Set(events.map((e) => e.reason))].join(' ')}\n`,
  );
}

async function main(): Promise<void> {
  const version = (await cluster().kubeConfig.makeApiClient(VersionApi).getCode()).gitVersion;
  await runScenarios(SCENARIOS, process.argv.slice(2), (scenario) => record(scenario, version));
}

main().catch((err: unknown) => {
  process.stderr.write(`record-cronjob-fixtures: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
