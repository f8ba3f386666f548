import { describe, expect, test } from '@jest/globals';
import { backoffDelaySeconds, backoffSchedule } from '../../../../kubernetes/job-controller/backoff.ts';

describe('backoffDelaySeconds (the Job controller, 1.36)', () => {
  test('no failures, no delay', () => {
    expect(backoffDelaySeconds(0)).toBe(0);
  });
  test('10 s after the first failure, doubling after each next one', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffDelaySeconds)).toEqual([10, 20, 40, 80, 160, 320]);
  });
  test('capped at 10 minutes from the 7th failure on', () => {
    expect([7, 8, 100, 2147483647].map(backoffDelaySeconds)).toEqual([600, 600, 600, 600]);
  });
});

describe('backoffSchedule', () => {
  test('one delay per tolerated failure', () => {
    expect(backoffSchedule(6)).toEqual([10, 20, 40, 80, 160, 320]);
    expect(backoffSchedule(0)).toEqual([]);
  });
  test('an effectively unlimited budget is cut at the limit', () => {
    expect(backoffSchedule(2147483647, 8)).toEqual([10, 20, 40, 80, 160, 320, 600, 600]);
  });
});
