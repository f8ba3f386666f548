// The sentences of the CronJob diagnosis, kept readable here.
export const MISSED_WORDING = {
  startingDeadline: (message: string, count: number) =>
    `the controller saw this start time only after startingDeadlineSeconds had passed and skipped it (${message}${count > 1 ? `; ${count} times` : ''})`,
  tooMany: () =>
    'more than 100 start times were missed: the controller starts only the most recent (set or lower startingDeadlineSeconds, or check clock skew)',
  forbid: (count: number) =>
    `concurrencyPolicy Forbid skipped ${count > 1 ? `${count} start times` : 'a start time'} while the previous Job was still running`,
  replace: (message: string) => `concurrencyPolicy Replace deleted the running Job to start the next one (${message})`,
  replaced: (job: string, at: string) =>
    `its Job ${job} was still running at the next start time: concurrencyPolicy Replace deleted it (${at}) to start the next one`,
  deadlineDropped: (deadline: number) =>
    `no Job was started within startingDeadlineSeconds (${deadline} s), and the controller never starts it after that, nor says so (it was not running or far behind, or the CronJob was suspended then)`,
  controllerDown: () =>
    'no Job was started and the CronJob controller said nothing: it was not running, or far behind, at that time',
} as const;

export const NOTE_WORDING = {
  // syncCronJob returns early while suspended; once resumed, nextScheduleTime finds the most recent
  // start time missed meanwhile and starts it unless startingDeadlineSeconds has passed.
  suspended: () =>
    'suspended (spec.suspend: true): no Job starts until it is resumed; on resume the controller starts one Job at once for the most recent start time missed meanwhile (unless startingDeadlineSeconds has passed by then), and none for the others',
  notComputed: (schedule: string) => `the next start times of "${schedule}" are not computed here (@every schedules)`,
  neverFires: (schedule: string) => `"${schedule}" has no start time in the next five years`,
  ttlBeforeLimits: (ttl: number, successful: number, failed: number) =>
    `jobTemplate sets ttlSecondsAfterFinished ${ttl}: finished Jobs are deleted ${ttl} s after they finish, whatever the history limits (keep ${successful} succeeded, ${failed} failed), so the history can hold fewer`,
  jobsRemoved: (lastScheduleTime: string) =>
    `it last started a Job at ${lastScheduleTime}, and none is left: the history limits or the template's ttlSecondsAfterFinished removed them`,
  forbidBlocked: (job: string, activeDeadlineSeconds: number | null) =>
    activeDeadlineSeconds === null
      ? `concurrencyPolicy Forbid: while ${job} runs, every start time is skipped; the jobTemplate sets no activeDeadlineSeconds, so a Job that hangs stops the CronJob for good (set jobTemplate.spec.activeDeadlineSeconds below the schedule's interval)`
      : `concurrencyPolicy Forbid: while ${job} runs, every start time is skipped; activeDeadlineSeconds ${activeDeadlineSeconds} fails it at the latest ${activeDeadlineSeconds} s after it started`,
  runNow: (name: string, namespace: string) =>
    `to start a Job now: kubectl create job --from=cronjob/${name} ${name}-manual -n ${namespace}`,
} as const;

/** The verdict of a CronJob that owns no Job (the last line of its text output). */
export const NO_JOB_WORDING = {
  notYet: (name: string, next: string, inSeconds: number, human: string) =>
    `cronjob/${name} has not started a Job yet: its next start time is ${next} (${inSeconds <= 0 ? 'now' : `in ${human}`})`,
  notYetSuspended: (name: string) => `cronjob/${name} has not started a Job yet: it is suspended`,
  notYetNoTime: (name: string) =>
    `cronjob/${name} has not started a Job yet, and its schedule gives no start time ahead`,
  removed: (name: string, lastScheduleTime: string) =>
    `cronjob/${name} has no Job left: it last started one at ${lastScheduleTime}; its history limits or TTL removed it`,
} as const;
