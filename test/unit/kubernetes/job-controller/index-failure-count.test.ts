import { describe, expect, test } from '@jest/globals';
import {
  hasIndexFailureCountAnnotation,
  indexAbsoluteFailureCountOf,
  indexFailureCountOf,
  isIndexFailed,
  newIndexFailureCounts,
} from '../../../../kubernetes/index.ts';
import { buildPod, terminated } from './build-pod.ts';

// indexed_job_utils_test.go (Kubernetes 1.36), row by row.
describe('indexFailureCountOf (TestGetIndexFailureCount)', () => {
  test.each([
    ['no annotation', buildPod().pod, 0],
    ['valid value', buildPod().indexFailureCount('2').pod, 2],
    ['valid maxint32 value', buildPod().indexFailureCount('2147483647').pod, 2147483647],
    ['too large value', buildPod().indexFailureCount('2147483648').pod, 0],
    ['negative value', buildPod().indexFailureCount('-1').pod, 0],
    ['invalid int value', buildPod().indexFailureCount('xyz').pod, 0],
  ])('%s', (_name, pod, count) => {
    expect(indexFailureCountOf(pod)).toBe(count);
  });

  // diagnose used to count the annotation only when it parsed, index-status whenever present.
  // parseIndexFailureCountAnnotation reads any present key through parseInt32: present and
  // unreadable is a count of 0, the same pod as "0", not a pod without the annotation.
  test('an unreadable value is present, with count 0; only a missing key is absent', () => {
    for (const value of ['xyz', '-1', '2147483648', ''])
      expect(hasIndexFailureCountAnnotation(buildPod().indexFailureCount(value).pod)).toBe(true);
    expect(hasIndexFailureCountAnnotation(buildPod().pod)).toBe(false);
    expect(hasIndexFailureCountAnnotation(buildPod().indexIgnoredFailureCount('1').pod)).toBe(false);
  });

  test('getIndexAbsoluteFailureCount adds the ignored failures', () => {
    expect(indexAbsoluteFailureCountOf(buildPod().indexFailureCount('1').indexIgnoredFailureCount('1').pod)).toBe(2);
  });
});

describe('newIndexFailureCounts (TestGetNewIndexFailureCountValue)', () => {
  const ignoreDisruption = {
    spec: {
      podFailurePolicy: {
        rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
      },
    },
  };
  test.each([
    ['first pod created', {}, null, { failures: 0, ignored: 0 }],
    [
      'failed pod being replaced with 0 index failure count',
      {},
      buildPod().indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod,
      { failures: 1, ignored: 0 },
    ],
    [
      'failed pod being replaced with >0 index failure count',
      {},
      buildPod().indexFailureCount('3').phase('Failed').index('0').trackingFinalizer().pod,
      { failures: 4, ignored: 0 },
    ],
    [
      'failed pod being replaced, matching the ignore rule',
      ignoreDisruption,
      buildPod()
        .indexFailureCount('3')
        .status({ phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True' }] })
        .index('3')
        .trackingFinalizer().pod,
      { failures: 3, ignored: 1 },
    ],
  ])('%s', (_name, job, pod, counts) => {
    expect(newIndexFailureCounts(job, pod)).toEqual(counts);
  });
});

describe('isIndexFailed (TestIsIndexFailed)', () => {
  test.each([
    [
      'failed pod exceeding backoffLimitPerIndex, when backoffLimitPerIndex=0',
      { completions: 2, backoffLimitPerIndex: 0 },
      buildPod().indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod,
      true,
    ],
    [
      'failed pod exceeding backoffLimitPerIndex, when backoffLimitPerIndex=1',
      { completions: 2, backoffLimitPerIndex: 1 },
      buildPod().indexFailureCount('1').phase('Failed').index('1').trackingFinalizer().pod,
      true,
    ],
    [
      'matching FailIndex pod failure policy',
      {
        completions: 2,
        backoffLimitPerIndex: 1,
        podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }] },
      },
      buildPod()
        .indexFailureCount('0')
        .status({ phase: 'Failed', containerStatuses: [terminated(3)] })
        .index('0')
        .trackingFinalizer().pod,
      true,
    ],
  ])('%s', (_name, spec, pod, failed) => {
    expect(isIndexFailed({ spec }, pod)).toBe(failed);
  });

  test('a failure with retries left, an ignored one, or a pod that has not failed leaves the index open', () => {
    const spec = { completions: 2, backoffLimitPerIndex: 1 };
    expect(isIndexFailed({ spec }, buildPod().indexFailureCount('0').phase('Failed').pod)).toBe(false);
    expect(isIndexFailed({ spec }, buildPod().indexFailureCount('1').phase('Running').pod)).toBe(false);
    const ignoring = {
      ...spec,
      podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }] },
    };
    const ignored = buildPod()
      .indexFailureCount('1')
      .status({ phase: 'Failed', containerStatuses: [terminated(3)] });
    expect(isIndexFailed({ spec: ignoring }, ignored.pod)).toBe(false);
  });
});
