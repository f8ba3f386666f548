// index-status over hand-built snapshots: the cases the recordings cannot show cheaply.
import { describe, expect, test } from '@jest/globals';
import { toIndexStatus, type IndexStatus } from '../../../../plugin/index-status/index-status.ts';
import { toIndexStatusOutput } from '../../../../plugin/index-status/index-status-output.ts';
import type { JobSnapshot } from '../../../../plugin/job-snapshot.ts';
import { everyOther, indexedJob, indexPod, snapshotOf } from './builders.ts';

function analyse(snapshot: JobSnapshot): IndexStatus {
  const result = toIndexStatus(snapshot);
  if (!result.indexed) throw new Error('not Indexed');
  return result.status;
}
const output = (snapshot: JobSnapshot) => toIndexStatusOutput(analyse(snapshot));

describe('reading the status strings like the controller (lenient parser)', () => {
  test('a run of two written `1,2` or `1-2` means the same indexes', () => {
    const comma = output(snapshotOf(indexedJob({ completions: 5 }, { completedIndexes: '1,2' })));
    const dash = output(snapshotOf(indexedJob({ completions: 5 }, { completedIndexes: '1-2' })));
    expect(comma.intervals).toEqual(dash.intervals);
    // Written back in the controller's own form.
    expect(dash.intervals).toEqual({ succeeded: '1,2', failed: '', active: '', pending: '0,3,4' });
  });

  test('adjacent fragments merge, and a run of three is written first-last', () => {
    const result = output(snapshotOf(indexedJob({ completions: 10 }, { completedIndexes: '0-2,3,4,7' })));
    expect(result.intervals.succeeded).toBe('0-4,7');
    expect(result.counts.succeeded).toBe(6);
  });

  test('indexes past completions (after an elastic scale-down) are dropped, a range clipped', () => {
    const result = output(snapshotOf(indexedJob({ completions: 4 }, { completedIndexes: '1-6,8' })));
    expect(result.intervals).toEqual({ succeeded: '1-3', failed: '', active: '', pending: '0' });
  });

  test('corrupt fragments are skipped, as the controller does, instead of failing the view', () => {
    const result = output(snapshotOf(indexedJob({ completions: 6 }, { completedIndexes: '0,x,2-y,4' })));
    expect(result.intervals.succeeded).toBe('0,4');
  });

  test('failedIndexes is read only with backoffLimitPerIndex (the controller keeps it nil otherwise)', () => {
    const withLimit = output(
      snapshotOf(indexedJob({ completions: 4, backoffLimitPerIndex: 1 }, { failedIndexes: '1-2' })),
    );
    expect(withLimit.intervals.failed).toBe('1,2');
    const without = output(snapshotOf(indexedJob({ completions: 4 }, { failedIndexes: '1-2' })));
    expect(without.intervals.failed).toBe('');
  });
});

describe('pods the status does not show yet, and pods on their way out', () => {
  test('a Succeeded pod still carrying the tracking finalizer counts as succeeded, flagged unrecorded', () => {
    const job = indexedJob({ completions: 4 }, { completedIndexes: '0' });
    const result = output(snapshotOf(job, [indexPod(2, { phase: 'Succeeded', tracked: true })]));
    expect(result.intervals.succeeded).toBe('0,2');
    expect(result.unrecorded.succeeded).toBe('2');
  });

  test('a Succeeded pod without the finalizer and missing from completedIndexes does not count (the index runs again)', () => {
    const job = indexedJob({ completions: 4 }, { completedIndexes: '0' });
    const result = output(snapshotOf(job, [indexPod(2, { phase: 'Succeeded', tracked: false })]));
    expect(result.intervals.succeeded).toBe('0');
    expect(result.intervals.pending).toBe('1-3');
  });

  test('a pod being deleted is not active: its index is pending and listed as terminating', () => {
    const job = indexedJob({ completions: 3, podReplacementPolicy: 'Failed' });
    const result = output(
      snapshotOf(job, [
        indexPod(0, { phase: 'Running', deleting: true, tracked: true }),
        indexPod(1, { phase: 'Running', tracked: true }),
      ]),
    );
    expect(result.intervals).toEqual({ succeeded: '', failed: '', active: '1', pending: '0,2' });
    expect(result.terminating).toBe('0');
  });

  test('a terminating pod next to its active replacement leaves the index active', () => {
    const job = indexedJob({ completions: 2 });
    const result = output(
      snapshotOf(job, [indexPod(0, { phase: 'Running', deleting: true }), indexPod(0, { phase: 'Pending' })]),
    );
    expect(result.intervals.active).toBe('0');
    expect(result.terminating).toBe('');
  });

  test('with backoffLimitPerIndex, a pod that failed its last retry fails the index before the status says so', () => {
    const job = indexedJob({ completions: 3, backoffLimitPerIndex: 1 }, { failedIndexes: '' });
    const pods = [
      indexPod(1, { phase: 'Failed', failureCount: 0 }),
      indexPod(1, { phase: 'Failed', failureCount: 1, tracked: true }),
    ];
    const result = output(snapshotOf(job, pods));
    expect(result.intervals.failed).toBe('1');
    expect(result.unrecorded.failed).toBe('1');
    expect(result.failures.indexes).toEqual([{ index: 1, status: 'failed', failures: 2, ignored: 0, retriesLeft: 0 }]);
  });

  test('pods without a usable index, or past completions, are counted apart', () => {
    const job = indexedJob({ completions: 2 });
    const noIndex = indexPod(0, { phase: 'Running' });
    delete noIndex.metadata.annotations!['batch.kubernetes.io/job-completion-index'];
    const result = output(
      snapshotOf(job, [noIndex, indexPod(5, { phase: 'Running' }), indexPod(1, { phase: 'Running' })]),
    );
    expect(result.strayPods).toBe(2);
    expect(result.intervals.active).toBe('1');
  });
});

describe('retry budgets', () => {
  test('backoffLimitPerIndex: indexes with no retry left are the last-chance set', () => {
    const job = indexedJob({ completions: 6, backoffLimitPerIndex: 2, maxFailedIndexes: 3 }, { failedIndexes: '5' });
    const pods = [
      indexPod(0, { phase: 'Running', failureCount: 2 }), // failed twice, running its last retry
      indexPod(1, { phase: 'Failed', failureCount: 1 }), // second failure, waiting for a replacement
      indexPod(2, { phase: 'Running', failureCount: 1 }), // one failure, one retry left
      indexPod(3, { phase: 'Running', failureCount: 0 }),
    ];
    const result = output(snapshotOf(job, pods));
    expect(result.backoffLimitPerIndex).toEqual({ limit: 2, lastChance: '0,1', lastChanceCount: 2 });
    expect(result.failures.indexes.map((f) => [f.index, f.failures, f.retriesLeft, f.status])).toEqual([
      [0, 2, 0, 'active'],
      [1, 2, 0, 'pending'],
      [2, 1, 1, 'active'],
    ]);
    expect(result.maxFailedIndexes).toEqual({ limit: 3, failed: 1, remaining: 2, exceeded: false });
  });

  test('maxFailedIndexes: reaching the limit leaves no headroom; passing it is exceeded', () => {
    const at = output(
      snapshotOf(
        indexedJob({ completions: 6, backoffLimitPerIndex: 0, maxFailedIndexes: 2 }, { failedIndexes: '1,4' }),
      ),
    );
    expect(at.maxFailedIndexes).toEqual({ limit: 2, failed: 2, remaining: 0, exceeded: false });
    const past = output(
      snapshotOf(
        indexedJob({ completions: 6, backoffLimitPerIndex: 0, maxFailedIndexes: 2 }, { failedIndexes: '1,3,4' }),
      ),
    );
    expect(past.maxFailedIndexes).toEqual({ limit: 2, failed: 3, remaining: 0, exceeded: true });
  });

  test('the Job-wide backoffLimit budget comes from status.failed', () => {
    const result = output(snapshotOf(indexedJob({ completions: 3, backoffLimit: 4 }, { failed: 3 })));
    expect(result.backoffLimit).toEqual({ limit: 4, failed: 3, remaining: 1 });
  });

  test('Ignore rules of the pod failure policy count apart, in the ignored-failure annotation', () => {
    const job = indexedJob({
      completions: 2,
      backoffLimitPerIndex: 1,
      podFailurePolicy: {
        rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
      },
    });
    const evicted = indexPod(0, {
      phase: 'Failed',
      failureCount: 0,
      exitCode: 137,
      conditions: [{ type: 'DisruptionTarget', status: 'True' }],
    });
    const retry = indexPod(0, { phase: 'Running', failureCount: 0, ignoredFailureCount: 1 });
    const result = output(snapshotOf(job, [evicted, retry]));
    expect(result.failures.indexes).toEqual([{ index: 0, status: 'active', failures: 0, ignored: 1, retriesLeft: 1 }]);
  });

  test('a FailIndex rule fails the index on the first failure, whatever the retries left', () => {
    const job = indexedJob({
      completions: 2,
      backoffLimitPerIndex: 3,
      podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] },
    });
    const result = output(
      snapshotOf(job, [indexPod(1, { phase: 'Failed', failureCount: 0, exitCode: 42, tracked: true })]),
    );
    expect(result.intervals.failed).toBe('1');
  });

  test('without backoffLimitPerIndex, failures are the failed pods present', () => {
    const job = indexedJob({ completions: 3 });
    const result = output(
      snapshotOf(job, [
        indexPod(2, { phase: 'Failed' }),
        indexPod(2, { phase: 'Failed' }),
        indexPod(2, { phase: 'Running' }),
      ]),
    );
    expect(result.failures).toEqual({
      source: 'pods',
      indexes: [{ index: 2, status: 'active', failures: 2, ignored: 0, retriesLeft: null }],
    });
    expect(result.backoffLimitPerIndex).toBeNull();
  });
});

describe('success policy progress', () => {
  const policyJob = (
    rules: unknown[],
    completedIndexes: string,
    extra: Record<string, unknown> = {},
    status: Record<string, unknown> = {},
  ) => snapshotOf(indexedJob({ completions: 10, successPolicy: { rules }, ...extra }, { completedIndexes, ...status }));

  test('per rule: how many of its indexes succeeded and how many it needs; the first satisfied rule wins', () => {
    const result = output(
      policyJob(
        [{ succeededIndexes: '0-4' }, { succeededIndexes: '5-9', succeededCount: 2 }, { succeededCount: 3 }],
        '1,5,6',
      ),
    );
    expect(result.successPolicy).toEqual({
      met: true,
      rule: 1,
      recorded: false,
      rules: [
        {
          rule: 0,
          succeededIndexes: '0-4',
          succeededCount: null,
          indexes: 5,
          succeeded: 1,
          required: 5,
          satisfied: false,
        },
        { rule: 1, succeededIndexes: '5-9', succeededCount: 2, indexes: 5, succeeded: 2, required: 2, satisfied: true },
        {
          rule: 2,
          succeededIndexes: null,
          succeededCount: 3,
          indexes: null,
          succeeded: 3,
          required: 3,
          satisfied: true,
        },
      ],
    });
  });

  test('not met while no rule is satisfied', () => {
    const result = output(policyJob([{ succeededIndexes: '0,2-3', succeededCount: 2 }], '2'));
    expect(result.successPolicy).toMatchObject({ met: false, rule: null, recorded: false });
    expect(result.successPolicy!.rules[0]).toMatchObject({ succeeded: 1, required: 2, satisfied: false });
  });

  test('a rule whose succeededIndexes reads as no index is skipped by the controller', () => {
    const result = output(policyJob([{ succeededIndexes: 'x' }, { succeededCount: 1 }], '4'));
    expect(result.successPolicy!.rules[0]).toMatchObject({ indexes: 0, satisfied: false });
    expect(result.successPolicy).toMatchObject({ met: true, rule: 1 });
  });

  test('no rule matches before any index has succeeded, even succeededCount 0', () => {
    const result = output(policyJob([{ succeededIndexes: '0-9', succeededCount: 0 }], ''));
    expect(result.successPolicy).toMatchObject({ met: false });
    expect(result.successPolicy!.rules[0]!.satisfied).toBe(false);
  });

  test('failures are evaluated first: a running Job past its backoffLimit is not counted as met', () => {
    const result = output(policyJob([{ succeededCount: 1 }], '3', { backoffLimit: 2 }, { failed: 3 }));
    expect(result.successPolicy).toMatchObject({ met: false, rule: null });
    expect(result.successPolicy!.rules[0]!.satisfied).toBe(true);
  });

  test('OnFailure restarts that reach backoffLimit fail the Job first too (pastBackoffLimitOnFailure)', () => {
    const restartPolicy = { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main' }] } } };
    const restarting = (restartCount: number) => {
      const pod = indexPod(4);
      pod.status!.containerStatuses![0]!.restartCount = restartCount;
      return pod;
    };
    const job = policyJob([{ succeededCount: 1 }], '3', { backoffLimit: 2, ...restartPolicy }).job;
    const reached = output(snapshotOf(job, [restarting(2)]));
    expect(reached.successPolicy).toMatchObject({ met: false, rule: null });
    expect(reached.successPolicy!.rules[0]!.satisfied).toBe(true);
    expect(output(snapshotOf(job, [restarting(1)])).successPolicy).toMatchObject({ met: true, rule: 0 });
  });

  test('the rule the controller recorded wins over the first satisfied one', () => {
    const conditions = [
      { type: 'SuccessCriteriaMet', status: 'True', reason: 'SuccessPolicy', message: 'Matched rules at index 1' },
    ];
    const result = output(policyJob([{ succeededCount: 1 }, { succeededCount: 1 }], '3', {}, { conditions }));
    expect(result.successPolicy).toMatchObject({ met: true, rule: 1, recorded: true });
  });
});

describe('100,000 completions with fragmented status strings', () => {
  const completions = 100_000;
  const failedIndexes = Array.from({ length: 1000 }, (_, i) => i * 100 + 1).join(',');
  const job = indexedJob(
    { completions, parallelism: 5000, backoffLimitPerIndex: 1, maxFailedIndexes: 5000 },
    { completedIndexes: everyOther(completions), failedIndexes },
  );
  const pods = Array.from({ length: 3000 }, (_, i) =>
    indexPod(i * 2 + 3, { phase: i % 3 === 0 ? 'Pending' : 'Running', failureCount: i % 2 }),
  );
  const result = output(snapshotOf(job, pods));

  test('the succeeded set is the status string, written back identically', () => {
    expect(result.counts.succeeded).toBe(50_000);
    expect(result.intervals.succeeded).toBe(job.status!.completedIndexes);
    expect(result.intervals.failed).toBe(failedIndexes);
  });

  test('active and pending fill the rest, and the counts add up', () => {
    // Pods sit on odd indexes 3, 5, ..., 5999; every hundredth-plus-one index is failed instead.
    const failedAmongPods = Array.from({ length: 3000 }, (_, i) => i * 2 + 3).filter((x) => x % 100 === 1).length;
    expect(result.counts.failed).toBe(1000);
    expect(result.counts.active).toBe(3000 - failedAmongPods);
    expect(result.counts.succeeded + result.counts.failed + result.counts.active + result.counts.pending).toBe(
      completions,
    );
    expect(result.maxFailedIndexes).toEqual({ limit: 5000, failed: 1000, remaining: 4000, exceeded: false });
  });
});

describe('NonIndexed and unknown completion modes', () => {
  test('a Job without completionMode is NonIndexed (the API default)', () => {
    const job = indexedJob({ completions: 3 }, { succeeded: 2, active: 1 });
    delete job.spec!.completionMode;
    expect(toIndexStatus(snapshotOf(job))).toEqual({
      indexed: false,
      job: {
        namespace: 'team',
        name: 'work',
        completionMode: 'NonIndexed',
        completions: 3,
        succeeded: 2,
        failed: 0,
        active: 1,
      },
    });
  });
});
