import { describe, expect, test } from '@jest/globals';
import { toIndexDetails } from '../../../../plugin/index-status/index-details.ts';
import { parseIndexSelection } from '../../../../plugin/index-status/index-selection.ts';
import { toIndexStatus, type IndexStatus } from '../../../../plugin/index-status/index-status.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

describe('--index: the strict grammar of succeededIndexes', () => {
  test('single indexes and ranges', () => {
    expect(parseIndexSelection('5,7-9', 10)).toEqual({
      ok: true,
      intervals: [
        { first: 5, last: 5 },
        { first: 7, last: 9 },
      ],
    });
    expect(parseIndexSelection('0', 1)).toEqual({ ok: true, intervals: [{ first: 0, last: 0 }] });
  });

  test('an index at or past completions names the valid range', () => {
    expect(parseIndexSelection('3,10', 10)).toEqual({
      ok: false,
      error: '--index "3,10": index 10 is out of range: the Job has 10 completions (indexes 0-9)',
    });
    expect(parseIndexSelection('2-12', 10)).toEqual({
      ok: false,
      error: '--index "2-12": index 12 is out of range: the Job has 10 completions (indexes 0-9)',
    });
    expect(parseIndexSelection('0', 0)).toEqual({
      ok: false,
      error: '--index "0": index 0 is out of range: the Job has 0 completions (no indexes)',
    });
  });

  test('what the API server would reject is rejected with its own words', () => {
    expect(parseIndexSelection('7,5', 10)).toEqual({
      ok: false,
      error:
        '--index "7,5": non-increasing order, previous: 7, current: 5 (expected ascending indexes and ranges such as 5,7-9)',
    });
    expect(parseIndexSelection('a', 10)).toEqual({
      ok: false,
      error:
        '--index "a": cannot convert string to integer for index: "a" (expected ascending indexes and ranges such as 5,7-9)',
    });
    expect(parseIndexSelection('1-2-3', 10)).toMatchObject({
      ok: false,
      error: expect.stringContaining('at most two parts'),
    });
    expect(parseIndexSelection('5, 7', 10)).toMatchObject({
      ok: false,
      error: expect.stringContaining('cannot convert string to integer for index: " 7"'),
    });
    expect(parseIndexSelection('', 10)).toEqual({
      ok: false,
      error: '--index needs at least one index, such as 5 or 5,7-9 (the Job has indexes 0-9)',
    });
  });
});

describe('per-index detail from the recorded indexed-mixed-running Job', () => {
  const result = toIndexStatus(loadSnapshot('indexed-mixed-running'));
  const status = (result as { status: IndexStatus }).status;

  test('every pod of the index, oldest first, with attempt, exit code and reason', () => {
    const [one, two, four, five] = toIndexDetails(status, [
      { first: 1, last: 2 },
      { first: 4, last: 5 },
    ]);
    expect(one).toMatchObject({ index: 1, status: 'succeeded', failures: 1, ignored: 0, retriesLeft: 0 });
    expect(one!.pods.map((p) => [p.attempt, p.phase, p.exitCode, p.reason])).toEqual([
      [1, 'Failed', 1, 'Error'],
      [2, 'Succeeded', 0, 'Completed'],
    ]);
    expect(two).toMatchObject({ index: 2, status: 'failed', failures: 2 });
    expect(two!.pods.map((p) => p.exitCode)).toEqual([2, 2]);
    expect(four!.pods.map((p) => [p.attempt, p.phase, p.exitCode, p.reason, p.terminating])).toEqual([
      [1, 'Failed', 137, 'OOMKilled', false],
      [2, 'Running', null, null, false],
    ]);
    expect(five).toMatchObject({ index: 5, status: 'succeeded', failures: 0, retriesLeft: 1 });
    expect(four!.pods[0]!.finishedAt).toMatch(/^2026-11-23T16:05:\d\dZ$/);
    expect(four!.pods[0]!.node).toMatch(/^testbed-node-/);
  });
});
