// index-status over the snapshots recorded on the testbed (real kube-apiserver and Job controller
// 1.36), checked against what the real controller wrote into the Job's status.
import { describe, expect, test } from '@jest/globals';
import { countIndexes, formatIntervals, parseIndexesLenient } from '../../../../kubernetes/index.ts';
import { toIndexStatus, type IndexStatus } from '../../../../plugin/index-status/index-status.ts';
import { toIndexStatusOutput } from '../../../../plugin/index-status/index-status-output.ts';
import type { JobSnapshot } from '../../../../plugin/job-snapshot.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';

function indexed(snapshot: JobSnapshot): IndexStatus {
  const result = toIndexStatus(snapshot);
  if (!result.indexed) throw new Error(`${snapshot.job.metadata.name} is not Indexed`);
  return result.status;
}

const isFinished = (snapshot: JobSnapshot) =>
  (snapshot.job.status?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );

describe('indexed-mixed-running (running; index 1 failed then succeeded, 2 failed twice, 3 runs, 4 OOMKilled then runs)', () => {
  const snapshot = loadSnapshot('indexed-mixed-running');
  const output = toIndexStatusOutput(indexed(snapshot));
  const status = snapshot.job.status!;

  test('succeeded and failed are the recorded completedIndexes and failedIndexes', () => {
    expect(status.completedIndexes).toBe('0,1,5');
    expect(output.intervals.succeeded).toBe(status.completedIndexes);
    expect(output.intervals.failed).toBe(status.failedIndexes);
    expect(output.unrecorded).toEqual({ succeeded: '', failed: '' });
  });

  test('active indexes are those of the running pods, matching status.active', () => {
    expect(output.intervals.active).toBe('3,4');
    expect(output.counts.active).toBe(status.active);
    expect(output.intervals.pending).toBe('');
    expect(output.counts.succeeded + output.counts.failed + output.counts.active + output.counts.pending).toBe(
      output.completions,
    );
  });

  test('failure counts per index come from the failure-count annotations', () => {
    expect(output.failures.source).toBe('annotations');
    expect(output.failures.indexes).toEqual([
      { index: 1, status: 'succeeded', failures: 1, ignored: 0, retriesLeft: 0 },
      { index: 2, status: 'failed', failures: 2, ignored: 0, retriesLeft: 0 },
      { index: 4, status: 'active', failures: 1, ignored: 0, retriesLeft: 0 },
    ]);
    // The sum of counted failures is the Job's status.failed (no pod of this Job was deleted yet).
    expect(output.failures.indexes.reduce((sum, f) => sum + f.failures, 0)).toBe(status.failed);
  });

  test('index 4 is on its last retry (backoffLimitPerIndex 1, one OOMKill so far)', () => {
    expect(output.backoffLimitPerIndex).toEqual({ limit: 1, lastChance: '4', lastChanceCount: 1 });
    expect(output.maxFailedIndexes).toBeNull();
    expect(output.condition).toBeNull();
  });
});

describe('max-failed-indexes-exceeded (Failed: indexes 1 and 3 failed, maxFailedIndexes 1)', () => {
  const snapshot = loadSnapshot('max-failed-indexes-exceeded');
  const output = toIndexStatusOutput(indexed(snapshot));

  test('the sets are the recorded status strings and nothing is unrecorded', () => {
    expect(output.intervals).toEqual({
      succeeded: snapshot.job.status!.completedIndexes,
      failed: snapshot.job.status!.failedIndexes,
      active: '',
      pending: '',
    });
    expect(output.intervals.failed).toBe('1,3');
    expect(output.unrecorded).toEqual({ succeeded: '', failed: '' });
  });

  test('maxFailedIndexes headroom is exceeded, as the Failed condition says', () => {
    expect(output.maxFailedIndexes).toEqual({ limit: 1, failed: 2, remaining: 0, exceeded: true });
    expect(output.condition).toMatchObject({ type: 'Failed', reason: 'MaxFailedIndexesExceeded' });
  });

  test('each failed index used its one retry: two counted failures', () => {
    expect(output.failures.indexes.map((f) => [f.index, f.failures, f.status])).toEqual([
      [1, 2, 'failed'],
      [3, 2, 'failed'],
    ]);
    expect(output.backoffLimitPerIndex?.lastChance).toBe('');
  });
});

describe('success-policy (Complete by rule 0: succeededIndexes 0,2-3, succeededCount 1; index 2 succeeded)', () => {
  const snapshot = loadSnapshot('success-policy');
  const output = toIndexStatusOutput(indexed(snapshot));

  test('the success policy was met by rule 0, as the condition says', () => {
    expect(output.successPolicy).toEqual({
      met: true,
      rule: 0,
      recorded: true,
      rules: [
        {
          rule: 0,
          succeededIndexes: '0,2-3',
          succeededCount: 1,
          indexes: 3,
          succeeded: 1,
          required: 1,
          satisfied: true,
        },
      ],
    });
    expect(output.condition).toMatchObject({
      type: 'Complete',
      reason: 'SuccessPolicy',
      message: 'Matched rules at index 0',
    });
  });

  test('only index 2 succeeded; the others will not run (no backoffLimitPerIndex: nothing failed per index)', () => {
    expect(output.intervals.succeeded).toBe(snapshot.job.status!.completedIndexes);
    expect(output.intervals).toEqual({ succeeded: '2', failed: '', active: '', pending: '0,1,3-9' });
    expect(output.backoffLimitPerIndex).toBeNull();
    expect(output.failures.source).toBe('pods');
  });
});

describe('success-policy-backoff-race (rule 0 satisfied, but BackoffLimitExceeded came first)', () => {
  const snapshot = loadSnapshot('success-policy-backoff-race');
  const output = toIndexStatusOutput(indexed(snapshot));

  test('the policy is not met although its only rule is satisfied', () => {
    expect(output.successPolicy).toMatchObject({ met: false, rule: null, recorded: false });
    expect(output.successPolicy?.rules[0]).toMatchObject({ satisfied: true, succeeded: 1, required: 1 });
    expect(output.condition).toMatchObject({ type: 'Failed', reason: 'BackoffLimitExceeded' });
  });

  test('the Job-wide backoff budget is exceeded: status.failed > backoffLimit', () => {
    expect(output.backoffLimit).toEqual({ limit: 6, failed: snapshot.job.status!.failed, remaining: 0 });
    expect(output.backoffLimit.failed).toBeGreaterThan(output.backoffLimit.limit);
    // One failed pod per index still present, so the per-pod count sees each.
    expect(output.failures.indexes.map((f) => f.index)).toEqual([0, 1, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('a NonIndexed Job', () => {
  test('complete (seed pi) is reported as not Indexed, with its counts', () => {
    const result = toIndexStatus(loadSnapshot('complete'));
    expect(result).toEqual({
      indexed: false,
      job: {
        namespace: 'fixture-complete',
        name: 'pi',
        completionMode: 'NonIndexed',
        completions: 1,
        succeeded: 1,
        failed: 0,
        active: 0,
      },
    });
  });
});

describe('every recorded Indexed Job', () => {
  const scenarios = snapshotScenarios().filter((s) => loadSnapshot(s).job.spec?.completionMode === 'Indexed');

  test('there are several to check', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
  });

  test.each(scenarios)('%s: the four sets partition the indexes, and include the recorded status', (scenario) => {
    const snapshot = loadSnapshot(scenario);
    const status = indexed(snapshot);
    const output = toIndexStatusOutput(status);
    const { counts } = output;
    expect(counts.succeeded + counts.failed + counts.active + counts.pending).toBe(status.completions);
    const recordedSucceeded = parseIndexesLenient(snapshot.job.status?.completedIndexes ?? '', status.completions);
    expect(countIndexes(recordedSucceeded) + countIndexes(status.unrecorded.succeeded)).toBe(counts.succeeded);
    if (isFinished(snapshot)) {
      // A finished Job has counted every pod: the sets are exactly its status strings.
      expect(output.intervals.succeeded).toBe(formatIntervals(recordedSucceeded));
      expect(output.intervals.failed).toBe(snapshot.job.status?.failedIndexes ?? '');
      expect(output.unrecorded).toEqual({ succeeded: '', failed: '' });
      expect(counts.active).toBe(0);
    }
  });
});
