// explain's predictions against what the real Job controller then does. Each test asks
// `kubectl job-x explain -f` about a manifest, creates that manifest on the testbed with node
// simulator outcomes, and checks the outcome against the prediction (the numbers in the
// assertions come from explain's JSON, not from the test).
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { V1Job } from '@kubernetes/client-node';
import { cluster } from '../helpers/cluster.ts';
import { condition, createJob, loadJob, podsOf, readJob, withOutcome, withSpec } from '../helpers/jobs.ts';
import { deleteNamespace } from '../helpers/namespace.ts';
import { waitFor, waitForJobCondition } from '../helpers/wait.ts';
import { createExplainNamespace, explainManifest } from './explain-helpers.ts';

const SUITE = 'explain predictions on the testbed';
let ns: string;

beforeEach(async () => {
  ns = await createExplainNamespace((expect.getState().currentTestName ?? 'explain').replace(SUITE, ''));
});

afterEach(async () => {
  await deleteNamespace(ns);
});

/**
 * How many pods the Job controller created, from its SuccessfulCreate events (pods it deleted
 * are gone from the API). Only for a few pods: past ten, the event correlator combines them.
 */
async function createdPods(namespace: string, jobName: string): Promise<string[]> {
  const events = await cluster().core.listNamespacedEvent({
    namespace,
    fieldSelector: `involvedObject.kind=Job,involvedObject.name=${jobName},reason=SuccessfulCreate`,
  });
  const names = events.items.map((event) => (event.message ?? '').replace(/^Created pod: /, '')).sort();
  if (names.some((name) => name.startsWith('(combined')))
    throw new Error('events were combined: count the pods instead');
  return names;
}

/** Explains the manifest, then creates it. */
async function explainAndCreate(job: V1Job) {
  const prediction = await explainManifest(job);
  expect(prediction.rejected).toBe(false);
  await createJob(ns, job);
  return prediction;
}

describe(SUITE, () => {
  test('pod failure policy: exit 42 of container main fails the whole Job at once, no pod retried', async () => {
    // The first pod exits 42; the others would keep running.
    const job = withOutcome(loadJob('job-pod-failure-policy-example'), { outcome: 'exit=42;run' });
    const prediction = await explainAndCreate(job);
    const failJob = prediction.podFailurePolicy?.rules.find(
      (rule) => rule.action === 'FailJob' && rule.onExitCodes?.values.includes(42),
    );
    expect(failJob?.onExitCodes?.containerName).toBe('main');
    expect(failJob?.sentence).toMatch(/the whole Job fails at once \(reason PodFailurePolicy\)/);

    const done = await waitForJobCondition(ns, job.metadata!.name!, 'Failed');

    expect(condition(done, 'Failed')).toMatchObject({ reason: 'PodFailurePolicy' });
    expect(condition(done, 'Failed')?.message).toMatch(
      new RegExp(
        `^Container main for pod ${ns}/\\S+ failed with exit code 42 matching FailJob rule at index ${failJob!.index}$`,
      ),
    );
    // "At once": only the first parallelism pods were ever created; none replaced the failed one.
    expect(await createdPods(ns, job.metadata!.name!)).toHaveLength(prediction.pods.atOnce!);
    const exited = (await podsOf(done)).filter((pod) =>
      pod.status?.containerStatuses?.some((s) => s.state?.terminated?.exitCode === 42),
    );
    expect(exited).toHaveLength(1);
  });

  test('pod failure policy: a disrupted pod is not counted and is replaced', async () => {
    const job = withOutcome(loadJob('job-pod-failure-policy-example'), { outcome: 'evict;succeed' });
    const prediction = await explainAndCreate(job);
    const ignore = prediction.podFailurePolicy?.rules.find((rule) =>
      rule.onPodConditions?.some((c) => c.type === 'DisruptionTarget' && c.status === 'True'),
    );
    expect(ignore?.action).toBe('Ignore');
    expect(ignore?.sentence).toMatch(/the failure is not counted .* and the pod is replaced/);

    const done = await waitForJobCondition(ns, job.metadata!.name!, 'Complete');

    expect(done.status?.failed ?? 0).toBe(0);
    expect(done.status?.succeeded).toBe(prediction.pods.successesNeeded);
    // The evicted pod was replaced: one more pod than successes (all of them stay, Never).
    const pods = await podsOf(done);
    expect(pods).toHaveLength(prediction.pods.successesNeeded! + 1);
    expect(pods.filter((pod) => pod.status?.phase === 'Failed').map((pod) => pod.status?.reason)).toEqual(['Evicted']);
  });

  test('backoffLimit 2: the Job fails at the 3rd counted failure, BackoffLimitExceeded, failed == 3', async () => {
    const job = withOutcome(withSpec(loadJob('pi'), { backoffLimit: 2 }), { outcome: 'exit=1' });
    const prediction = await explainAndCreate(job);
    expect(prediction.retries).toMatchObject({ budget: 2, countedAs: 'failedPods', schedule: [10, 20] });

    const done = await waitForJobCondition(ns, 'pi', 'Failed');

    expect(condition(done, 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded' });
    expect(done.status?.failed).toBe(prediction.retries.failsAfter);
    expect(await createdPods(ns, 'pi')).toHaveLength(prediction.retries.failsAfter!);
  });

  test('restartPolicy OnFailure: restarts in the same pod count; the pod is deleted when the Job fails', async () => {
    const job = withOutcome(
      withSpec(loadJob('pi'), { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure' } } }),
      { outcome: 'exit=1' },
    );
    const prediction = await explainAndCreate(job);
    expect(prediction.retries).toMatchObject({ budget: 2, failsAfter: 2, countedAs: 'containerRestarts' });
    expect(prediction.warnings.map((w) => w.id)).toContain('on-failure-loses-logs');

    const done = await waitForJobCondition(ns, 'pi', 'Failed');

    expect(condition(done, 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded' });
    // Restarted in place, never replaced: one pod in all, and it is gone with its logs.
    expect(await createdPods(ns, 'pi')).toHaveLength(1);
    await waitFor("the failed run's pod to be deleted", async () =>
      (await podsOf(done)).length === 0 ? true : undefined,
    );
  });

  test('job-success with backoffLimit 9: index 2 succeeding meets rule 0 (SuccessPolicy, completedIndexes 2)', async () => {
    const job = withOutcome(withSpec(loadJob('job-success'), { backoffLimit: 9 }), {
      outcome: 'exit=1',
      'outcome-index-2': 'succeed',
    });
    const prediction = await explainAndCreate(job);
    expect(prediction.success.reason).toBe('SuccessPolicy');
    const rule = prediction.successPolicy!.rules[0]!;
    expect(rule).toMatchObject({ succeededIndexes: '0,2-3', succeededCount: 1 });
    // With backoffLimit 9 the nine other indexes may all fail: no race finding any more.
    expect(prediction.findings.map((f) => f.ruleId)).not.toContain('success-policy-backoff-race');

    const done = await waitForJobCondition(ns, 'job-success', 'Complete');

    expect(condition(done, 'SuccessCriteriaMet')).toMatchObject({
      reason: 'SuccessPolicy',
      message: `Matched rules at index ${rule.index}`,
    });
    expect(condition(done, 'Complete')?.reason).toBe(prediction.success.reason);
    expect(done.status?.completedIndexes).toBe('2');
  });

  test('backoffLimitPerIndex 1, maxFailedIndexes 1: the 2nd failed index ends it (MaxFailedIndexesExceeded)', async () => {
    const job = withOutcome(
      withSpec(loadJob('pi'), {
        completions: 4,
        parallelism: 4,
        completionMode: 'Indexed',
        backoffLimit: undefined,
        backoffLimitPerIndex: 1,
        maxFailedIndexes: 1,
      }),
      { 'outcome-index-1': 'exit=1', 'outcome-index-3': 'exit=1' },
    );
    const prediction = await explainAndCreate(job);
    expect(prediction.effective.backoffLimit).toBe(2147483647);
    const perIndex = prediction.retries.perIndex!;
    expect(perIndex).toMatchObject({ budget: 1, failsIndexAfter: 2, maxFailedIndexes: 1 });

    const done = await waitForJobCondition(ns, 'pi', 'Failed');

    expect(condition(done, 'Failed')?.reason).toBe('MaxFailedIndexesExceeded');
    const failedIndexes = (done.status?.failedIndexes ?? '').split(',').filter((s) => s !== '');
    expect(failedIndexes).toHaveLength(perIndex.maxFailedIndexes! + 1);
    // Each failed index used its whole budget: failsIndexAfter pods each.
    expect(done.status?.failed).toBe(failedIndexes.length * perIndex.failsIndexAfter);
  });

  test('backoffLimitPerIndex 0 without maxFailedIndexes: every index runs, then FailedIndexes', async () => {
    const job = withOutcome(
      withSpec(loadJob('pi'), {
        completions: 3,
        parallelism: 3,
        completionMode: 'Indexed',
        backoffLimit: undefined,
        backoffLimitPerIndex: 0,
      }),
      {
        'outcome-index-1': 'exit=1',
      },
    );
    const prediction = await explainAndCreate(job);
    expect(prediction.retries.perIndex).toMatchObject({ budget: 0, failsIndexAfter: 1, maxFailedIndexes: null });
    expect(prediction.retries.sentences.join(' ')).toMatch(
      /every index runs to the end, then the Job fails \(reason FailedIndexes\)/,
    );

    const done = await waitForJobCondition(ns, 'pi', 'Failed');

    expect(condition(done, 'Failed')?.reason).toBe('FailedIndexes');
    expect(done.status).toMatchObject({ failedIndexes: '1', completedIndexes: '0,2', failed: 1 });
  });

  test('a deadline shorter than the backoff: DeadlineExceeded before the retries run out', async () => {
    const job = withOutcome(withSpec(loadJob('pi-with-timeout'), { activeDeadlineSeconds: 25 }), { outcome: 'exit=1' });
    const prediction = await explainAndCreate(job);
    // Retries would start 10 s and 30 s after instant failures: one starts within 25 s.
    const cut = prediction.deadline.sentences.find((s) => s.startsWith('Even if every pod failed at once'));
    expect(cut).toMatch(/let only 1 retry start within 25s \(backoffLimit allows 5\)/);

    const done = await waitForJobCondition(ns, 'pi-with-timeout', 'Failed');

    expect(condition(done, 'Failed')?.reason).toBe('DeadlineExceeded');
    // The first pod and at most the one retry the backoff allowed (pods take time to fail, too).
    const created = await createdPods(ns, 'pi-with-timeout');
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(created.length).toBeLessThanOrEqual(2);
    expect(done.status?.failed).toBe(created.length);
  });

  test('podReplacementPolicy TerminatingOrFailed: a running pod being deleted counts as failed and is replaced', async () => {
    const prediction = await explainAndCreate(withOutcome(loadJob('pi'), { outcome: 'run' }));
    expect(prediction.effective.podReplacementPolicy).toBe('TerminatingOrFailed');
    expect(prediction.pods.sentences.join(' ')).toMatch(
      /being deleted .* counts as failed at once, and its replacement does not wait/,
    );
    const first = await waitFor('the first pod to run', async () =>
      (await podsOf(await readJob(ns, 'pi'))).find((pod) => pod.status?.phase === 'Running'),
    );

    await cluster().core.deleteNamespacedPod({ namespace: ns, name: first.metadata!.name! });

    const job = await waitFor('the deleted pod to be counted and replaced', async () => {
      const current = await readJob(ns, 'pi');
      const replaced = (await podsOf(current)).some((pod) => pod.metadata!.name !== first.metadata!.name);
      return (current.status?.failed ?? 0) > 0 && replaced ? current : undefined;
    });
    expect(job.status?.failed).toBe(1);
    expect(condition(job, 'Failed')).toBeUndefined();
  });

  test('suspended: no pod while suspended, as explained', async () => {
    const prediction = await explainAndCreate(loadJob('myjob'));
    expect(prediction.effective.suspend).toBe(true);
    expect(prediction.pods.sentences.join(' ')).toMatch(/no pod starts until spec\.suspend is set to false/);

    const suspended = await waitForJobCondition(ns, 'myjob', 'Suspended');

    expect(suspended.status?.active ?? 0).toBe(0);
    expect(await createdPods(ns, 'myjob')).toEqual([]);
    // Still none a moment later (the controller has had several syncs).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await podsOf(await readJob(ns, 'myjob'))).toHaveLength(0);
  });
});
