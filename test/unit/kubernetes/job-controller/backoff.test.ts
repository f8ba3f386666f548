import { describe, expect, test } from '@jest/globals';
import {
  backoffDelaySeconds,
  type BackoffRecord,
  backoffSchedule,
  EMPTY_BACKOFF_RECORD,
  newBackoffRecord,
  remainingBackoffSeconds,
  remainingBackoffSecondsPerIndex,
} from '../../../../kubernetes/index.ts';
import { buildPod } from './build-pod.ts';

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

const T = Date.parse('2009-11-10T23:00:00Z');

// TestNewBackoffRecord (backoff_utils_test.go, 1.36): finish times in ms relative to T.
describe('newBackoffRecord (TestNewBackoffRecord)', () => {
  test.each<[string, BackoffRecord, number[], number[], BackoffRecord]>([
    ['Empty backoff store and one new failure', EMPTY_BACKOFF_RECORD, [], [0], record(1, 0)],
    ['Empty backoff store and two new failures', EMPTY_BACKOFF_RECORD, [], [0, -1], record(2, 0)],
    ['Empty backoff store, two failures followed by success', EMPTY_BACKOFF_RECORD, [0], [-2, -1], record(0)],
    [
      'Empty backoff store, two failures, one success and two more failures',
      EMPTY_BACKOFF_RECORD,
      [-2],
      [0, -4, -3, -1],
      record(2, 0),
    ],
    ['Backoff store having failure count 2 and one new failure', record(2), [], [0], record(3, 0)],
    ['Empty backoff store with success and failure at same timestamp', EMPTY_BACKOFF_RECORD, [0], [0], record(0)],
    ['Empty backoff store with no success/failure', EMPTY_BACKOFF_RECORD, [], [], record(0)],
    ['Empty backoff store with one success', EMPTY_BACKOFF_RECORD, [0], [], record(0)],
  ])('%s', (_name, old, succeeded, failed, want) => {
    expect(
      newBackoffRecord(
        old,
        succeeded.map((ms) => T + ms),
        failed.map((ms) => T + ms),
      ),
    ).toEqual(want);
  });

  function record(failures: number, lastFailureMs?: number): BackoffRecord {
    return {
      failuresAfterLastSuccess: failures,
      lastFailureTime: lastFailureMs === undefined ? undefined : T + lastFailureMs,
    };
  }
});

// TestGetRemainingBackoffTime and TestGetRemainingBackoffTimePerIndex (backoff_utils_test.go,
// 1.36): defaultBackoff 5 s, maxBackoff 700 s; seconds after the last failure → seconds left.
describe('remainingBackoffSeconds (TestGetRemainingBackoffTime)', () => {
  const timing = { base: 5, cap: 700 };
  test.each([
    ['no failures', 0, 0, 0],
    ['one failure; current time and failure time are same', 1, 0, 5],
    ['one failure; current time == 1 second + failure time', 1, 1, 4],
    ['one failure; current time == expected backoff time', 1, 5, 0],
    ['one failure; current time == expected backoff time + 1 Second', 1, 6, 0],
    ['three failures; current time and failure time are same', 3, 0, 20],
    ['eight failures; current time and failure time are same; backoff not exceeding maxBackoff', 8, 0, 640],
    ['nine failures; current time and failure time are same; backoff exceeding maxBackoff', 9, 0, 700],
  ])('%s', (_name, failures, elapsed, left) => {
    expect(remainingBackoffSeconds(failures, T, T + elapsed * 1000, timing)).toBe(left);
  });

  test.each([
    ['no failures', null, 0],
    [
      'two prev failures; current time and failure time are same',
      buildPod().phase('Failed').indexFailureCount('2').deletionTimestamp().pod,
      20,
    ],
    [
      'one prev failure counted and one ignored; current time and failure time are same',
      buildPod().phase('Failed').indexFailureCount('1').indexIgnoredFailureCount('1').deletionTimestamp().pod,
      20,
    ],
  ])('per index (TestGetRemainingBackoffTimePerIndex): %s', (_name, lastFailedPod, left) => {
    expect(remainingBackoffSecondsPerIndex(lastFailedPod, T, timing)).toBe(left);
  });
});
