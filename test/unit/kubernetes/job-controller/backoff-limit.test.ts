import { describe, expect, test } from '@jest/globals';
import {
  containerRestartsOf,
  exceedsBackoffLimit,
  pastBackoffLimitOnFailure,
  restartsCountedOnFailure,
  restartsFailingJob,
  type RawPod,
} from '../../../../kubernetes/index.ts';

const onFailure = { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } };

/** newPodList with one container status per pod, as TestJobBackoffForOnFailure builds them. */
function podsWithRestarts(restartCounts: readonly number[], phase: string): RawPod[] {
  return restartCounts.map((restartCount, i) => ({
    metadata: { name: `pod-${i}` },
    status: { phase, containerStatuses: [{ name: 'c', restartCount }] },
  }));
}

// TestJobBackoffForOnFailure (job_controller_test.go, 1.36): whether syncJob fails the Job with
// BackoffLimitExceeded from the container restarts alone (status.failed starts at 0 in every
// row, so exceedsBackoffLimit never fires there).
describe('pastBackoffLimitOnFailure (TestJobBackoffForOnFailure)', () => {
  test.each([
    ['backoffLimit 0 should have 1 pod active', 0, [0], 'Running', false],
    ['backoffLimit 1 with restartCount 0 should have 1 pod active', 1, [0], 'Running', false],
    ['backoffLimit 1 with restartCount 1 and podRunning should have 0 pod active', 1, [1], 'Running', true],
    ['backoffLimit 1 with restartCount 1 and podPending should have 0 pod active', 1, [1], 'Pending', true],
    ['too many job failures with podRunning - single pod', 2, [2], 'Running', true],
    ['too many job failures with podPending - single pod', 2, [2], 'Pending', true],
    ['too many job failures with podRunning - multiple pods', 2, [1, 1], 'Running', true],
    ['too many job failures with podPending - multiple pods', 2, [1, 1], 'Pending', true],
    ['not enough failures', 3, [1, 1], 'Running', false],
    ['finished job', 6, [1, 1, 2, 0], 'Succeeded', false],
  ] as const)('%s', (_name, backoffLimit, restartCounts, phase, fails) => {
    const pods = podsWithRestarts(restartCounts, phase);
    expect(pastBackoffLimitOnFailure(onFailure, backoffLimit, pods)).toBe(fails);
    expect(exceedsBackoffLimit(0, backoffLimit)).toBe(false);
  });

  test('only restartPolicy OnFailure counts restarts', () => {
    const pods = podsWithRestarts([5], 'Running');
    expect(pastBackoffLimitOnFailure({ spec: { template: { spec: { restartPolicy: 'Never' } } } }, 1, pods)).toBe(
      false,
    );
    expect(pastBackoffLimitOnFailure({}, 1, pods)).toBe(false);
  });
});

describe('the restart arithmetic behind it', () => {
  test('the Job fails when the restarts reach backoffLimit, or at the first restart for backoffLimit 0', () => {
    expect([0, 1, 2, 3, 6].map(restartsFailingJob)).toEqual([1, 1, 2, 3, 6]);
  });

  test('init and regular containers add up; finished pods drop out of the sum', () => {
    const pod: RawPod = {
      metadata: {},
      status: {
        phase: 'Running',
        initContainerStatuses: [{ name: 'init', restartCount: 2 }],
        containerStatuses: [
          { name: 'a', restartCount: 1 },
          { name: 'b', restartCount: 3 },
        ],
      },
    };
    expect(containerRestartsOf(pod)).toBe(6);
    expect(restartsCountedOnFailure([pod, { ...pod, status: { ...pod.status, phase: 'Failed' } }])).toBe(6);
    expect(restartsCountedOnFailure([{ ...pod, status: { ...pod.status, phase: 'Pending' } }])).toBe(6);
  });

  test('failed pods count against the same limit with one more allowed (failed > backoffLimit)', () => {
    expect(exceedsBackoffLimit(2, 2)).toBe(false);
    expect(exceedsBackoffLimit(3, 2)).toBe(true);
    expect(exceedsBackoffLimit(1, 0)).toBe(true);
  });
});
