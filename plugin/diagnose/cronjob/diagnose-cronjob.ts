// What `diagnose cronjob/NAME` says of the CronJob itself before its latest Job: schedule and
// next runs, last schedule and success, missed runs and why, active Jobs, the last Jobs with
// their outcomes, and how the history limits and the TTL keep them. Pure: the CronJob, the Jobs
// it owns and its Events, at `now`. The reasons come from the CronJob controller's own Events
// (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob: MissSchedule, JobAlreadyActive,
// SuccessfulDelete; utils.go mostRecentScheduleTime: TooManyMissedTimes); a start time with
// neither a Job nor an Event is the controller's silence.
import {
  bool,
  int,
  nextCronRuns,
  obj,
  str,
  toMillis,
  toRfc3339,
  type JsonObject,
  type RawEvent,
  type RawJob,
} from '../../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../../schemas/generated/diagnose-output.ts';
import type { CronJobSnapshot } from '../../job-snapshot.ts';
import { MISSED_WORDING, NOTE_WORDING } from './cronjob-wording.ts';

export type CronJobBlock = NonNullable<DiagnoseOutput['cronjob']>;
type MissedRun = CronJobBlock['missedRuns'][number];
type HistoryEntry = CronJobBlock['history'][number];
type EventEntry = CronJobBlock['events'][number];

export type { CronJobSnapshot };

/** The controller's cap on the start times it looks back over (utils.go mostRecentScheduleTime). */
const MANY_MISSED = 100;
/** A start time this recent may still be starting its Job: not missed yet. */
const GRACE_MS = 60_000;
export const DEFAULT_HISTORY = 5;

export function diagnoseCronJob(snapshot: CronJobSnapshot, historySize = DEFAULT_HISTORY): CronJobBlock {
  const { cronJob, jobs, events } = snapshot;
  const spec = obj(cronJob, 'spec') ?? {};
  const status = obj(cronJob, 'status') ?? {};
  const now = toMillis(snapshot.now) ?? Date.now();
  const schedule = str(spec, 'schedule') ?? null;
  const timeZone = str(spec, 'timeZone') ?? null;
  const suspended = bool(spec, 'suspend') === true;
  const concurrencyPolicy = str(spec, 'concurrencyPolicy') ?? null;
  const lastScheduleTime = str(status, 'lastScheduleTime') ?? null;
  const ttl = int(obj(obj(spec, 'jobTemplate'), 'spec'), 'ttlSecondsAfterFinished') ?? null;
  const historyLimits = {
    successful: int(spec, 'successfulJobsHistoryLimit') ?? 3,
    failed: int(spec, 'failedJobsHistoryLimit') ?? 1,
  };
  const next = schedule === null ? undefined : nextCronRuns(schedule, timeZone, now, 3);
  const history = [...jobs]
    .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''))
    .slice(0, historySize)
    .map(toHistoryEntry);
  const notes: string[] = [];
  if (suspended) notes.push(NOTE_WORDING.suspended());
  if (schedule !== null && next === undefined) notes.push(NOTE_WORDING.notComputed(schedule));
  else if (next?.length === 0 && !suspended) notes.push(NOTE_WORDING.neverFires(schedule ?? ''));
  if (ttl !== null) notes.push(NOTE_WORDING.ttlBeforeLimits(ttl, historyLimits.successful, historyLimits.failed));
  const name = str(obj(cronJob, 'metadata'), 'name') ?? '';
  const missed = missedRuns(schedule, timeZone, suspended, concurrencyPolicy, cronJob, jobs, events, now);
  const active = (Array.isArray(status.active) ? status.active : [])
    .map((ref) => str(ref, 'name'))
    .filter((job): job is string => job !== undefined);
  if (missed.some((m) => m.why === 'forbid-skip') && active.length > 0) {
    const deadline = int(obj(obj(spec, 'jobTemplate'), 'spec'), 'activeDeadlineSeconds');
    notes.push(NOTE_WORDING.forbidBlocked(active[0]!, deadline ?? null));
  }
  if (jobs.length === 0) {
    if (lastScheduleTime !== null) notes.push(NOTE_WORDING.jobsRemoved(lastScheduleTime));
    notes.push(NOTE_WORDING.runNow(name, str(obj(cronJob, 'metadata'), 'namespace') ?? 'default'));
  }
  return {
    name,
    schedule,
    timeZone,
    suspended,
    concurrencyPolicy,
    lastScheduleTime,
    lastSuccessfulTime: str(status, 'lastSuccessfulTime') ?? null,
    nextRuns: suspended ? [] : (next ?? []),
    missedRuns: missed,
    active,
    history,
    historyLimits,
    ttlSecondsAfterFinished: ttl,
    events: [...events].sort((a, b) => (eventTime(a) ?? '').localeCompare(eventTime(b) ?? '')).map(toEventEntry),
    notes,
  };
}

const eventTime = (e: RawEvent) => e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? null;

function toEventEntry(event: RawEvent): EventEntry {
  return {
    time: eventTime(event),
    type: event.type ?? null,
    reason: event.reason ?? null,
    message: event.message ?? null,
    count: event.count ?? 1,
  };
}

function toHistoryEntry(job: RawJob): HistoryEntry {
  const conditions = (job.status?.conditions ?? []).filter((c) => c.status === 'True');
  const has = (type: string) => conditions.find((c) => c.type === type);
  const [state, condition] = has('Complete')
    ? (['Complete', has('Complete')] as const)
    : has('Failed')
      ? (['Failed', has('Failed')] as const)
      : has('FailureTarget')
        ? (['Failing', has('FailureTarget')] as const)
        : has('SuccessCriteriaMet')
          ? (['Completing', has('SuccessCriteriaMet')] as const)
          : job.spec?.suspend === true
            ? (['Suspended', undefined] as const)
            : (['Running', undefined] as const);
  const finished =
    state === 'Complete'
      ? (job.status?.completionTime ?? condition?.lastTransitionTime ?? null)
      : state === 'Failed'
        ? (condition?.lastTransitionTime ?? null)
        : null;
  return { job: job.metadata.name ?? '', state, reason: condition?.reason ?? null, finished };
}

/**
 * A SuccessfulDelete Event under Replace: the run whose Job was deleted, at its start time, or
 * undefined when the Event is the history cleanup's. Both delete through the controller's
 * deleteJob (utils.go), with the same Event; Replace deletes the Job of the previous start time at
 * the next one (syncCronJob), the cleanup deletes finished Jobs once they finish
 * (cleanupFinishedJobs). The Job's name gives its start time (getJobName: NAME-<minutes since the
 * epoch>).
 */
function replacedRun(
  message: string,
  eventTime: string,
  cronJob: JsonObject,
  schedule: string | null,
  timeZone: string | null,
): Omit<MissedRun, 'why'> | undefined {
  const job = /^Deleted job (\S+)$/.exec(message)?.[1];
  const name = str(obj(cronJob, 'metadata'), 'name') ?? '';
  const minutes = job?.startsWith(`${name}-`) ? /^\d{1,10}$/.exec(job.slice(name.length + 1))?.[0] : undefined;
  if (job === undefined || minutes === undefined) return { time: eventTime, message: MISSED_WORDING.replace(message) };
  const started = Number(minutes) * 60_000;
  const next = schedule === null ? undefined : nextCronRuns(schedule, timeZone, started, 1)?.[0];
  const deletedAt = toMillis(eventTime) ?? 0;
  if (next !== undefined && Math.abs((toMillis(next) ?? 0) - deletedAt) > GRACE_MS) return undefined;
  return { time: toRfc3339(started), message: MISSED_WORDING.replaced(job, eventTime) };
}

/**
 * The start times that started no Job, and why: the controller's Events say it for the ones it
 * saw; the others, after the last start and before now (less a minute), are start times it never
 * acted on. Forbid skips do not move lastScheduleTime, so they fall in that span too: a
 * JobAlreadyActive Event explains every unexplained time up to it.
 */
function missedRuns(
  schedule: string | null,
  timeZone: string | null,
  suspended: boolean,
  concurrencyPolicy: string | null,
  cronJob: JsonObject,
  jobs: readonly RawJob[],
  events: readonly RawEvent[],
  now: number,
): MissedRun[] {
  const out: MissedRun[] = [];
  for (const event of events) {
    const time = eventTime(event);
    if (time === null) continue;
    if (event.reason === 'MissSchedule') {
      const scheduled = /: (.+)$/.exec(event.message ?? '')?.[1];
      const parsed = scheduled ? Date.parse(scheduled) : Number.NaN;
      out.push({
        time: Number.isNaN(parsed) ? time : toRfc3339(parsed),
        why: 'starting-deadline-passed',
        message: MISSED_WORDING.startingDeadline(event.message ?? '', event.count ?? 1),
      });
    } else if (event.reason === 'TooManyMissedTimes')
      out.push({ time, why: 'too-many-missed', message: event.message ?? MISSED_WORDING.tooMany() });
    else if (event.reason === 'JobAlreadyActive')
      out.push({ time, why: 'forbid-skip', message: MISSED_WORDING.forbid(event.count ?? 1) });
    else if (event.reason === 'SuccessfulDelete' && concurrencyPolicy === 'Replace') {
      const replaced = replacedRun(event.message ?? '', time, cronJob, schedule, timeZone);
      if (replaced) out.push({ ...replaced, why: 'replace-deleted' });
    }
  }
  const explainedUntil = Math.max(
    0,
    ...out.filter((m) => m.why !== 'replace-deleted').map((m) => toMillis(m.time) ?? 0),
  );
  const since =
    toMillis(str(obj(cronJob, 'status'), 'lastScheduleTime') ?? '') ??
    toMillis(str(obj(cronJob, 'metadata'), 'creationTimestamp') ?? '');
  if (!suspended && schedule !== null && since !== undefined) {
    const started = new Set(
      jobs.map((j) => j.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']),
    );
    // mostRecentScheduleTime never looks back past now - startingDeadlineSeconds: a start time
    // older than that is dropped without an Event, whether the controller was down or the
    // CronJob suspended at the time (its MissSchedule Event is for a time inside the window).
    const deadline = int(obj(cronJob, 'spec'), 'startingDeadlineSeconds');
    const dropped = (t: number) => deadline !== undefined && t < now - deadline * 1000;
    const due = (nextCronRuns(schedule, timeZone, since, MANY_MISSED + 1) ?? []).filter((time) => {
      const t = toMillis(time) ?? 0;
      return (t <= now - GRACE_MS || dropped(t)) && !started.has(time) && t > explainedUntil;
    });
    for (const time of due.slice(0, MANY_MISSED))
      out.push(
        dropped(toMillis(time) ?? 0)
          ? { time, why: 'starting-deadline-passed', message: MISSED_WORDING.deadlineDropped(deadline!) }
          : { time, why: 'controller-down', message: MISSED_WORDING.controllerDown() },
      );
  }
  return out.sort((a, b) => a.time.localeCompare(b.time));
}
