import type { CronJobFacts } from '../explain-cronjob.ts';
import { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION } from '../../../kubernetes/index.ts';
import { formatDuration } from '../durations.ts';

/** The sentences of `cronJob`: when it creates Jobs, what happens to overlapping and late runs. */
export function cronJobSentences(facts: CronJobFacts): string[] {
  const { schedule, timeZone, startingDeadlineSeconds } = facts;
  const sentences: string[] = [];
  sentences.push(
    schedule === null
      ? 'It has no schedule (the API server rejects that).'
      : `Creates a Job on the schedule "${schedule}", ${timeZone !== null ? `in time zone ${timeZone}` : "in the kube-controller-manager's local time zone (spec.timeZone unset)"}.`,
  );
  if (facts.suspend === true)
    sentences.push(
      'It is suspended: it creates no Jobs until spec.suspend is false (Jobs already running go on; missed runs may start on resume, within startingDeadlineSeconds).',
    );
  sentences.push(
    CONCURRENCY.get(facts.concurrencyPolicy ?? '') ??
      `concurrencyPolicy ${JSON.stringify(facts.concurrencyPolicy)} is not valid (Allow, Forbid or Replace).`,
  );
  sentences.push(
    startingDeadlineSeconds !== null
      ? `A run that cannot start within ${formatDuration(startingDeadlineSeconds)} of its scheduled time is skipped.`
      : 'No starting deadline: a late run still starts; but after more than 100 missed runs (controller down, clock skew) the CronJob stops creating Jobs (event FailedNeedsStart) — startingDeadlineSeconds limits how far back it looks.',
  );
  sentences.push(
    `Its Jobs are named ${facts.name}-<scheduled time in minutes since the epoch>, carry the annotation ${CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION}, and are defaulted when created: the values below are theirs.`,
    'A CronJob creates about one Job per scheduled time; rarely two, or none: the Jobs should be idempotent.',
  );
  return sentences;
}

/** What each concurrencyPolicy does with a run that would overlap the previous one (a Map: the value is the user's). */
const CONCURRENCY: ReadonlyMap<string, string> = new Map([
  ['Allow', 'concurrencyPolicy Allow: runs may overlap; a new Job starts even if the previous one still runs.'],
  ['Forbid', 'concurrencyPolicy Forbid: a run is skipped while the previous Job still runs.'],
  [
    'Replace',
    'concurrencyPolicy Replace: a new run deletes the previous Job if it still runs, and starts in its place.',
  ],
]);
