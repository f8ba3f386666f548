import { cronScheduleError } from './cron.ts';
import { isKnownTimeZone } from './time-zone.ts';

/**
 * The next start times of a CronJob schedule, as robfig/cron v3's SpecSchedule.Next finds them
 * (the CronJob controller's mostRecentScheduleTime and nextScheduleTime use it): five fields or
 * a descriptor, in `timeZone` (spec.timeZone, or a TZ=/CRON_TZ= prefix; UTC when neither, as the
 * controller runs in UTC on most clusters), day of month and day of week joined by OR unless one
 * of them is `*` (robfig's dayMatches). Instants are walked in UTC (by day, hour, then minute), so a
 * local time skipped by a daylight-saving change never runs, and a repeated one runs at each
 * instant it names. Looks five years ahead, as robfig does; `@every` schedules are not computed
 * (undefined).
 */
export function nextCronRuns(
  schedule: string,
  timeZone: string | null,
  after: number,
  count: number,
): string[] | undefined {
  if (cronScheduleError(schedule, isKnownTimeZone) !== undefined) return undefined;
  let spec = schedule.trim();
  let zone = timeZone ?? 'UTC';
  const prefix = /^(?:CRON_)?TZ=(\S*)\s+/.exec(spec);
  if (prefix) {
    zone = prefix[1] || 'UTC';
    spec = spec.slice(prefix[0].length).trim();
  }
  if (zone === 'Local') zone = 'UTC';
  if (!isKnownTimeZone(zone)) return undefined;
  const fields = parseFields(DESCRIPTORS[spec] ?? spec);
  if (fields === undefined) return undefined;
  const offsetOf = zoneOffset(zone);
  const runs: string[] = [];
  const first = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  for (let t = first; t < first + HORIZON && runs.length < count;) {
    const local = new Date(t + offsetOf(t));
    const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
    if (!fields.months.has(local.getUTCMonth() + 1) || !dayMatches(fields, local.getUTCDate(), local.getUTCDay())) {
      // To the next local day, less an hour: a daylight-saving change that day moves midnight by one.
      t += Math.max(1, 24 * 60 - minuteOfDay - 60) * MINUTE;
      continue;
    }
    if (!fields.hours.has(local.getUTCHours())) {
      t += (60 - local.getUTCMinutes()) * MINUTE;
      continue;
    }
    if (fields.minutes.has(local.getUTCMinutes())) runs.push(new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    t += MINUTE;
  }
  return runs;
}

const MINUTE = 60_000;
/** robfig gives up after five years (spec.go Next). */
const HORIZON = 5 * 366 * 24 * 60 * MINUTE;

/** robfig's descriptors (parser.go parseDescriptor); @every is a duration, not fields. */
const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface Fields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
  /** Whether the day-of-month / day-of-week field starts with `*` or `?` (robfig's starBit). */
  readonly daysStar: boolean;
  readonly weekdaysStar: boolean;
}

const BOUNDS: readonly (readonly [number, number, Readonly<Record<string, number>>?])[] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12, { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 }],
  [0, 6, { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }],
];

/** The five fields as sets (the schedule already passed cronScheduleError); undefined for @every. */
function parseFields(spec: string): Fields | undefined {
  if (spec.startsWith('@')) return undefined;
  const parts = spec.split(/\s+/);
  const sets = parts.map((part, i) => expand(part, BOUNDS[i]!));
  const star = (part: string | undefined) => part !== undefined && (part.startsWith('*') || part.startsWith('?'));
  return {
    minutes: sets[0]!,
    hours: sets[1]!,
    days: sets[2]!,
    months: sets[3]!,
    weekdays: sets[4]!,
    daysStar: star(parts[2]),
    weekdaysStar: star(parts[4]),
  };
}

/** robfig's getField/getRange: comma-separated ranges `a`, `a-b`, `*`, each with an optional `/step`. */
function expand(
  field: string,
  [min, max, names]: readonly [number, number, Readonly<Record<string, number>>?],
): Set<number> {
  const out = new Set<number>();
  const value = (text: string) => names?.[text.toLowerCase()] ?? Number(text);
  for (const expr of field.split(',').filter((e) => e !== '')) {
    const [range = '', stepText] = expr.split('/');
    const [low = '', high] = range.split('-');
    let start: number;
    let end: number;
    if (low === '*' || low === '?') [start, end] = [min, max];
    else {
      start = value(low);
      end = high !== undefined ? value(high) : stepText !== undefined ? max : start;
    }
    const step = stepText !== undefined ? Number(stepText) : 1;
    for (let n = start; n <= end; n += step) out.add(n);
  }
  return out;
}

/** dayMatches (robfig spec.go): both must match when either field is `*`, else either may. */
function dayMatches(fields: Fields, day: number, weekday: number): boolean {
  const dom = fields.days.has(day);
  const dow = fields.weekdays.has(weekday);
  return fields.daysStar || fields.weekdaysStar ? dom && dow : dom || dow;
}

/** The zone's UTC offset in ms at an instant, looked up once per quarter hour (offsets change on such bounds). */
function zoneOffset(zone: string): (t: number) => number {
  if (zone === 'UTC') return () => 0;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const cache = new Map<number, number>();
  return (t) => {
    const quarter = Math.floor(t / (15 * MINUTE));
    let offset = cache.get(quarter);
    if (offset === undefined) {
      const parts = Object.fromEntries(format.formatToParts(quarter * 15 * MINUTE).map((p) => [p.type, p.value]));
      const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
      offset = wall - quarter * 15 * MINUTE;
      cache.set(quarter, offset);
    }
    return offset;
  };
}
