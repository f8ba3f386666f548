// npm run fixtures:record [-- --only a,b | -- SCENARIO...] — runs Job scenarios on the testbed
// (npm run testbed:up first) and writes what job-x diagnose and index-status read, exactly as the API
// server returns it, to test/fixtures/snapshots/<scenario>/:
//   job.json     the Job                      (kubectl get job -o json)
//   pods.json    its pods, oldest first       (items of kubectl get pods -l controller-uid=...)
//   events.json  the namespace's events       (items of kubectl get events, oldest first)
//   meta.json    scenario, description, recordedAt (the snapshot's "now"), Kubernetes version
// Only metadata.managedFields is stripped (server-side-apply bookkeeping nobody diagnoses from).
// Scenarios run in parallel, each in its own namespace fixture-<scenario>, deleted afterwards.
// `--only a,b` (or the names as arguments) records just those scenarios and leaves the others'
// recordings untouched.
//
// Some scenarios need a pod that never finishes terminating (a node that is gone, as in
// kubernetes/kubernetes#123775 and jobset#979): their pods use a scheduler nobody runs
// (MANUAL_SCHEDULER), and the recorder binds each pod itself, either to a simulated node or to
// GONE_NODE, a node that does not exist. No kubelet acts on a pod bound there, so once deleted it
// stays Terminating until the pod garbage collector removes orphans (about a minute later); the
// recording is taken well before that.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PatchStrategy, setHeaderOptions, VersionApi, type V1Job, type V1Pod } from '@kubernetes/client-node';
import { cluster, kubectl, REPO_ROOT } from '../test/e2e/helpers/cluster.ts';
import { condition, createJob, loadJob, podsOf, readJob, withOutcome, withSpec } from '../test/e2e/helpers/jobs.ts';
import { deleteNamespace } from '../test/e2e/helpers/namespace.ts';
import { describeJob, waitFor, waitForJobCondition } from '../test/e2e/helpers/wait.ts';
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

interface Scenario {
  name: string;
  description: string;
  job: V1Job;
  /** Runs in the fresh namespace before the Job is created (e.g. a ResourceQuota). */
  before?: (namespace: string) => Promise<void>;
  /** Resolves once the Job is in the state worth recording. */
  until: (namespace: string, job: V1Job) => Promise<unknown>;
  /** For races: whether this run showed what the scenario is about; if not it runs again. */
  accept?: (job: V1Job) => boolean;
  /** Undoes what `before` set up outside the namespace (cluster-scoped objects), after the recording. */
  after?: (namespace: string) => Promise<void>;
}

const ATTEMPTS_FOR_RACES = 6;

const jobCondition = (type: string) => (namespace: string, job: V1Job) =>
  waitForJobCondition(namespace, job.metadata!.name!, type);

/** Until one of the Job's pods satisfies `check` (and the Job has seen it). */
const podState = (what: string, check: (pod: V1Pod, job: V1Job) => boolean) => (namespace: string, job: V1Job) =>
  waitFor(
    what,
    async () => {
      const current = await readJob(namespace, job.metadata!.name!);
      return (await podsOf(current)).some((p) => check(p, current)) ? true : undefined;
    },
    { describe: () => describeJob(namespace, job.metadata!.name!) },
  );

/** A pod scheduler nobody runs: the node simulator binds only default-scheduler pods. */
const MANUAL_SCHEDULER = 'job-x-manual';
/** A node that does not exist: no kubelet ever acts on pods bound to it. */
const GONE_NODE = 'testbed-node-gone';
const SIMULATED_NODE = 'testbed-node-1';

/**
 * A ValidatingAdmissionPolicy and its binding that deny every pod create in one namespace: how a
 * cluster's admission (a policy engine's webhook or an in-process policy) stops a Job's pods.
 */
async function denyPodsIn(namespace: string): Promise<void> {
  const name = `deny-pods-${namespace}`;
  const policy = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
      },
      validations: [
        { expression: 'false', message: 'pods need an approved image in this namespace (policy deny-pods)' },
      ],
    },
  };
  const binding = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: {
      policyName: name,
      validationActions: ['Deny'],
      matchResources: {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
      },
    },
  };
  await kubectlApply([policy, binding]);
  // The admission plugin's informers see a new binding within a moment: wait until a pod is refused.
  await waitFor('the pod-denying policy to act', async () => {
    try {
      await cluster().core.createNamespacedPod({
        namespace,
        dryRun: 'All',
        body: { metadata: { name: 'probe' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } },
      });
      return undefined;
    } catch {
      return true;
    }
  });
}

async function allowPodsIn(namespace: string): Promise<void> {
  const name = `deny-pods-${namespace}`;
  await kubectl([
    'delete',
    '--ignore-not-found',
    `validatingadmissionpolicybinding/${name}`,
    `validatingadmissionpolicy/${name}`,
  ]);
}

async function kubectlApply(objects: unknown[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'record-fixtures-'));
  try {
    const file = join(dir, 'objects.json');
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
    await kubectl(['apply', '-f', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pods the recorder binds itself (see the header); `terminationGracePeriodSeconds` short so a deleted pod is soon overdue. */
function manuallyScheduled(job: V1Job): V1Job {
  return withSpec(job, { template: { spec: { schedulerName: MANUAL_SCHEDULER, terminationGracePeriodSeconds: 1 } } });
}

async function bind(namespace: string, pod: string, node: string): Promise<void> {
  await cluster().core.createNamespacedPodBinding({
    name: pod,
    namespace,
    body: {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: pod, namespace },
      target: { apiVersion: 'v1', kind: 'Node', name: node },
    },
  });
}

/** Binds each pod of an Indexed Job as `nodeOf(index)` says, once the Job has created them all. */
async function bindIndexes(
  namespace: string,
  job: V1Job,
  count: number,
  nodeOf: (index: number) => string,
): Promise<void> {
  const pods = await waitFor(`${count} pods of ${job.metadata!.name}`, async () => {
    const current = await podsOf(await readJob(namespace, job.metadata!.name!));
    return current.length >= count ? current : undefined;
  });
  for (const pod of pods) {
    const index = Number(pod.metadata!.annotations!['batch.kubernetes.io/job-completion-index']);
    await bind(namespace, pod.metadata!.name!, nodeOf(index));
  }
}

const failJobOn137 = {
  podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [137] } }] },
};

const SCENARIOS: Scenario[] = [
  {
    name: 'complete',
    description: 'Seed pi: one pod succeeds; Complete with reason CompletionsReached.',
    job: loadJob('pi'),
    until: jobCondition('Complete'),
  },
  {
    name: 'pod-failure-policy-failjob',
    description:
      'Seed job-pod-failure-policy-example (completions 12, parallelism 3): container main exits 42, matching the FailJob rule; Failed with reason PodFailurePolicy, the other running pods are terminated.',
    job: withOutcome(loadJob('job-pod-failure-policy-example'), { outcome: 'exit=42' }),
    until: jobCondition('Failed'),
  },
  {
    name: 'success-policy',
    description:
      'Seed job-success (Indexed, completions 10, successPolicy succeededIndexes 0,2-3 with succeededCount 1) with backoffLimit 9: index 2 succeeds, every other index exits 1; Complete with reason SuccessPolicy.',
    job: withOutcome(withSpec(loadJob('job-success'), { backoffLimit: 9 }), {
      outcome: 'exit=1',
      'outcome-index-2': 'succeed',
    }),
    until: jobCondition('Complete'),
  },
  {
    name: 'success-policy-backoff-race',
    description:
      'Seed job-success exactly as written (default backoffLimit 6): index 2 succeeds while the nine other indexes exit 1 at about the same time. The backoff limit is evaluated before the success policy, so the Job fails with BackoffLimitExceeded although index 2 succeeded. This is a race (on the testbed about two runs in three end this way, the others with SuccessPolicy); the recorder repeats the scenario until it shows the failure.',
    job: withOutcome(loadJob('job-success'), { outcome: 'exit=1', 'outcome-index-2': 'succeed' }),
    until: async (namespace, job) =>
      waitFor('a terminal condition', async () => {
        const current = await readJob(namespace, job.metadata!.name!);
        return condition(current, 'Complete') || condition(current, 'Failed') ? true : undefined;
      }),
    accept: (job) =>
      condition(job, 'Failed')?.reason === 'BackoffLimitExceeded' && (job.status?.completedIndexes ?? '') !== '',
  },
  {
    name: 'deadline-exceeded',
    description:
      'Seed pi-with-timeout with activeDeadlineSeconds 3; the pod keeps running (outcome run) until the deadline; Failed with reason DeadlineExceeded, the pod deleted and counted as failed.',
    job: withOutcome(withSpec(loadJob('pi-with-timeout'), { activeDeadlineSeconds: 3 }), { outcome: 'run' }),
    until: jobCondition('Failed'),
  },
  {
    name: 'ttl-finished',
    description:
      'Seed pi-with-ttl (ttlSecondsAfterFinished 100), recorded right after it completed: the TTL controller will delete it 100 s after completionTime.',
    job: loadJob('pi-with-ttl'),
    until: jobCondition('Complete'),
  },
  {
    name: 'suspended',
    description: 'Seed myjob created with suspend: true; condition Suspended (JobSuspended), no pods.',
    job: loadJob('myjob'),
    until: jobCondition('Suspended'),
  },
  {
    name: 'backoff-limit-exceeded',
    description:
      'Seed pi with backoffLimit 1; every pod exits 1; Failed with reason BackoffLimitExceeded after 2 failed pods.',
    job: withOutcome(withSpec(loadJob('pi'), { backoffLimit: 1 }), { outcome: 'exit=1' }),
    until: jobCondition('Failed'),
  },
  {
    name: 'evicted-ignored',
    description:
      'Seed job-pod-failure-policy-example; its first pod is evicted by the kubelet (DisruptionTarget, reason TerminationByKubelet, pod reason Evicted), which the Ignore rule does not count; all other pods succeed; Complete with failed 0.',
    job: withOutcome(loadJob('job-pod-failure-policy-example'), { outcome: 'evict;succeed' }),
    until: jobCondition('Complete'),
  },
  {
    name: 'max-failed-indexes-exceeded',
    description:
      'Indexed pi (completions 4, parallelism 4) with backoffLimitPerIndex 1 and maxFailedIndexes 1; indexes 1 and 3 always exit 1; Failed with reason MaxFailedIndexesExceeded, failedIndexes 1,3.',
    job: withOutcome(
      withSpec(loadJob('pi'), {
        completions: 4,
        parallelism: 4,
        completionMode: 'Indexed',
        backoffLimit: undefined,
        backoffLimitPerIndex: 1,
        maxFailedIndexes: 1,
      }),
      { 'outcome-index-1': 'exit=1', 'outcome-index-3': 'exit=1' },
    ),
    until: jobCondition('Failed'),
  },
  {
    name: 'image-pull-error',
    description:
      'Seed pi whose image cannot be pulled: the pod stays Pending, container waiting in ImagePullBackOff; the Job is stuck active.',
    job: withOutcome(loadJob('pi'), { outcome: 'image-pull-error' }),
    until: podState(
      'a pod in ImagePullBackOff',
      (p, job) =>
        p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff' && job.status?.active === 1,
    ),
  },
  {
    name: 'unschedulable',
    description:
      'Seed pi whose pod cannot be scheduled: PodScheduled=False (Unschedulable) and a FailedScheduling event; the Job is stuck active.',
    job: withOutcome(loadJob('pi'), { outcome: 'unschedulable' }),
    until: podState(
      'an unschedulable pod',
      (p, job) =>
        (p.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable') &&
        job.status?.active === 1,
    ),
  },
  {
    name: 'oom-failjob',
    description:
      'Seed pi with a FailJob rule on exit code 137; the container is OOMKilled (exit 137); Failed with reason PodFailurePolicy.',
    job: withOutcome(withSpec(loadJob('pi'), failJobOn137), { outcome: 'oom' }),
    until: jobCondition('Failed'),
  },
  {
    name: 'oom-backoff-limit-exceeded',
    description:
      'Seed pi with backoffLimit 1; both pods are OOMKilled (exit 137); Failed with reason BackoffLimitExceeded.',
    job: withOutcome(withSpec(loadJob('pi'), { backoffLimit: 1 }), { outcome: 'oom' }),
    until: jobCondition('Failed'),
  },
  {
    name: 'onfailure-restarted',
    description:
      'Seed pi with restartPolicy OnFailure (backoffLimit 4): the container exits 1 twice, restarting in place each time (BackOff events), and its third run keeps running. Recorded while running: restartCount 2, lastState terminated with exit code 1; the Job is active and not failed (2 restarts < backoffLimit 4).',
    job: withOutcome(withSpec(loadJob('pi'), { template: { spec: { restartPolicy: 'OnFailure' } } }), {
      outcome: 'exit=1;exit=1;run',
    }),
    until: podState('restartCount 2 and running', (p, job) => {
      const status = p.status?.containerStatuses?.[0];
      return status?.restartCount === 2 && status.state?.running !== undefined && job.status?.ready === 1;
    }),
  },
  {
    name: 'indexed-mixed-running',
    description:
      'Indexed pi (completions 6, parallelism 6, backoffLimitPerIndex 1): index 0 and 5 succeed; index 1 fails once then succeeds; index 2 always exits 2 (failed index); index 3 keeps running; index 4 is OOMKilled once, its retry keeps running. Recorded while still running: completedIndexes 0,1,5, failedIndexes 2.',
    job: withOutcome(
      withSpec(loadJob('pi'), {
        completions: 6,
        parallelism: 6,
        completionMode: 'Indexed',
        backoffLimit: undefined,
        backoffLimitPerIndex: 1,
      }),
      {
        'outcome-index-1': 'exit=1;succeed',
        'outcome-index-2': 'exit=2',
        'outcome-index-3': 'run',
        'outcome-index-4': 'oom;run',
      },
    ),
    until: async (namespace, job) =>
      waitFor(
        'completedIndexes 0,1,5, failedIndexes 2 and two pods running',
        async () => {
          const current = await readJob(namespace, job.metadata!.name!);
          const running = (await podsOf(current)).filter((p) => p.status?.phase === 'Running').length;
          return current.status?.completedIndexes === '0,1,5' &&
            current.status?.failedIndexes === '2' &&
            running === 2 &&
            current.status.active === 2
            ? true
            : undefined;
        },
        { describe: () => describeJob(namespace, job.metadata!.name!) },
      ),
  },
  {
    name: 'failed-create-quota',
    description:
      'Seed pi in a namespace whose ResourceQuota allows 0 pods (status written by the recorder: the testbed runs no quota controller): the API server rejects every pod; FailedCreate events on the Job quote the quota; the Job is stuck with active 0.',
    job: loadJob('pi'),
    before: async (namespace) => {
      await kubectl(['create', 'quota', 'pods', '--hard=pods=0', '-n', namespace]);
      await kubectl([
        'patch',
        'resourcequota',
        'pods',
        '-n',
        namespace,
        '--subresource=status',
        '--type=merge',
        '-p',
        JSON.stringify({ status: { hard: { pods: '0' }, used: { pods: '0' } } }),
      ]);
    },
    until: async (namespace, job) =>
      waitFor('two FailedCreate events on the Job', async () => {
        const events = JSON.parse(await kubectl(['get', 'events', '-n', namespace, '-o', 'json'])) as {
          items: { reason?: string; count?: number; involvedObject?: { kind?: string; name?: string } }[];
        };
        const failed = events.items.filter(
          (e) => e.reason === 'FailedCreate' && e.involvedObject?.name === job.metadata!.name,
        );
        return failed.reduce((n, e) => n + (e.count ?? 1), 0) >= 2 ? true : undefined;
      }),
  },
  {
    name: 'parallelism-zero',
    description:
      'Seed pi with completions 3 and parallelism 0: the controller starts the Job (startTime) but creates no pod; active 0, no conditions.',
    job: withSpec(loadJob('pi'), { completions: 3, parallelism: 0 }),
    until: async (namespace, job) => {
      await waitFor('startTime', async () =>
        (await readJob(namespace, job.metadata!.name!)).status?.startTime ? true : undefined,
      );
      await sleep(2000);
    },
  },
  {
    name: 'managed-by-other',
    description:
      'Seed pi with spec.managedBy example.com/batch-operator (no such controller runs): the built-in Job controller skips it; no status, no pods, no events.',
    job: withSpec(loadJob('pi'), { managedBy: 'example.com/batch-operator' }),
    until: async () => sleep(4000),
  },
  {
    name: 'suspended-kueue',
    description:
      'Seed myjob (suspend: true) labelled kueue.x-k8s.io/queue-name: team-a-queue, as a Job submitted to Kueue waits for admission (Kueue itself is not installed); condition Suspended (JobSuspended), no pods.',
    job: (() => {
      const job = loadJob('myjob');
      job.metadata!.labels = { ...job.metadata!.labels, 'kueue.x-k8s.io/queue-name': 'team-a-queue' };
      return job;
    })(),
    until: jobCondition('Suspended'),
  },
  {
    name: 'stuck-terminating',
    description:
      'Seed pi with podReplacementPolicy Failed whose pod is bound to a node that does not exist (no kubelet) and then deleted (grace period 1 s): it stays Terminating (Pending with a deletionTimestamp, job-tracking finalizer kept); status.terminating 1, active 0, and no replacement pod is created. Recorded about 15 s after the deletion.',
    job: withSpec(manuallyScheduled(loadJob('pi')), { podReplacementPolicy: 'Failed' }),
    until: async (namespace, job) => {
      const [pod] = await waitFor('the pod', async () => {
        const pods = await podsOf(await readJob(namespace, job.metadata!.name!));
        return pods.length > 0 ? pods : undefined;
      });
      await bind(namespace, pod!.metadata!.name!, GONE_NODE);
      await waitFor('active 1', async () =>
        (await readJob(namespace, job.metadata!.name!)).status?.active === 1 ? true : undefined,
      );
      await cluster().core.deleteNamespacedPod({ name: pod!.metadata!.name!, namespace });
      await waitFor('terminating 1', async () =>
        (await readJob(namespace, job.metadata!.name!)).status?.terminating === 1 ? true : undefined,
      );
      await sleep(15_000);
    },
  },
  {
    name: 'failure-target-interim',
    description:
      'Indexed pi (completions 2, parallelism 2) with a FailJob rule on exit code 3 of container pi: index 0 runs on a simulated node and exits 3; index 1 is bound to a node that does not exist, so when the controller deletes it the pod stays Terminating. Recorded in the interim: FailureTarget (PodFailurePolicy) without Failed, terminating 1.',
    job: withOutcome(
      withSpec(manuallyScheduled(loadJob('pi')), {
        completions: 2,
        parallelism: 2,
        completionMode: 'Indexed',
        podFailurePolicy: {
          rules: [{ action: 'FailJob', onExitCodes: { containerName: 'pi', operator: 'In', values: [3] } }],
        },
      }),
      { 'outcome-index-0': 'exit=3', 'outcome-index-1': 'run' },
    ),
    until: async (namespace, job) => {
      await bindIndexes(namespace, job, 2, (index) => (index === 0 ? SIMULATED_NODE : GONE_NODE));
      await waitFor('FailureTarget with a terminating pod', async () => {
        const current = await readJob(namespace, job.metadata!.name!);
        return condition(current, 'FailureTarget') && current.status?.terminating === 1 ? true : undefined;
      });
      await sleep(1000);
    },
    accept: (job) => condition(job, 'FailureTarget')?.status === 'True' && condition(job, 'Failed') === undefined,
  },
  {
    name: 'success-criteria-met-interim',
    description:
      'Indexed pi (completions 2, parallelism 2) with successPolicy succeededIndexes "0": index 0 runs on a simulated node and succeeds; index 1 is bound to a node that does not exist, so when the controller deletes it the pod stays Terminating. Recorded in the interim: SuccessCriteriaMet (SuccessPolicy) without Complete, terminating 1.',
    job: withSpec(manuallyScheduled(loadJob('pi')), {
      completions: 2,
      parallelism: 2,
      completionMode: 'Indexed',
      successPolicy: { rules: [{ succeededIndexes: '0' }] },
    }),
    until: async (namespace, job) => {
      await bindIndexes(namespace, job, 2, (index) => (index === 0 ? SIMULATED_NODE : GONE_NODE));
      await waitFor('SuccessCriteriaMet with a terminating pod', async () => {
        const current = await readJob(namespace, job.metadata!.name!);
        return condition(current, 'SuccessCriteriaMet') && current.status?.terminating === 1 ? true : undefined;
      });
      await sleep(1000);
    },
    accept: (job) =>
      condition(job, 'SuccessCriteriaMet')?.status === 'True' && condition(job, 'Complete') === undefined,
  },
  {
    name: 'failed-indexes',
    description:
      'Indexed pi (completions 3, parallelism 3, backoffLimitPerIndex 1, no maxFailedIndexes): index 1 exits 1 on both of its attempts, indexes 0 and 2 succeed; Failed with reason FailedIndexes, failedIndexes 1, completedIndexes 0,2.',
    job: withOutcome(
      withSpec(loadJob('pi'), {
        completions: 3,
        parallelism: 3,
        completionMode: 'Indexed',
        backoffLimit: undefined,
        backoffLimitPerIndex: 1,
      }),
      { 'outcome-index-1': 'exit=1' },
    ),
    until: jobCondition('Failed'),
  },
  {
    name: 'pod-failure-policy-ignore-count',
    description:
      'Seed pi with backoffLimit 1 and rules FailJob on exit 42, Ignore on DisruptionTarget, Count on exit 5: the first pod is evicted by the kubelet (Ignore: not counted), the next two exit 5 (Count); Failed with reason BackoffLimitExceeded and failed 2 although three pods failed.',
    job: withOutcome(
      withSpec(loadJob('pi'), {
        backoffLimit: 1,
        podFailurePolicy: {
          rules: [
            { action: 'FailJob', onExitCodes: { containerName: 'pi', operator: 'In', values: [42] } },
            { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
            { action: 'Count', onExitCodes: { operator: 'In', values: [5] } },
          ],
        },
      }),
      { outcome: 'evict;exit=5' },
    ),
    until: jobCondition('Failed'),
  },
  {
    name: 'onfailure-backoff-limit',
    description:
      'Seed pi with restartPolicy OnFailure and backoffLimit 2: the container exits 1 on every run and restarts in place; once its restartCount reaches 2 the Job fails with BackoffLimitExceeded and the controller deletes the pod. Recorded after the pod is gone: status.failed 1, no pods, only events left.',
    job: withOutcome(withSpec(loadJob('pi'), { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure' } } }), {
      outcome: 'exit=1',
    }),
    until: async (namespace, job) => {
      const failed = await waitForJobCondition(namespace, job.metadata!.name!, 'Failed');
      await waitFor('the pod to be gone', async () => ((await podsOf(failed)).length === 0 ? true : undefined));
    },
  },
  {
    name: 'init-container-failjob',
    description:
      'Seed pi with an init container fetch-input that exits 3 and a FailJob rule on exit 3 of fetch-input: the pod fails in Init:Error (main container never started); Failed with reason PodFailurePolicy.',
    job: withOutcome(
      withSpec(loadJob('pi'), {
        podFailurePolicy: {
          rules: [{ action: 'FailJob', onExitCodes: { containerName: 'fetch-input', operator: 'In', values: [3] } }],
        },
        template: {
          spec: {
            initContainers: [
              {
                name: 'fetch-input',
                image: 'busybox:1.36',
                command: ['sh', '-c', 'wget -q -O /work/input http://inputs.example/batch-7'],
              },
            ],
          },
        },
      }),
      { outcome: 'exit=3', container: 'fetch-input' },
    ),
    until: jobCondition('Failed'),
  },
  {
    name: 'fail-index',
    description:
      'Indexed pi (completions 3, parallelism 3, backoffLimitPerIndex 2) with a FailIndex rule on exit 42: index 1 exits 42 and is failed at once (no retry, although its budget allows 2), indexes 0 and 2 succeed; Failed with reason FailedIndexes, failedIndexes 1, completedIndexes 0,2, failed 1.',
    job: withOutcome(
      withSpec(loadJob('pi'), {
        completions: 3,
        parallelism: 3,
        completionMode: 'Indexed',
        backoffLimit: undefined,
        backoffLimitPerIndex: 2,
        podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] },
      }),
      { 'outcome-index-1': 'exit=42' },
    ),
    until: jobCondition('Failed'),
  },
  {
    name: 'work-queue-mixed',
    description:
      'A work-queue Job (pi with parallelism 2, completions unset, backoffLimit 6): of the two workers started together one exits 1 and the other succeeds; once a worker has succeeded the controller starts no new pod, and the Job completes when no pod is active (Complete, reason CompletionsReached, succeeded 1, failed 1 or more).',
    job: withOutcome(withSpec(loadJob('pi'), { parallelism: 2, completions: undefined, backoffLimit: 6 }), {
      outcome: 'exit=1;succeed',
    }),
    until: jobCondition('Complete'),
  },
  {
    name: 'resumed',
    description:
      'Seed myjob created with suspend: true (condition Suspended, reason JobSuspended), then resumed with suspend: false: the Suspended condition turns False with reason JobResumed, startTime is set anew, the pod runs and succeeds; Complete.',
    job: loadJob('myjob'),
    until: async (namespace, job) => {
      const name = job.metadata!.name!;
      await waitForJobCondition(namespace, name, 'Suspended');
      await cluster().batch.patchNamespacedJob(
        { namespace, name, body: { spec: { suspend: false } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await waitForJobCondition(namespace, name, 'Complete');
    },
  },
  {
    name: 'pods-denied-by-admission',
    description:
      "Seed pi in a namespace where a ValidatingAdmissionPolicy (an admission plugin, as a webhook would be) denies every pod create: the Job controller's creates fail with FailedCreate events naming the policy, no pod exists, the Job stays active with nothing running (stuck).",
    job: loadJob('pi'),
    before: async (namespace) => denyPodsIn(namespace),
    until: async (namespace, job) =>
      waitFor('FailedCreate events', async () => {
        const events = JSON.parse(await kubectl(['get', 'events', '-n', namespace, '-o', 'json'])) as {
          items: { reason?: string; involvedObject?: { name?: string } }[];
        };
        const failed = events.items.filter(
          (e) => e.reason === 'FailedCreate' && e.involvedObject?.name === job.metadata!.name,
        );
        return failed.length > 0 ? true : undefined;
      }),
    after: async (namespace) => allowPodsIn(namespace),
  },
  {
    name: 'evicted-counted',
    description:
      'Seed pi with backoffLimit 0 and no pod failure policy: its pod is evicted by the kubelet (DisruptionTarget TerminationByKubelet, exit 137); the eviction counts; Failed with reason BackoffLimitExceeded.',
    job: withOutcome(withSpec(loadJob('pi'), { backoffLimit: 0 }), { outcome: 'evict' }),
    until: jobCondition('Failed'),
  },
];

async function record(scenario: Scenario, kubernetesVersion: string): Promise<void> {
  const namespace = `fixture-${scenario.name}`;
  for (let attempt = 1; ; attempt++) {
    await freshNamespace(namespace);
    try {
      await scenario.before?.(namespace);
      const created = await createJob(namespace, scenario.job);
      await scenario.until(namespace, created);
      if (scenario.accept && !scenario.accept(await readJob(namespace, created.metadata!.name!))) {
        if (attempt >= ATTEMPTS_FOR_RACES) throw new Error(`the race did not show in ${attempt} runs`);
        process.stdout.write(`${scenario.name}: run ${attempt} did not show the race; again\n`);
        continue;
      }
      await snapshot(scenario, namespace, created, kubernetesVersion);
      return;
    } finally {
      await scenario.after?.(namespace);
      await deleteNamespace(namespace);
    }
  }
}

async function snapshot(
  scenario: Scenario,
  namespace: string,
  created: V1Job,
  kubernetesVersion: string,
): Promise<void> {
  const recordedAt = recordingTime();
  const name = created.metadata!.name!;
  const job = strip(JSON.parse(await kubectl(['get', 'job', name, '-n', namespace, '-o', 'json'])) as Json);
  const pods = (
    JSON.parse(
      await kubectl([
        'get',
        'pods',
        '-n',
        namespace,
        '-l',
        `batch.kubernetes.io/controller-uid=${created.metadata!.uid}`,
        '-o',
        'json',
      ]),
    ) as {
      items: Json[];
    }
  ).items
    .map(strip)
    .sort(byCreation);
  const events = (
    JSON.parse(await kubectl(['get', 'events', '-n', namespace, '-o', 'json'])) as { items: Json[] }
  ).items
    .map(strip)
    .sort((a, b) => eventTime(a).localeCompare(eventTime(b)));

  const dir = join(OUT, scenario.name);
  mkdirSync(dir, { recursive: true });
  const write = (file: string, value: unknown) => writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  write('job.json', job);
  write('pods.json', pods);
  write('events.json', events);
  write('meta.json', {
    scenario: scenario.name,
    description: scenario.description,
    recordedAt,
    kubernetesVersion,
    recordedWith:
      'scripts/record-fixtures.ts on the testbed (test/testbed/README.md; pods driven by the node simulator)',
    namespace,
    job: name,
  });
  const conditions = ((job.status as Json | undefined)?.conditions as Json[] | undefined) ?? [];
  process.stdout.write(
    `${scenario.name}: ${pods.length} pods, ${events.length} events, conditions ${conditions.map((c) => `${c.type}/${c.reason}`).join(' ') || '(none)'}\n`,
  );
}

async function main(): Promise<void> {
  const version = (await cluster().kubeConfig.makeApiClient(VersionApi).getCode()).gitVersion;
  await runScenarios(SCENARIOS, process.argv.slice(2), (scenario) => record(scenario, version));
}

main().catch((err: unknown) => {
  process.stderr.write(`record-fixtures: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
