// `kubectl job-x diagnose -o json` against what the real Job controller decided, for Jobs that
// finished: the node simulator is told how each pod ends, the controller reacts, and the
// diagnosis must name the controller's own reason and the exit codes the simulator produced.
import { describe, expect, test } from '@jest/globals';
import { condition, loadJob, podsOf, readJob, withOutcome, withSpec } from '../helpers/jobs.ts';
import { waitForJobCondition } from '../helpers/wait.ts';
import { conditionsOf, create, diagnoseJson, inNamespace } from './diagnose-cli.ts';

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

describe('diagnose, finished Jobs', () => {
  test.concurrent('Complete: nothing wrong', async () => {
    await inNamespace('complete', async (ns) => {
      const name = await create(ns, loadJob('pi'));
      const job = await waitForJobCondition(ns, name, 'Complete');
      const out = await diagnoseJson(ns, name);
      expect(out).toMatchObject({
        state: 'Complete',
        reason: condition(job, 'Complete')!.reason,
        podFailurePolicy: null,
        suggestions: [],
      });
      expect(out.reason).toBe('CompletionsReached');
      expect(out.conditions.map(({ type, status, reason }) => ({ type, status, reason }))).toEqual(
        conditionsOf(await readJob(ns, name)),
      );
      expect(out.attempts.map((a) => ({ phase: a.phase, exitCode: a.exitCode, failed: a.failed }))).toEqual([
        { phase: 'Succeeded', exitCode: 0, failed: false },
      ]);
      expect(out.job).toMatchObject({ namespace: ns, name, uid: job.metadata!.uid });
    });
  });

  test.concurrent('BackoffLimitExceeded: every attempt with the exit code the simulator gave it', async () => {
    await inNamespace('backoff', async (ns) => {
      const name = await create(ns, withOutcome(withSpec(loadJob('pi'), { backoffLimit: 1 }), { outcome: 'exit=3' }));
      const job = await waitForJobCondition(ns, name, 'Failed');
      const out = await diagnoseJson(ns, name);
      expect(condition(job, 'Failed')!.reason).toBe('BackoffLimitExceeded');
      expect(out).toMatchObject({ state: 'Failed', reason: 'BackoffLimitExceeded', podFailurePolicy: null });
      const pods = await podsOf(job);
      expect(out.attempts.map((a) => a.pod)).toEqual(pods.map((p) => p.metadata!.name));
      expect(
        out.attempts.map((a) => ({ exitCode: a.exitCode, reason: a.reason, failed: a.failed, counted: a.counted })),
      ).toEqual(pods.map(() => ({ exitCode: 3, reason: 'Error', failed: true, counted: true })));
      expect(out.retries).toMatchObject({ budget: 1, counted: job.status!.failed });
      expect(out.progress.failed).toBe(job.status!.failed);
      // The testbed has no kubelet, so the API server cannot serve the failed container's log
      // (it tries the node and fails): diagnose carries on without the tail.
      expect(out.logTail).toBeNull();
    });
  });

  test.concurrent('DeadlineExceeded: the running pod is stopped at activeDeadlineSeconds', async () => {
    await inNamespace('deadline', async (ns) => {
      const name = await create(
        ns,
        withOutcome(withSpec(loadJob('pi-with-timeout'), { activeDeadlineSeconds: 3 }), { outcome: 'run' }),
      );
      const job = await waitForJobCondition(ns, name, 'Failed');
      const out = await diagnoseJson(ns, name);
      expect(condition(job, 'Failed')!.reason).toBe('DeadlineExceeded');
      expect(out).toMatchObject({ state: 'Failed', reason: 'DeadlineExceeded' });
      expect(out.deadline).toMatchObject({ activeDeadlineSeconds: 3, exceeded: true });
      expect(out.conditions.map(({ type, status, reason }) => ({ type, status, reason }))).toEqual(
        conditionsOf(await readJob(ns, name)),
      );
    });
  });

  test.concurrent(
    'PodFailurePolicy: FailJob on exit code 42 of container main, with the pod that matched',
    async () => {
      await inNamespace('pfp-exit', async (ns) => {
        const name = await create(ns, withOutcome(loadJob('job-pod-failure-policy-example'), { outcome: 'exit=42' }));
        const job = await waitForJobCondition(ns, name, 'Failed');
        const out = await diagnoseJson(ns, name);
        expect(condition(job, 'Failed')!.reason).toBe('PodFailurePolicy');
        expect(out).toMatchObject({ state: 'Failed', reason: 'PodFailurePolicy' });
        expect(out.podFailurePolicy).toMatchObject({
          matchedRule: 0,
          action: 'FailJob',
          container: 'main',
          exitCode: 42,
        });
        // the controller's message names the pod it matched
        expect(condition(job, 'Failed')!.message).toContain(`for pod ${ns}/${out.podFailurePolicy!.pod} `);
        const matched = out.attempts.find((a) => a.pod === out.podFailurePolicy!.pod);
        expect(matched).toMatchObject({ exitCode: 42, container: 'main', policyRule: 0, policyAction: 'FailJob' });
      });
    },
  );

  test.concurrent('PodFailurePolicy: FailJob on 137 after an OOM kill', async () => {
    await inNamespace('pfp-oom', async (ns) => {
      const name = await create(ns, withOutcome(withSpec(loadJob('pi'), failJobOn(137)), { outcome: 'oom' }));
      const job = await waitForJobCondition(ns, name, 'Failed');
      const out = await diagnoseJson(ns, name);
      expect(condition(job, 'Failed')!.reason).toBe('PodFailurePolicy');
      expect(out).toMatchObject({ state: 'Failed', reason: 'PodFailurePolicy' });
      expect(out.podFailurePolicy).toMatchObject({ matchedRule: 0, action: 'FailJob', container: 'pi', exitCode: 137 });
      expect(out.attempts).toHaveLength(1);
      expect(out.attempts[0]).toMatchObject({ exitCode: 137, reason: 'OOMKilled', failed: true });
    });
  });

  test.concurrent('MaxFailedIndexesExceeded: two indexes fail their per-index retries, one is allowed', async () => {
    await inNamespace('max-failed-indexes', async (ns) => {
      const spec = {
        completions: 4,
        parallelism: 4,
        completionMode: 'Indexed',
        backoffLimit: undefined,
        backoffLimitPerIndex: 1,
        maxFailedIndexes: 1,
      };
      const name = await create(
        ns,
        withOutcome(withSpec(loadJob('pi'), spec), { 'outcome-index-1': 'exit=1', 'outcome-index-3': 'exit=1' }),
      );
      const job = await waitForJobCondition(ns, name, 'Failed');
      const out = await diagnoseJson(ns, name);
      expect(condition(job, 'Failed')!.reason).toBe('MaxFailedIndexesExceeded');
      expect(out).toMatchObject({ state: 'Failed', reason: 'MaxFailedIndexesExceeded' });
      expect(out.progress.failedIndexes).toBe(job.status!.failedIndexes);
      expect(out.retries.perIndex).toMatchObject({
        limit: 1,
        maxFailedIndexes: 1,
        failedIndexes: job.status!.failedIndexes,
      });
      for (const attempt of out.attempts.filter((a) => a.index === 1 || a.index === 3)) {
        if (attempt.exitCode !== null) expect(attempt.exitCode).toBe(1);
      }
      expect(
        out.attempts.filter((a) => (a.index === 1 || a.index === 3) && a.exitCode === 1).length,
      ).toBeGreaterThanOrEqual(2);
    });
  });

  test.concurrent(
    'FailedIndexes: backoffLimitPerIndex without maxFailedIndexes, the Job ends with one failed index',
    async () => {
      await inNamespace('failed-indexes', async (ns) => {
        const spec = {
          completions: 3,
          parallelism: 3,
          completionMode: 'Indexed',
          backoffLimit: undefined,
          backoffLimitPerIndex: 1,
        };
        const name = await create(ns, withOutcome(withSpec(loadJob('pi'), spec), { 'outcome-index-1': 'exit=1' }));
        const job = await waitForJobCondition(ns, name, 'Failed');
        const out = await diagnoseJson(ns, name);
        expect(condition(job, 'Failed')!.reason).toBe('FailedIndexes');
        expect(job.status!.failedIndexes).toBe('1');
        expect(out).toMatchObject({ state: 'Failed', reason: 'FailedIndexes' });
        expect(out.progress).toMatchObject({ failedIndexes: '1', completedIndexes: job.status!.completedIndexes });
        const index1 = out.attempts.filter((a) => a.index === 1);
        expect(index1.map((a) => a.exitCode)).toEqual(index1.map(() => 1));
        expect(out.attempts.filter((a) => a.index !== 1).map((a) => a.exitCode)).toEqual([0, 0]);
      });
    },
  );

  test.concurrent('SuccessPolicy: index 2 succeeds, the others fail; Complete through the success policy', async () => {
    await inNamespace('success-policy', async (ns) => {
      const name = await create(
        ns,
        withOutcome(withSpec(loadJob('job-success'), { backoffLimit: 9 }), {
          outcome: 'exit=1',
          'outcome-index-2': 'succeed',
        }),
      );
      const job = await waitForJobCondition(ns, name, 'Complete');
      const out = await diagnoseJson(ns, name);
      expect(condition(job, 'Complete')!.reason).toBe('SuccessPolicy');
      expect(out).toMatchObject({ state: 'Complete', reason: 'SuccessPolicy' });
      expect(out.attempts.find((a) => a.index === 2)).toMatchObject({ exitCode: 0, phase: 'Succeeded' });
      const live = await readJob(ns, name);
      expect(out.conditions.map(({ type, status, reason }) => ({ type, status, reason }))).toEqual(conditionsOf(live));
    });
  });
});
