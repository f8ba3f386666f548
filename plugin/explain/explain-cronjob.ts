import { bool, int, obj, str, type JsonObject } from '../../kubernetes/index.ts';
import type { CronJobSchedule } from './explanation.ts';

const CRONJOB_FIELDS = [
  'concurrencyPolicy',
  'suspend',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
] as const;

/** A CronJob's schedule and bookkeeping, and its name; wording/cronjob-wording.ts words it. */
export interface CronJobFacts extends Omit<CronJobSchedule, 'sentences'> {
  /** The CronJob's name: its Jobs are named after it. */
  readonly name: string;
}

/**
 * A CronJob's own schedule and bookkeeping (pkg/controller/cronjob). `defaulted` is the list of
 * CronJob fields the API server filled in, or null when that cannot be known.
 */
export function explainCronJob(
  defaultedObject: JsonObject,
  written: JsonObject | undefined,
  name: string,
): CronJobFacts {
  const spec = obj(defaultedObject, 'spec') ?? {};
  const writtenSpec = written ? (obj(written, 'spec') ?? {}) : undefined;
  return {
    schedule: str(spec, 'schedule') ?? null,
    timeZone: str(spec, 'timeZone') ?? null,
    concurrencyPolicy: str(spec, 'concurrencyPolicy') ?? null,
    startingDeadlineSeconds: int(spec, 'startingDeadlineSeconds') ?? null,
    successfulJobsHistoryLimit: int(spec, 'successfulJobsHistoryLimit') ?? null,
    failedJobsHistoryLimit: int(spec, 'failedJobsHistoryLimit') ?? null,
    suspend: bool(spec, 'suspend') ?? null,
    defaulted: writtenSpec
      ? CRONJOB_FIELDS.filter((field) => isUnset(writtenSpec[field], field) && spec[field] !== undefined)
      : null,
    name,
  };
}

/** Go decodes null as unset; the API server also defaults an empty concurrencyPolicy. */
function isUnset(value: unknown, field: string): boolean {
  return value === undefined || value === null || (field === 'concurrencyPolicy' && value === '');
}
