import {
  bool,
  CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION,
  int,
  obj,
  str,
  type JsonObject,
} from '../../kubernetes/index.ts';
import { formatDuration } from './durations.ts';
import type { CronJobSchedule } from './explanation.ts';

const CRONJOB_FIELDS = [
  'concurrencyPolicy',
  'suspend',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
] as const;

/**
 * A CronJob's own schedule and bookkeeping (pkg/controller/cronjob). `defaulted` is the list of
 * CronJob fields the API server filled in, or null when that cannot be known.
 */
export function explainCronJob(
  defaultedObject: JsonObject,
  written: JsonObject | undefined,
  name: string,
): CronJobSchedule {
  const spec = obj(defaultedObject, 'spec') ?? {};
  const writtenSpec = written ? (obj(written, 'spec') ?? {}) : undefined;
  const schedule = str(spec, 'schedule') ?? null;
  const timeZone = str(spec, 'timeZone') ?? null;
  const concurrencyPolicy = str(spec, 'concurrencyPolicy') ?? null;
  const startingDeadlineSeconds = int(spec, 'startingDeadlineSeconds') ?? null;
  const suspend = bool(spec, 'suspend') ?? null;
  const sentences: string[] = [];
  sentences.push(
    schedule === null
      ? 'It has no schedule (the API server rejects that).'
      : `Creates a Job on the schedule "${schedule}", ${timeZone !== null ? `in time zone ${timeZone}` : "in the kube-controller-manager's local time zone (spec.timeZone unset)"}.`,
  );
  if (suspend === true)
    sentences.push(
      'It is suspended: it creates no Jobs until spec.suspend is false (Jobs already running go on; missed runs may start on resume, within startingDeadlineSeconds).',
    );
  switch (concurrencyPolicy) {
    case 'Allow':
      sentences.push(
        'concurrencyPolicy Allow: runs may overlap; a new Job starts even if the previous one still runs.',
      );
      break;
    case 'Forbid':
      sentences.push('concurrencyPolicy Forbid: a run is skipped while the previous Job still runs.');
      break;
    case 'Replace':
      sentences.push(
        'concurrencyPolicy Replace: a new run deletes the previous Job if it still runs, and starts in its place.',
      );
      break;
    default:
      sentences.push(`concurrencyPolicy ${JSON.stringify(concurrencyPolicy)} is not valid (Allow, Forbid or Replace).`);
  }
  sentences.push(
    startingDeadlineSeconds !== null
      ? `A run that cannot start within ${formatDuration(startingDeadlineSeconds)} of its scheduled time is skipped.`
      : 'No starting deadline: a late run still starts; but after more than 100 missed runs (controller down, clock skew) the CronJob stops creating Jobs (event FailedNeedsStart) — startingDeadlineSeconds limits how far back it looks.',
  );
  sentences.push(
    `Its Jobs are named ${name}-<scheduled time in minutes since the epoch>, carry the annotation ${CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION}, and are defaulted when created: the values below are theirs.`,
    'A CronJob creates about one Job per scheduled time; rarely two, or none: the Jobs should be idempotent.',
  );
  return {
    schedule,
    timeZone,
    concurrencyPolicy,
    startingDeadlineSeconds,
    successfulJobsHistoryLimit: int(spec, 'successfulJobsHistoryLimit') ?? null,
    failedJobsHistoryLimit: int(spec, 'failedJobsHistoryLimit') ?? null,
    suspend,
    defaulted: writtenSpec
      ? CRONJOB_FIELDS.filter((field) => isUnset(writtenSpec[field], field) && spec[field] !== undefined)
      : null,
    sentences,
  };
}

/** Go decodes null as unset; the API server also defaults an empty concurrencyPolicy. */
function isUnset(value: unknown, field: string): boolean {
  return value === undefined || value === null || (field === 'concurrencyPolicy' && value === '');
}
