// The seed examples (test/e2e/manifests/, from the Kubernetes Job documentation) run for real on
// the testbed: the real Job controller, TTL controller and garbage collector, with the node
// simulator playing the nodes. Every assertion is on what the controllers wrote: conditions,
// reasons, messages and status counters. Pod outcomes come from the node simulator's annotations.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { cluster } from './helpers/cluster.ts';
import { condition, createJob, loadJob, podsOf, readJob, withOutcome, withSpec } from './helpers/jobs.ts';
import { createNamespace, deleteNamespace } from './helpers/namespace.ts';
import { waitFor, waitForJobCondition, waitForJobGone } from './helpers/wait.ts';

const SUITE = 'seed examples on the testbed';
let ns: string;

beforeEach(async () => {
  ns = await createNamespace((expect.getState().currentTestName ?? 'seed').replace(SUITE, ''));
});

afterEach(async () => {
  await deleteNamespace(ns);
});

describe(SUITE, () => {
  test('pi completes: Complete/CompletionsReached, succeeded 1', async () => {
    await createJob(ns, loadJob('pi'));

    const job = await waitForJobCondition(ns, 'pi', 'Complete');

    expect(condition(job, 'SuccessCriteriaMet')).toMatchObject({ status: 'True', reason: 'CompletionsReached' });
    expect(condition(job, 'Complete')).toMatchObject({
      reason: 'CompletionsReached',
      message: 'Reached expected number of succeeded pods',
    });
    expect(job.status?.succeeded).toBe(1);
    expect(job.status?.active ?? 0).toBe(0);
    expect(job.status?.failed ?? 0).toBe(0);
    expect(job.status?.completionTime).toBeDefined();
    const pods = await podsOf(job);
    expect(pods).toHaveLength(1);
    expect(pods[0]!.status?.phase).toBe('Succeeded');
    expect(pods[0]!.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
  });

  test('job-pod-failure-policy-example: exit 42 of container main fails the Job (PodFailurePolicy)', async () => {
    await createJob(ns, withOutcome(loadJob('job-pod-failure-policy-example'), { outcome: 'exit=42' }));

    const job = await waitForJobCondition(ns, 'job-pod-failure-policy-example', 'Failed');

    const failed = condition(job, 'Failed');
    expect(failed?.reason).toBe('PodFailurePolicy');
    expect(failed?.message).toMatch(
      new RegExp(
        `^Container main for pod ${ns}/job-pod-failure-policy-example-\\w+ failed with exit code 42 matching FailJob rule at index 0$`,
      ),
    );
    expect(condition(job, 'FailureTarget')).toMatchObject({ status: 'True', reason: 'PodFailurePolicy' });
    expect(condition(job, 'Complete')).toBeUndefined();
    expect(job.status?.failed).toBeGreaterThanOrEqual(1);
    expect(job.status?.succeeded ?? 0).toBe(0);
  });

  test('job-success: index 2 succeeding meets the success policy (SuccessPolicy)', async () => {
    // The other indexes exit 1. With the seed's default backoffLimit (6) the outcome would be a
    // race: nine failures can reach the controller in the same sync as index 2's success, and the
    // backoff limit is checked before the success policy (it then fails with
    // BackoffLimitExceeded). A backoffLimit above the number of failing indexes takes the race out.
    const seed = withSpec(loadJob('job-success'), { backoffLimit: 9 });
    await createJob(ns, withOutcome(seed, { outcome: 'exit=1', 'outcome-index-2': 'succeed' }));

    const job = await waitForJobCondition(ns, 'job-success', 'Complete');

    expect(condition(job, 'SuccessCriteriaMet')).toMatchObject({
      status: 'True',
      reason: 'SuccessPolicy',
      message: 'Matched rules at index 0',
    });
    expect(condition(job, 'Complete')).toMatchObject({ reason: 'SuccessPolicy', message: 'Matched rules at index 0' });
    expect(job.status?.completedIndexes).toBe('2');
    expect(job.status?.succeeded).toBe(1);
    expect(condition(job, 'Failed')).toBeUndefined();
  });

  test('pi-with-timeout: activeDeadlineSeconds 3 with a pod that keeps running (DeadlineExceeded)', async () => {
    const seed = withSpec(loadJob('pi-with-timeout'), { activeDeadlineSeconds: 3 });
    await createJob(ns, withOutcome(seed, { outcome: 'run' }));

    const job = await waitForJobCondition(ns, 'pi-with-timeout', 'Failed');

    expect(condition(job, 'Failed')).toMatchObject({
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    });
    expect(condition(job, 'FailureTarget')?.reason).toBe('DeadlineExceeded');
    expect(job.status?.active ?? 0).toBe(0);
    expect(job.status?.terminating ?? 0).toBe(0);
    // The running pod was deleted by the controller and counted as failed.
    expect(job.status?.failed).toBe(1);
  });

  test('pi-with-ttl: ttlSecondsAfterFinished 2 deletes the finished Job and its pods', async () => {
    const created = await createJob(ns, withSpec(loadJob('pi-with-ttl'), { ttlSecondsAfterFinished: 2 }));

    const job = await waitForJobCondition(ns, 'pi-with-ttl', 'Complete');
    expect(job.status?.succeeded).toBe(1);

    await waitForJobGone(ns, created);
  });

  test('myjob: created suspended it has no pods (Suspended); resumed it runs to Complete', async () => {
    const created = await createJob(ns, loadJob('myjob'));

    const suspended = await waitForJobCondition(ns, 'myjob', 'Suspended');
    expect(condition(suspended, 'Suspended')).toMatchObject({ reason: 'JobSuspended', message: 'Job suspended' });
    expect(suspended.status?.active ?? 0).toBe(0);
    expect(await podsOf(created)).toHaveLength(0);

    await cluster().batch.patchNamespacedJob(
      { namespace: ns, name: 'myjob', body: { spec: { suspend: false } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

    const resumed = await waitForJobCondition(ns, 'myjob', 'Suspended', { status: 'False' });
    expect(condition(resumed, 'Suspended')).toMatchObject({ reason: 'JobResumed', message: 'Job resumed' });
    const job = await waitForJobCondition(ns, 'myjob', 'Complete');
    expect(job.status?.succeeded).toBe(5);
    expect(condition(job, 'Complete')?.reason).toBe('CompletionsReached');
  });

  test('backoffLimit 1 with every pod exiting 1: BackoffLimitExceeded after 2 failed pods', async () => {
    const seed = withSpec(loadJob('pi'), { backoffLimit: 1 });
    await createJob(ns, withOutcome(seed, { outcome: 'exit=1' }));

    const job = await waitForJobCondition(ns, 'pi', 'Failed');

    expect(condition(job, 'Failed')).toMatchObject({
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    });
    expect(job.status?.failed).toBe(2);
    const pods = await podsOf(job);
    expect(pods.map((p) => p.status?.phase)).toEqual(['Failed', 'Failed']);
    for (const pod of pods) {
      expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    }
  });

  test('an evicted pod is ignored by the DisruptionTarget Ignore rule; the Job still completes', async () => {
    // The seed's second rule: Ignore on DisruptionTarget. Its first pod is evicted, all others succeed.
    await createJob(ns, withOutcome(loadJob('job-pod-failure-policy-example'), { outcome: 'evict;succeed' }));

    const job = await waitForJobCondition(ns, 'job-pod-failure-policy-example', 'Complete');

    expect(condition(job, 'Complete')?.reason).toBe('CompletionsReached');
    expect(job.status?.succeeded).toBe(12);
    expect(job.status?.failed ?? 0).toBe(0);
    const evicted = (await podsOf(job)).filter((p) => p.status?.phase === 'Failed');
    expect(evicted).toHaveLength(1);
    expect(evicted[0]!.status?.reason).toBe('Evicted');
    expect(evicted[0]!.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'TerminationByKubelet',
    });
  });

  test('backoffLimitPerIndex 1, maxFailedIndexes 1, two indexes always failing: MaxFailedIndexesExceeded', async () => {
    const indexed = withSpec(loadJob('pi'), {
      completions: 4,
      parallelism: 4,
      completionMode: 'Indexed',
      backoffLimit: undefined,
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 1,
    });
    await createJob(ns, withOutcome(indexed, { 'outcome-index-1': 'exit=1', 'outcome-index-3': 'exit=1' }));

    const job = await waitForJobCondition(ns, 'pi', 'Failed');

    expect(condition(job, 'Failed')).toMatchObject({
      reason: 'MaxFailedIndexesExceeded',
      message: 'Job has exceeded the specified maximal number of failed indexes',
    });
    expect(job.status?.failedIndexes).toBe('1,3');
    expect(job.status?.completedIndexes).toBe('0,2');
    // Each failing index had its first pod and one retry (backoffLimitPerIndex 1).
    expect(job.status?.failed).toBe(4);
    const pods = await waitFor('the four failed pods to be listed', async () => {
      const list = (await podsOf(await readJob(ns, 'pi'))).filter((p) => p.status?.phase === 'Failed');
      return list.length === 4 ? list : undefined;
    });
    const counts = pods
      .map(
        (p) =>
          `${p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']}:${p.metadata?.annotations?.['batch.kubernetes.io/job-index-failure-count']}`,
      )
      .sort();
    expect(counts).toEqual(['1:0', '1:1', '3:0', '3:1']);
  });
});
