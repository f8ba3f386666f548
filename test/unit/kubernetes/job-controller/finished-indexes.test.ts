import { describe, expect, test } from '@jest/globals';
import { calculateFailedIndexes, calculateSucceededIndexes, type RawPod } from '../../../../kubernetes/index.ts';
import { buildPod } from './build-pod.ts';

const intervals = (pairs: readonly (readonly [number, number])[]) => pairs.map(([first, last]) => ({ first, last }));

// TestCalculateSucceededIndexes (indexed_job_utils_test.go, Kubernetes 1.36), all rows: the
// recorded completedIndexes, the pods (index annotation, null for none; phase), completions, and
// the intervals wanted from the status alone and with the pods. Every pod has the finalizer.
const SUCCEEDED: [string, string, number, [string | null, string][], [number, number][], [number, number][]][] = [
  ['one index', '', 2, [['1', 'Succeeded']], [], [[1, 1]]],
  [
    'two separate',
    '',
    11,
    [
      ['2', 'Failed'],
      ['5', 'Succeeded'],
      ['5', 'Succeeded'],
      ['10', 'Failed'],
      ['10', 'Succeeded'],
    ],
    [],
    [
      [5, 5],
      [10, 10],
    ],
  ],
  [
    'two intervals',
    '',
    8,
    [
      ['0', 'Running'],
      ['1', 'Pending'],
      ['2', 'Succeeded'],
      ['3', 'Succeeded'],
      ['5', 'Succeeded'],
      ['6', 'Succeeded'],
      ['7', 'Succeeded'],
    ],
    [],
    [
      [2, 3],
      [5, 7],
    ],
  ],
  [
    'one index and one interval',
    '',
    6,
    [
      ['0', 'Succeeded'],
      ['1', 'Failed'],
      ['2', 'Succeeded'],
      ['3', 'Succeeded'],
      ['4', 'Succeeded'],
      ['5', 'Succeeded'],
      [null, 'Succeeded'],
      ['-2', 'Succeeded'],
    ],
    [],
    [
      [0, 0],
      [2, 5],
    ],
  ],
  [
    'out of range',
    '',
    5,
    [
      ['0', 'Succeeded'],
      ['1', 'Succeeded'],
      ['2', 'Succeeded'],
      ['3', 'Failed'],
      ['4', 'Succeeded'],
      ['5', 'Succeeded'],
      [null, 'Succeeded'],
      ['-2', 'Succeeded'],
    ],
    [],
    [
      [0, 2],
      [4, 4],
    ],
  ],
  ['prev interval out of range', '0-5,8-10', 8, [], [[0, 5]], [[0, 5]]],
  [
    'prev interval partially out of range',
    '0-5,8-10',
    10,
    [],
    [
      [0, 5],
      [8, 9],
    ],
    [
      [0, 5],
      [8, 9],
    ],
  ],
  [
    'prev and new separate',
    '0,4,5,10-12',
    13,
    [
      ['2', 'Succeeded'],
      ['7', 'Succeeded'],
      ['8', 'Succeeded'],
    ],
    [
      [0, 0],
      [4, 5],
      [10, 12],
    ],
    [
      [0, 0],
      [2, 2],
      [4, 5],
      [7, 8],
      [10, 12],
    ],
  ],
  [
    'prev between new',
    '3,4,6',
    9,
    [
      ['2', 'Succeeded'],
      ['7', 'Succeeded'],
      ['8', 'Succeeded'],
    ],
    [
      [3, 4],
      [6, 6],
    ],
    [
      [2, 4],
      [6, 8],
    ],
  ],
  [
    'new between prev',
    '2,7,8',
    9,
    [
      ['3', 'Succeeded'],
      ['4', 'Succeeded'],
      ['6', 'Succeeded'],
    ],
    [
      [2, 2],
      [7, 8],
    ],
    [
      [2, 4],
      [6, 8],
    ],
  ],
  [
    'new within prev',
    '2-7',
    10,
    [
      ['0', 'Succeeded'],
      ['3', 'Succeeded'],
      ['5', 'Succeeded'],
      ['9', 'Succeeded'],
    ],
    [[2, 7]],
    [
      [0, 0],
      [2, 7],
      [9, 9],
    ],
  ],
  [
    'corrupted interval',
    '0,1-foo,bar',
    4,
    [['3', 'Succeeded']],
    [[0, 0]],
    [
      [0, 0],
      [3, 3],
    ],
  ],
];

describe('calculateSucceededIndexes (TestCalculateSucceededIndexes)', () => {
  test.each(SUCCEEDED)('%s', (_name, completedIndexes, completions, pods, wantStatus, want) => {
    const raw: RawPod[] = pods.map(([index, phase]) => {
      const pod = buildPod().phase(phase).trackingFinalizer();
      return (index === null ? pod : pod.index(index)).pod;
    });
    const got = calculateSucceededIndexes({ status: { completedIndexes } }, raw, completions);
    expect(got).toEqual({ previous: intervals(wantStatus), current: intervals(want) });
  });

  test('a Succeeded pod the controller already counted (no finalizer) adds nothing', () => {
    const counted = buildPod().phase('Succeeded').index('1').pod;
    expect(calculateSucceededIndexes({ status: {} }, [counted], 2).current).toEqual([]);
  });
});

// TestCalculateFailedIndexes (indexed_job_utils_test.go, Kubernetes 1.36), all rows.
describe('calculateFailedIndexes (TestCalculateFailedIndexes)', () => {
  const failed = (count: string, index: string) => buildPod().indexFailureCount(count).phase('Failed').index(index);
  test.each<[string, number, number, string | undefined, RawPod[], [number, number][]]>([
    [
      'one new index failed',
      2,
      1,
      undefined,
      [failed('0', '0').trackingFinalizer().pod, failed('1', '1').trackingFinalizer().pod],
      [[1, 1]],
    ],
    ['pod without finalizer is ignored', 2, 0, undefined, [failed('0', '0').pod], []],
    ['pod outside completions is ignored', 2, 0, undefined, [failed('0', '3').pod], []],
    ['extend the failed indexes', 2, 0, '0', [failed('0', '1').trackingFinalizer().pod], [[0, 1]]],
    ['prev failed indexes empty', 2, 0, '', [failed('0', '1').trackingFinalizer().pod], [[1, 1]]],
    ['prev failed indexes outside the completions', 2, 0, '9', [failed('0', '1').trackingFinalizer().pod], [[1, 1]]],
  ])('%s', (_name, completions, backoffLimitPerIndex, failedIndexes, pods, want) => {
    const job = {
      metadata: {},
      spec: { completions, backoffLimitPerIndex },
      status: failedIndexes === undefined ? {} : { failedIndexes },
    };
    expect(calculateFailedIndexes(job, pods, completions).current).toEqual(intervals(want));
  });
});
