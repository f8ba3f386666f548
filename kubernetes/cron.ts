/**
 * A port of the schedule parser the API server validates CronJobs with: robfig/cron v3
 * `ParseStandard` (five fields or a descriptor), wrapped by Kubernetes'
 * `ParseCronScheduleWithPanicRecovery`. Returns the error message, or undefined when valid.
 */

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DAYS_OF_MONTH: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DAYS_OF_WEEK: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };
const FIELD_BOUNDS = [MINUTES, HOURS, DAYS_OF_MONTH, MONTHS, DAYS_OF_WEEK];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

export function cronScheduleError(spec: string, isTimeZone: (name: string) => boolean): string | undefined {
  if (spec.length === 0) return 'empty spec string';
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    const eq = rest.indexOf('=');
    // Go slices spec[eq+1:i] with i = -1 and panics; Kubernetes recovers and reports this.
    if (space < 0) return `invalid schedule format: runtime error: slice bounds out of range [:-1]`;
    const location = rest.slice(eq + 1, space);
    if (location !== '' && location !== 'UTC' && location !== 'Local' && !isTimeZone(location)) {
      return `provided bad location ${location}: unknown time zone ${location}`;
    }
    rest = rest.slice(space).trim();
  }
  if (rest.startsWith('@')) return descriptorError(rest);
  const fields = rest.split(/[\t\n\v\f\r ]+/).filter((f) => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    const error = fieldError(fields[i] ?? '', FIELD_BOUNDS[i] as Bounds);
    if (error) return error;
  }
  return undefined;
}

function descriptorError(descriptor: string): string | undefined {
  if (DESCRIPTORS.has(descriptor)) return undefined;
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    return isGoDuration(descriptor.slice(every.length))
      ? undefined
      : `failed to parse duration ${descriptor}: time: invalid duration`;
  }
  return `unrecognized descriptor: ${descriptor}`;
}

/** time.ParseDuration's grammar: [-+]? then one or more <decimal><unit>, or "0". */
function isGoDuration(text: string): boolean {
  if (/^[-+]?0$/.test(text)) return true;
  return /^[-+]?((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(text);
}

function fieldError(field: string, bounds: Bounds): string | undefined {
  for (const expr of field.split(',').filter((e) => e !== '')) {
    const error = rangeError(expr, bounds);
    if (error) return error;
  }
  return undefined;
}

function rangeError(expr: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    const parsedStart = parseIntOrName(lowAndHigh[0] ?? '', bounds.names);
    if (typeof parsedStart === 'string') return parsedStart;
    start = parsedStart;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const parsedEnd = parseIntOrName(lowAndHigh[1] ?? '', bounds.names);
      if (typeof parsedEnd === 'string') return parsedEnd;
      end = parsedEnd;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsedStep = parseNonNegativeInt(rangeAndStep[1] ?? '');
    if (typeof parsedStep === 'string') return parsedStep;
    step = parsedStep;
    if (singleDigit) end = bounds.max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < bounds.min) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > bounds.max) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

function parseIntOrName(expr: string, names: Bounds['names']): number | string {
  const named = names?.[expr.toLowerCase()];
  return named ?? parseNonNegativeInt(expr);
}

/** strconv.Atoi followed by the non-negative check of mustParseInt. */
function parseNonNegativeInt(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr) || !Number.isSafeInteger(Number(expr)))
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`;
  const num = Number(expr);
  if (num < 0) return `negative number (${num}) not allowed: ${expr}`;
  return num;
}
