// `diagnose cronjob/NAME` on the CronJob recordings of the testbed's real CronJob controller
// (npm run fixtures:record-cronjobs): a local API server serves each recording with the
// recording's time as its clock, the CLI runs in this process, and its text is a reviewed
// snapshot; `-o json` follows schemas/diagnose-output.schema.json; `--save FILE` then `-f FILE`
// gives the same output offline. Expectations come from the recordings (the CronJob's status and
// Events as the controller wrote them, the scenario's description), never from job-x's output.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { RawEvent } from '../../../../kubernetes/index.ts';
import type { CronJobWithoutJob } from '../../../../plugin/diagnose/cronjob/diagnose-cronjob-reference.ts';
import type { DiagnoseOutput } from '../../../../schemas/generated/diagnose-output.ts';
import { runJobX, startFakeApiServer, statusBody, type FakeApiServer } from '../../../helpers/fake-api-server.ts';
import { compileSchema, loadSchema, type Validate } from '../../../helpers/output-schemas.ts';
import { cronJobScenarios, loadCronJobRecording, snapshotMeta } from '../../../helpers/snapshot-fixtures.ts';

const SNAPSHOTS = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'snapshots');
const raw = <T>(scenario: string, file: string): T =>
  JSON.parse(readFileSync(join(SNAPSHOTS, scenario, file), 'utf8')) as T;

const dir = mkdtempSync(join(tmpdir(), 'job-x-diagnose-cronjob-'));
let validateOutput: Validate;

beforeAll(async () => {
  const schema = loadSchema('diagnose-output');
  validateOutput = await compileSchema(schema);
});

/** Selects Events as the API server does for the fieldSelectors the fetch uses (`key=value`, comma-joined). */
function selected(events: readonly RawEvent[], fieldSelector: string | null): RawEvent[] {
  const terms = (fieldSelector ?? '').split(',').filter((term) => term !== '');
  const field = (event: RawEvent, key: string): string | undefined => {
    if (key === 'type') return event.type;
    if (key === 'reason') return event.reason;
    const [scope, name] = key.split('.');
    return scope === 'involvedObject'
      ? (event.involvedObject as Record<string, string> | undefined)?.[name!]
      : undefined;
  };
  return events.filter((event) =>
    terms.every((term) => {
      const [key, value] = term.split('=');
      return field(event, key!) === value;
    }),
  );
}

/** A diagnosis without recreate.command (which names the cluster's Job or the -f file). */
function withoutRecreateCommand(json: string): unknown {
  const output = JSON.parse(json);
  if (output.recreate) delete output.recreate.command;
  return output;
}

describe.each(cronJobScenarios())('%s', (scenario) => {
  const meta = snapshotMeta(scenario);
  const namespace = meta.namespace;
  const cronJob = raw<Record<string, unknown>>(scenario, 'cronjob.json');
  const jobs = raw<{ metadata: { name: string; uid: string } }[]>(scenario, 'jobs.json');
  const pods = raw<{ metadata: { labels?: Record<string, string> } }[]>(scenario, 'pods.json');
  const events = raw<RawEvent[]>(scenario, 'events.json');
  let server: FakeApiServer;
  const run = (args: string[]) => runJobX(args, { KUBECONFIG: server.kubeconfig });

  beforeAll(async () => {
    const base = `/apis/batch/v1/namespaces/${namespace}`;
    server = await startFakeApiServer(
      namespace,
      (url, send) => {
        const path = url.pathname;
        if (path === `${base}/cronjobs/nightly`) return send(200, cronJob);
        // -A: the namespaces holding a CronJob of that name (a metadata list).
        if (path === '/apis/batch/v1/cronjobs' && url.searchParams.get('fieldSelector') === 'metadata.name=nightly')
          return send(200, { kind: 'List', apiVersion: 'v1', metadata: {}, items: [{ metadata: cronJob.metadata }] });
        if (path === `${base}/jobs`)
          return send(200, { kind: 'JobList', apiVersion: 'batch/v1', metadata: {}, items: jobs });
        const job = jobs.find((j) => path === `${base}/jobs/${j.metadata.name}`);
        if (job) return send(200, job);
        if (path === `/api/v1/namespaces/${namespace}/pods`) {
          const [key, value] = (url.searchParams.get('labelSelector') ?? '').split('=');
          const items = pods.filter((pod) => pod.metadata.labels?.[key!] === value);
          return send(200, { kind: 'PodList', apiVersion: 'v1', metadata: {}, items });
        }
        if (path.endsWith('/log')) return send(404, statusBody(404, 'NotFound', 'the recording holds no logs'));
        if (path === `/api/v1/namespaces/${namespace}/events`) {
          const items = selected(events, url.searchParams.get('fieldSelector'));
          return send(200, { kind: 'EventList', apiVersion: 'v1', metadata: {}, items });
        }
        return send(404, statusBody(404, 'NotFound'));
      },
      { date: meta.recordedAt },
    );
  });
  afterAll(() => server.close());

  test('text: the CronJob, then its latest Job (reviewed snapshot)', async () => {
    const result = await run(['diagnose', 'cronjob/nightly']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchSnapshot();
  });

  test('-o json follows the schema; --save FILE and -f FILE give the same output offline', async () => {
    const file = join(dir, `${scenario}.json`);
    const live = await run(['diagnose', 'cronjob/nightly', '-o', 'json', '--save', file]);
    expect(live.code).toBe(0);
    const output = JSON.parse(live.stdout) as DiagnoseOutput | CronJobWithoutJob;
    // The schema's root takes either shape: a Job's diagnosis, or the CronJob alone (job null).
    expect(validateOutput(output) ? [] : validateOutput.errors).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kind: 'Snapshot', fetchedAt: meta.recordedAt });
    expect(await run(['diagnose', 'cronjob/nightly', '-A', '-o', 'json'])).toEqual({ ...live, stderr: '' });
    // Offline, only recreate.command differs: it names the file instead of the cluster's Job.
    const same = (run: { code: number; stdout: string; stderr: string }) => {
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(withoutRecreateCommand(run.stdout)).toEqual(withoutRecreateCommand(live.stdout));
    };
    same(await run(['diagnose', '-f', file, '-o', 'json']));
    same(await run(['diagnose', 'cronjob/nightly', '-f', file, '-o', 'json']));
    const yaml = join(dir, `${scenario}.yaml`);
    expect((await run(['diagnose', 'cronjob/nightly', '--save', yaml])).code).toBe(0);
    expect(readFileSync(yaml, 'utf8')).toMatch(/^apiVersion: job-x\.dev\/v1alpha1\nkind: Snapshot\n/);
    same(await run(['diagnose', '-f', yaml, '-o', 'json']));
  });

  test('what the recording shows', async () => {
    const output = JSON.parse((await run(['diagnose', 'cronjob/nightly', '-o', 'json'])).stdout) as
      DiagnoseOutput | CronJobWithoutJob;
    const block = output.cronjob!;
    const status = (cronJob.status ?? {}) as Record<string, unknown>;
    const spec = cronJob.spec as Record<string, unknown>;
    const reasons = events.filter((e) => e.involvedObject?.kind === 'CronJob').map((e) => e.reason);
    expect(block).toMatchObject({
      name: 'nightly',
      schedule: spec.schedule,
      suspended: spec.suspend === true,
      lastScheduleTime: status.lastScheduleTime ?? null,
      lastSuccessfulTime: status.lastSuccessfulTime ?? null,
      active: ((status.active ?? []) as { name: string }[]).map((a) => a.name),
    });
    expect(block.events.map((e) => e.reason)).toEqual(reasons);
    expect(block.history.map((h) => h.job)).toEqual(jobs.map((j) => j.metadata.name).reverse());
    // Suspended: no start time ahead; otherwise the next three.
    expect(block.nextRuns).toHaveLength(spec.suspend === true ? 0 : 3);
    const whys = block.missedRuns.map((m) => m.why);
    expect(whys.includes('forbid-skip')).toBe(reasons.includes('JobAlreadyActive'));
    expect(whys.includes('replace-deleted')).toBe(reasons.includes('SuccessfulDelete'));
    // The controller ran throughout: no start time is put down to its absence.
    expect(whys.filter((why) => why === 'controller-down')).toEqual([]);
    // A start time it dropped silently (resumed past startingDeadlineSeconds, no Job, no Event).
    const dropped = spec.startingDeadlineSeconds !== undefined && jobs.length === 0 && reasons.length === 0;
    expect(whys.includes('starting-deadline-passed')).toBe(dropped);
    if (jobs.length === 0) {
      expect(output.job).toBeNull();
      expect(output.verdict).toMatch(/has not started a Job yet/);
      expect(await run(['diagnose', 'cronjob/nightly', '--recreate-manifest'])).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: --recreate-manifest re-creates a Job, and cronjob/nightly has none: start one with kubectl create job --from=cronjob/nightly\n',
      });
    } else {
      const latest = loadCronJobRecording(scenario).latest!;
      expect(output.job).toMatchObject({ name: latest.job.metadata.name, owner: { kind: 'CronJob', name: 'nightly' } });
      const finished = (latest.job.status?.conditions ?? []).find(
        (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
      );
      expect((output as DiagnoseOutput).state).toBe(finished?.type ?? 'Running');
    }
  });
});
