/**
 * Go's time.Parse(time.RFC3339, text) as metav1.Time.UnmarshalJSON calls it: undefined when the
 * text parses, else Go's error message. The layout is walked element by element as time.Parse
 * does, so the message names the element that failed (`cannot parse "x" as "2006"`).
 */
const LAYOUT = '2006-01-02T15:04:05Z07:00';
const ELEMENTS = ['2006', '-', '01', '-', '02', 'T', '15', ':', '04', ':', '05', 'Z07:00'] as const;
const DIGITS: Partial<Record<string, number>> = { '2006': 4, '01': 2, '02': 2, '15': 2, '04': 2, '05': 2 };

/** Go's quote() in time/format.go for ASCII text; other characters are escaped as strconv does. */
function quote(text: string): string {
  return JSON.stringify(text);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Matches one layout element at the start of `rest`; the length it consumed, or -1. */
function matchElement(element: string, rest: string): number {
  const digits = DIGITS[element];
  if (digits !== undefined) return new RegExp(`^\\d{${digits}}`).test(rest) ? digits : -1;
  if (element === 'Z07:00') {
    if (rest.startsWith('Z')) return 1;
    return /^[+-]\d{2}:\d{2}/.test(rest) ? 6 : -1;
  }
  return rest.startsWith(element) ? element.length : -1;
}

export function rfc3339Error(text: string): string | undefined {
  const values: Record<string, number> = {};
  let rest = text;
  for (const element of ELEMENTS) {
    const length = matchElement(element, rest);
    if (length < 0)
      return `parsing time ${quote(text)} as ${quote(LAYOUT)}: cannot parse ${quote(rest)} as ${quote(element)}`;
    if (DIGITS[element] !== undefined) values[element] = Number(rest.slice(0, length));
    rest = rest.slice(length);
    // Fractional seconds follow the seconds even though the layout does not show them.
    if (element === '05') {
      const fraction = /^[.,]\d+/.exec(rest);
      if (fraction) rest = rest.slice(fraction[0].length);
    }
  }
  const range = (what: string) => `parsing time ${quote(text)}: ${what} out of range`;
  const {
    '2006': year = 0,
    '01': month = 0,
    '02': day = 0,
    '15': hour = 0,
    '04': minute = 0,
    '05': second = 0,
  } = values;
  if (month < 1 || month > 12) return range('month');
  if (day < 1 || day > daysIn(month, year)) return range('day');
  if (hour > 23) return range('hour');
  if (minute > 59) return range('minute');
  if (second > 59) return range('second');
  if (rest !== '') return `parsing time ${quote(text)}: extra text: ${quote(rest)}`;
  return undefined;
}
