// `kubectl job-x index-status` against what the real Job controller (1.36) writes, on the testbed:
// the node simulator decides how each index's pods end, the controller records
// completedIndexes / failedIndexes / failed, and index-status must agree with it while the Job
// runs and once it has finished.
import { describe, expect, test } from '@jest/globals';
import type { V1Job } from '@kubernetes/client-node';
import { formatIntervals, parseIndexesLenient } from '../../../kubernetes/index.ts';
import type { IndexStatusOutput } from '../../../schemas/generated/index-status-output.ts';
import { kubectl } from '../helpers/cluster.ts';
import { condition, createJob, loadJob, readJob, withOutcome, withSpec } from '../helpers/jobs.ts';
import { describeJob, waitFor, waitForJobCondition } from '../helpers/wait.ts';
import { indexSet, indexStatusJson, inNamespace, isSubset, jobX } from './index-status-cli.ts';

const finished = (job: V1Job) => ['Complete', 'Failed'].some((type) => condition(job, type)?.status === 'True');

/** The status strings as index-status writes them: the controller's string, re-read leniently. */
const canonical = (text: string | undefined, completions: number) =>
  formatIntervals(parseIndexesLenient(text ?? '', completions));

describe('index-status on the testbed', () => {
  test.concurrent(
    'backoffLimitPerIndex + maxFailedIndexes: matches the real status while running and at the end',
    async () => {
      await inNamespace('per-index', async (ns) => {
        // Index 1 fails once then succeeds; 3 and 6 fail both attempts (failed indexes); the rest succeed.
        // maxFailedIndexes 2 is not exceeded, so the Job ends Failed (FailedIndexes) once every index is done.
        const spec = {
          completionMode: 'Indexed',
          completions: 8,
          parallelism: 4,
          backoffLimit: 100,
          backoffLimitPerIndex: 1,
          maxFailedIndexes: 2,
        };
        const outcomes = {
          seconds: '2',
          'outcome-index-1': 'exit=1;succeed',
          'outcome-index-3': 'exit=3',
          'outcome-index-6': 'exit=1',
        };
        await createJob(ns, withOutcome(withSpec(loadJob('pi'), spec), outcomes));

        // While it runs: each view lies between the Job's status just before and just after it.
        const seen: IndexStatusOutput[] = [];
        await waitFor(
          'the Job to finish while index-status is polled',
          async () => {
            const before = await readJob(ns, 'pi');
            if (finished(before)) return true;
            const out = await indexStatusJson(ns, 'pi');
            const after = await readJob(ns, 'pi');
            const recordedSucceeded = new Set(
              [...indexSet(out.intervals.succeeded, 8)].filter((i) => !indexSet(out.unrecorded.succeeded, 8).has(i)),
            );
            const recordedFailed = new Set(
              [...indexSet(out.intervals.failed, 8)].filter((i) => !indexSet(out.unrecorded.failed, 8).has(i)),
            );
            expect({
              before: before.status?.completedIndexes,
              seen: out.intervals.succeeded,
              ok: isSubset(indexSet(before.status?.completedIndexes, 8), recordedSucceeded),
            }).toMatchObject({ ok: true });
            expect({
              after: after.status?.completedIndexes,
              seen: out.intervals.succeeded,
              ok: isSubset(recordedSucceeded, indexSet(after.status?.completedIndexes, 8)),
            }).toMatchObject({ ok: true });
            expect({
              before: before.status?.failedIndexes,
              seen: out.intervals.failed,
              ok: isSubset(indexSet(before.status?.failedIndexes, 8), recordedFailed),
            }).toMatchObject({ ok: true });
            expect({
              after: after.status?.failedIndexes,
              seen: out.intervals.failed,
              ok: isSubset(recordedFailed, indexSet(after.status?.failedIndexes, 8)),
            }).toMatchObject({ ok: true });
            // Every failure the controller has counted is still on a pod (failed pods are kept, and a
            // replacement carries the count forward), so the per-index counts cover status.failed.
            const failures = out.failures.indexes.reduce((sum, f) => sum + f.failures, 0);
            expect({
              failures,
              statusFailed: before.status?.failed ?? 0,
              ok: failures >= (before.status?.failed ?? 0),
            }).toMatchObject({ ok: true });
            expect(out.counts.succeeded + out.counts.failed + out.counts.active + out.counts.pending).toBe(8);
            expect(out.maxFailedIndexes).toMatchObject({ limit: 2, failed: out.counts.failed });
            seen.push(out);
            await new Promise((resolve) => setTimeout(resolve, 300));
            return undefined;
          },
          { timeoutMs: 180_000, describe: () => describeJob(ns, 'pi') },
        );
        // The polling saw the Job at work, not only before its first pod.
        expect(seen.some((out) => out.condition === null && out.counts.active > 0)).toBe(true);

        const job = await waitForJobCondition(ns, 'pi', 'Failed');
        expect(condition(job, 'Failed')?.reason).toBe('FailedIndexes');
        const out = await indexStatusJson(ns, 'pi');
        expect(out.intervals).toEqual({
          succeeded: canonical(job.status?.completedIndexes, 8),
          failed: canonical(job.status?.failedIndexes, 8),
          active: '',
          pending: '',
        });
        expect(out.intervals.failed).toBe('3,6');
        expect(out.condition).toMatchObject({ type: 'Failed', reason: 'FailedIndexes' });
        expect(out.unrecorded).toEqual({ succeeded: '', failed: '' });
        // Per-index failures from the pods' annotations add up to the controller's status.failed.
        expect(out.failures.indexes.map((f) => [f.index, f.status, f.failures])).toEqual([
          [1, 'succeeded', 1],
          [3, 'failed', 2],
          [6, 'failed', 2],
        ]);
        expect(out.failures.indexes.reduce((sum, f) => sum + f.failures, 0)).toBe(job.status?.failed);
        expect(out.maxFailedIndexes).toEqual({ limit: 2, failed: 2, remaining: 0, exceeded: false });

        // --index shows the attempts of an index with the simulator's exit codes.
        const detail = await indexStatusJson(ns, 'pi', ['--index', '3']);
        expect(detail.details?.[0]?.pods.map((p) => [p.attempt, p.phase, p.exitCode])).toEqual([
          [1, 'Failed', 3],
          [2, 'Failed', 3],
        ]);
      });
    },
  );

  test.concurrent(
    'job-success with a high backoffLimit: the success policy is met by the rule the controller names',
    async () => {
      await inNamespace('success', async (ns) => {
        // Rule 0 needs indexes 0 and 1 (they fail); rule 1 is the seed's rule, met by index 2.
        const rules = [
          { succeededIndexes: '0,1', succeededCount: 2 },
          { succeededIndexes: '0,2-3', succeededCount: 1 },
        ];
        const seed = withSpec(loadJob('job-success'), { backoffLimit: 20, successPolicy: { rules } });
        await createJob(ns, withOutcome(seed, { outcome: 'exit=1', 'outcome-index-2': 'succeed' }));
        const job = await waitForJobCondition(ns, 'job-success', 'Complete');
        const message = condition(job, 'Complete')?.message ?? '';
        expect(message).toBe('Matched rules at index 1');

        const out = await indexStatusJson(ns, 'job-success');
        expect(out.successPolicy).toEqual({
          met: true,
          rule: Number(/(\d+)$/.exec(message)![1]),
          recorded: true,
          rules: [
            {
              rule: 0,
              succeededIndexes: '0,1',
              succeededCount: 2,
              indexes: 2,
              succeeded: 0,
              required: 2,
              satisfied: false,
            },
            {
              rule: 1,
              succeededIndexes: '0,2-3',
              succeededCount: 1,
              indexes: 3,
              succeeded: 1,
              required: 1,
              satisfied: true,
            },
          ],
        });
        expect(out.condition).toMatchObject({ type: 'Complete', reason: 'SuccessPolicy' });
        expect(out.intervals.succeeded).toBe(job.status?.completedIndexes);

        const text = await jobX(['index-status', 'job-success', '-n', ns]);
        expect(text.code).toBe(0);
        expect(text.stdout).toContain('Success policy: met by rule 1');
      });
    },
  );

  test.concurrent(
    'elastic Indexed Job: index-status follows completions scaled down and up while it runs',
    async () => {
      await inNamespace('elastic', async (ns) => {
        // Every index keeps running except 4, which succeeds.
        const spec = { completionMode: 'Indexed', completions: 6, parallelism: 6 };
        await createJob(
          ns,
          withOutcome(withSpec(loadJob('pi'), spec), { outcome: 'run', 'outcome-index-4': 'succeed' }),
        );
        const view = (completions: number, expected: { succeeded: string; active: string }) =>
          waitFor(
            `index-status to show completions ${completions}, succeeded ${expected.succeeded}, active ${expected.active}`,
            async () => {
              const out = await indexStatusJson(ns, 'pi');
              // Also wait for the controller to record what the pods show (a success may be seen before it is counted).
              const settled = out.unrecorded.succeeded === '' && out.unrecorded.failed === '';
              return settled &&
                out.completions === completions &&
                out.intervals.succeeded === expected.succeeded &&
                out.intervals.active === expected.active
                ? out
                : undefined;
            },
            { describe: () => describeJob(ns, 'pi') },
          );
        const scale = (n: number) =>
          kubectl([
            '-n',
            ns,
            'patch',
            'job',
            'pi',
            '--type=merge',
            '-p',
            JSON.stringify({ spec: { completions: n, parallelism: n } }),
          ]);

        const six = await view(6, { succeeded: '4', active: '0-3,5' });
        expect(six.intervals.succeeded).toBe((await readJob(ns, 'pi')).status?.completedIndexes);

        // Down to 3: index 4 is out of range (its success no longer counts), 0-2 keep running.
        await scale(3);
        const three = await view(3, { succeeded: '', active: '0-2' });
        expect(three.counts).toEqual({ succeeded: 0, failed: 0, active: 3, pending: 0 });
        const jobAtThree = await readJob(ns, 'pi');
        expect(jobAtThree.spec?.completions).toBe(3);
        expect(three.intervals.succeeded).toBe(canonical(jobAtThree.status?.completedIndexes, 3));

        // Up to 8: index 4 runs again (its old pod was counted and is out of the status) and succeeds.
        await scale(8);
        const eight = await view(8, { succeeded: '4', active: '0-3,5-7' });
        expect(eight.counts.succeeded + eight.counts.active).toBe(8);
        expect(eight.intervals.succeeded).toBe(canonical((await readJob(ns, 'pi')).status?.completedIndexes, 8));
      });
    },
  );

  test.concurrent('a NonIndexed Job: exit 1 and a sentence on stderr, nothing on stdout', async () => {
    await inNamespace('non-indexed', async (ns) => {
      await createJob(ns, loadJob('pi'));
      await waitForJobCondition(ns, 'pi', 'Complete');
      const result = await jobX(['index-status', 'pi', '-n', ns, '-o', 'json']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `error: Job ${ns}/pi is not an Indexed Job (completionMode NonIndexed): its pods have no completion index, so there is nothing per index to show. ` +
          'It has 1 succeeded, 0 failed and 0 active pods (completions 1); kubectl job-x diagnose pi explains where it stands\n',
      );
    });
  });

  test.concurrent('--index out of range or malformed: exit 2 with the reason', async () => {
    await inNamespace('bad-index', async (ns) => {
      await createJob(ns, withSpec(loadJob('pi'), { completionMode: 'Indexed', completions: 3, parallelism: 3 }));
      const outOfRange = await jobX(['index-status', 'pi', '-n', ns, '--index', '1,3']);
      expect(outOfRange).toEqual({
        code: 2,
        stdout: '',
        stderr: 'error: --index "1,3": index 3 is out of range: the Job has 3 completions (indexes 0-2)\n',
      });
      const malformed = await jobX(['index-status', 'pi', '-n', ns, '--index', '2,1']);
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain('non-increasing order, previous: 2, current: 1');
    });
  });
});
