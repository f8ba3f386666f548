// The node simulator's contract (test/testbed/README.md, "Node simulator"), checked through what
// the real Job controller makes of it: every outcome must look to the controller like the same
// thing on a real node (exit codes matched by pod failure policies, restarts counted against
// backoffLimit, disruptions ignored, graceful deletion ending with the pod gone).
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { cluster } from './helpers/cluster.ts';
import { condition, createJob, loadJob, podsOf, readJob, withOutcome, withSpec } from './helpers/jobs.ts';
import { createNamespace, deleteNamespace } from './helpers/namespace.ts';
import { describeJob, waitFor, waitForJobCondition } from './helpers/wait.ts';

const SUITE = 'node simulator outcomes, as the Job controller sees them';
let ns: string;

beforeEach(async () => {
  ns = await createNamespace((expect.getState().currentTestName ?? 'simulator').replace(SUITE, ''));
});

afterEach(async () => {
  await deleteNamespace(ns);
});

/** Waits until one of the Job's pods satisfies `check`. */
function waitForPod(job: V1Job, what: string, check: (pod: V1Pod) => boolean): Promise<V1Pod> {
  return waitFor(what, async () => (await podsOf(job)).find(check), {
    describe: () => describeJob(ns, job.metadata!.name!),
  });
}

async function eventsFor(name: string): Promise<{ reason?: string; message?: string; type?: string }[]> {
  const list = await cluster().core.listNamespacedEvent({ namespace: ns });
  return list.items.filter((e) => e.involvedObject.name === name);
}

const failJobOn = (exitCode: number, containerName?: string) => ({
  podFailurePolicy: {
    rules: [
      {
        action: 'FailJob',
        onExitCodes: { ...(containerName ? { containerName } : {}), operator: 'In', values: [exitCode] },
      },
    ],
  },
});

describe(SUITE, () => {
  test('oom: exit 137 reason OOMKilled, matched by a FailJob rule on 137', async () => {
    const job = withOutcome(withSpec(loadJob('pi'), failJobOn(137)), { outcome: 'oom' });
    const created = await createJob(ns, job);

    const failed = await waitForJobCondition(ns, 'pi', 'Failed');

    expect(condition(failed, 'Failed')?.reason).toBe('PodFailurePolicy');
    expect(condition(failed, 'Failed')?.message).toMatch(
      /^Container pi for pod .+ failed with exit code 137 matching FailJob rule at index 0$/,
    );
    const [pod] = await podsOf(created);
    expect(pod?.status?.phase).toBe('Failed');
    expect(pod?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'OOMKilled',
    });
  });

  test('the container annotation picks an init container: its exit code fails the pod (Init:Error)', async () => {
    const job = withSpec(loadJob('pi'), {
      ...failJobOn(3, 'setup'),
      template: { spec: { initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['true'] }] } },
    });
    const created = await createJob(ns, withOutcome(job, { outcome: 'exit=3', container: 'setup' }));

    const failed = await waitForJobCondition(ns, 'pi', 'Failed');

    expect(condition(failed, 'Failed')?.message).toMatch(
      /^Container setup for pod .+ failed with exit code 3 matching FailJob rule at index 0$/,
    );
    const [pod] = await podsOf(created);
    expect(pod?.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(pod?.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
    });
  });

  test('restartPolicy OnFailure: a failing container restarts in place, the next run succeeds', async () => {
    const job = withSpec(loadJob('pi'), { template: { spec: { restartPolicy: 'OnFailure' } } });
    const created = await createJob(ns, withOutcome(job, { outcome: 'exit=1;succeed' }));

    const done = await waitForJobCondition(ns, 'pi', 'Complete');

    expect(done.status?.succeeded).toBe(1);
    expect(done.status?.failed ?? 0).toBe(0);
    const pods = await podsOf(created);
    expect(pods).toHaveLength(1);
    const status = pods[0]!.status?.containerStatuses?.[0];
    expect(status?.restartCount).toBe(1);
    expect(status?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(status?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect((await eventsFor(pods[0]!.metadata!.name!)).map((e) => e.reason)).toContain('BackOff');
  });

  test('restartPolicy OnFailure: restarts count against backoffLimit (BackoffLimitExceeded)', async () => {
    const job = withSpec(loadJob('pi'), { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure' } } });
    await createJob(ns, withOutcome(job, { outcome: 'exit=1' }));

    const failed = await waitForJobCondition(ns, 'pi', 'Failed');

    expect(condition(failed, 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(failed.status?.active ?? 0).toBe(0);
  });

  test('unschedulable: PodScheduled=False/Unschedulable and a FailedScheduling event; the Job stays active', async () => {
    const created = await createJob(ns, withOutcome(loadJob('pi'), { outcome: 'unschedulable' }));

    const pod = await waitForPod(created, 'an unschedulable pod', (p) =>
      (p.status?.conditions ?? []).some(
        (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
      ),
    );

    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status?.phase).toBe('Pending');
    const events = await waitFor('the FailedScheduling event', async () => {
      const list = await eventsFor(pod.metadata!.name!);
      return list.some((e) => e.reason === 'FailedScheduling') ? list : undefined;
    });
    expect(events.find((e) => e.reason === 'FailedScheduling')?.message).toMatch(/^0\/2 nodes are available: /);
    const job = await waitFor('the Job to count the pod as active', async () => {
      const j = await readJob(ns, 'pi');
      return j.status?.active === 1 ? j : undefined;
    });
    expect(job.status?.ready).toBe(0);
    expect(job.status?.conditions ?? []).toEqual([]);
  });

  test('image-pull-error: the pod stays Pending in ImagePullBackOff, with Failed and BackOff events', async () => {
    const created = await createJob(ns, withOutcome(loadJob('pi'), { outcome: 'image-pull-error' }));

    const pod = await waitForPod(
      created,
      'a pod in ImagePullBackOff',
      (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff',
    );

    expect(pod.status?.phase).toBe('Pending');
    expect(pod.spec?.nodeName).toMatch(/^testbed-node-/);
    const reasons = (await eventsFor(pod.metadata!.name!)).map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toEqual(expect.arrayContaining(['Failed: Error: ErrImagePull', 'Failed: Error: ImagePullBackOff']));
    expect(reasons.some((r) => r.startsWith('BackOff: Back-off pulling image "perl:5.34.0"'))).toBe(true);
    expect((await readJob(ns, 'pi')).status?.conditions ?? []).toEqual([]);
  });

  test('Eviction API on a running pod: DisruptionTarget, graceful stop, ignored by the Ignore rule', async () => {
    const seed = withSpec(loadJob('job-pod-failure-policy-example'), { completions: 1, parallelism: 1 });
    const created = await createJob(ns, withOutcome(seed, { outcome: 'run;succeed' }));
    const running = await waitForPod(created, 'a running pod', (p) => p.status?.phase === 'Running');

    await cluster().core.createNamespacedPodEviction({
      name: running.metadata!.name!,
      namespace: ns,
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: running.metadata!.name!, namespace: ns } },
    });

    const done = await waitForJobCondition(ns, 'job-pod-failure-policy-example', 'Complete');
    expect(done.status?.succeeded).toBe(1);
    expect(done.status?.failed ?? 0).toBe(0);
    // The evicted pod went away once the controller released it (the simulator's final DELETE).
    await waitFor('the evicted pod to be gone', async () =>
      (await podsOf(created)).some((p) => p.metadata!.uid === running.metadata!.uid) ? undefined : true,
    );
    const reasons = (await eventsFor(running.metadata!.name!)).map((e) => e.reason);
    expect(reasons).toContain('Killing');
  });

  test('kubectl delete of a running pod: exit 143, the pod disappears and counts as a failure', async () => {
    const created = await createJob(ns, withOutcome(loadJob('pi'), { outcome: 'run;succeed' }));
    const running = await waitForPod(created, 'a running pod', (p) => p.status?.phase === 'Running');

    await cluster().core.deleteNamespacedPod({ name: running.metadata!.name!, namespace: ns });

    const done = await waitForJobCondition(ns, 'pi', 'Complete');
    expect(done.status?.succeeded).toBe(1);
    // podReplacementPolicy TerminatingOrFailed (the default without a pod failure policy): a
    // deleted pod is a failed pod.
    expect(done.status?.failed).toBe(1);
    await waitFor('the deleted pod to be gone', async () =>
      (await podsOf(created)).some((p) => p.metadata!.uid === running.metadata!.uid) ? undefined : true,
    );
  });
});
