import { describe, expect, test } from '@jest/globals';
import { formatIntervals, parseIndexesLenient } from '../../../kubernetes/index.ts';

// The Job controller's reading of status.completedIndexes / failedIndexes (parseIndexesFromString);
// the status cases of TestCalculateSucceededIndexes (pkg/controller/job, 1.36.4) plus the edges
// the port keeps on purpose.
describe('parseIndexesLenient', () => {
  const cases: [string, string, number, string][] = [
    ['an interval past completions is dropped', '0-5,8-10', 8, '0-5'],
    // A two-index interval prints as "8,9", as the controller writes it.
    ['an interval across completions is clipped', '0-5,8-10', 10, '0-5,8,9'],
    ['single indexes and ranges', '0,4,5,10-12', 13, '0,4,5,10-12'],
    ['the "1,2" form merges like "1-2"', '1,2,3', 4, '1-3'],
    ['corrupt fragments are skipped', '0,x,2-y,4', 5, '0,4'],
    ['the empty string is no index', '', 3, ''],
    ['numbers beyond 15 digits still parse exactly', '1,1000000000000000000', 3, '1'],
  ];
  test.each(cases)('%s: %j with completions %d', (_name, text, completions, expected) => {
    expect(formatIntervals(parseIndexesLenient(text, completions))).toBe(expected);
  });

  test('an int64 overflow is a corrupt fragment, not a huge index', () => {
    expect(formatIntervals(parseIndexesLenient('0,2-99999999999999999999', 5))).toBe('0');
  });
});
