import { describe, expect, test } from '@jest/globals';
import { completionIndexOf } from '../../../../kubernetes/index.ts';
import { buildPod } from './build-pod.ts';

// getCompletionIndex (indexed_job_utils.go, 1.36) returns unknownCompletionIndex (-1) where the
// port returns null: the one answer for "no index" that diagnose and index-status both use now
// (they answered null and undefined before).
describe('completionIndexOf (getCompletionIndex)', () => {
  // The index strings of TestCalculateSucceededIndexes "one index and one interval" and
  // TestAppendDuplicatedIndexPodsForRemoval "mixed": "-" is a pod without the annotation.
  test.each([
    ['0', 0],
    ['5', 5],
    ['10', 10],
    ['-2', null],
    ['invalid', null],
  ])('the annotation %j reads as %j', (annotation, index) => {
    expect(completionIndexOf(buildPod().index(annotation).pod)).toBe(index);
  });

  test('no annotation (noIndex), or no annotations at all, is null, never undefined', () => {
    expect(completionIndexOf(buildPod().pod)).toBeNull();
    expect(completionIndexOf(buildPod().annotation('other', '1').pod)).toBeNull();
  });

  test('strconv.Atoi: a sign and leading zeros are read, "-0" is 0, spaces and underscores are not', () => {
    expect(completionIndexOf(buildPod().index('+3').pod)).toBe(3);
    expect(completionIndexOf(buildPod().index('007').pod)).toBe(7);
    expect(Object.is(completionIndexOf(buildPod().index('-0').pod), 0)).toBe(true);
    for (const text of [' 1', '1 ', '1_0', '0x1', '1.0', '', '99999999999999999999'])
      expect(completionIndexOf(buildPod().index(text).pod)).toBeNull();
  });

  test('the label of the same name is not read (the controller only writes it)', () => {
    const pod = { metadata: { labels: { 'batch.kubernetes.io/job-completion-index': '3' } } };
    expect(completionIndexOf(pod)).toBeNull();
  });
});
