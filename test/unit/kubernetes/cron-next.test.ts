import { describe, expect, test } from '@jest/globals';
import { nextCronRuns } from '../../../kubernetes/index.ts';

const AT = Date.parse('2026-12-06T19:47:30Z');

describe('nextCronRuns: robfig/cron SpecSchedule.Next', () => {
  test.each([
    ['*/5 * * * *', null, ['2026-12-06T19:50:00Z', '2026-12-06T19:55:00Z', '2026-12-06T20:00:00Z']],
    ['0 3 * * *', 'Europe/Paris', ['2026-12-07T02:00:00Z', '2026-12-08T02:00:00Z', '2026-12-09T02:00:00Z']],
    ['@yearly', null, ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z']],
    // Monday to Friday: Saturday the 12th and Sunday the 13th are skipped.
    ['0 9 * * mon-fri', 'America/New_York', ['2026-12-07T14:00:00Z', '2026-12-08T14:00:00Z', '2026-12-09T14:00:00Z']],
    // Day of month and day of week both restricted: either matches (Friday the 11th, the 13th, Friday the 18th).
    ['TZ=Asia/Kolkata 30 8 13 * 5', null, ['2026-12-11T03:00:00Z', '2026-12-13T03:00:00Z', '2026-12-18T03:00:00Z']],
    // 29 February, midnight in Paris: the next leap year.
    ['0 0 29 2 *', 'Europe/Paris', ['2028-02-28T23:00:00Z']],
  ])('%s in %s', (schedule, zone, expected) => {
    expect(nextCronRuns(schedule, zone, AT, expected.length)).toEqual(expected);
  });

  test('a local time skipped by daylight saving never runs (Paris, 28 March 2027, 02:30)', () => {
    expect(nextCronRuns('30 2 * * *', 'Europe/Paris', Date.parse('2027-03-26T12:00:00Z'), 3)).toEqual([
      '2027-03-27T01:30:00Z',
      '2027-03-29T00:30:00Z',
      '2027-03-30T00:30:00Z',
    ]);
  });

  test('never (30 February), @every and an invalid schedule', () => {
    expect(nextCronRuns('0 0 30 2 *', null, AT, 3)).toEqual([]);
    expect(nextCronRuns('@every 1h', null, AT, 3)).toBeUndefined();
    expect(nextCronRuns('61 * * * *', null, AT, 3)).toBeUndefined();
    expect(nextCronRuns('0 * * * *', 'Mars/Olympus', AT, 3)).toBeUndefined();
  });
});
