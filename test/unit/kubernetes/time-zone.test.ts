// isKnownTimeZone answers canonical names from ICU's list and sends everything else through
// Intl.DateTimeFormat. The fast path must not change an answer: every canonical zone, aliases,
// names that differ only in case, and names that are no zone, against the slow path alone.
import { describe, expect, test } from '@jest/globals';
import { isKnownTimeZone } from '../../../kubernetes/index.ts';

/** The whole check through Intl.DateTimeFormat, as it was before the canonical list answered first. */
function throughDateTimeFormat(name: string): boolean {
  if (name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  const canonical = Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase() === name.toLowerCase());
  return canonical === undefined || canonical === name;
}

const CANONICAL = Intl.supportedValuesOf('timeZone');
const OTHERS = [
  'US/Pacific',
  'Asia/Calcutta',
  'Etc/GMT+5',
  'GMT',
  'Europe/Kiev',
  'europe/berlin',
  'EUROPE/BERLIN',
  'utc',
  'Europe/Atlantis',
  'Local',
  '',
  ' Europe/Berlin',
  'Europe//Berlin',
  '+01:00',
];

describe('isKnownTimeZone', () => {
  test.each([...CANONICAL, ...OTHERS].map((name) => [name]))('%j as through Intl.DateTimeFormat alone', (name) => {
    expect(isKnownTimeZone(name)).toBe(throughDateTimeFormat(name));
  });

  test('accepts canonical zones and aliases, refuses a zone spelled in another case and non-zones', () => {
    expect(['Europe/Berlin', 'America/New_York', 'US/Pacific', 'UTC'].map(isKnownTimeZone)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['europe/berlin', 'Europe/Atlantis', ''].map(isKnownTimeZone)).toEqual([false, false, false]);
  });
});
