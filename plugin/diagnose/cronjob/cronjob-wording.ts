// The sentences of the CronJob diagnosis, kept readable here.
export const MISSED_WORDING = {
  startingDeadline: (message: string, count: number) =>
    `the controller saw this start time only after startingDeadlineSeconds had passed and skipped it (${message}${count > 1 ? `; ${count} times` : ''})`,
  tooMany: () =>
    'more than 100 start times were missed: the controller starts only the most recent (set or lower startingDeadlineSeconds, or check clock skew)',
  forbid: (count: number) =>
    `concurrencyPolicy Forbid skipped ${count > 1 ? `${count} start times` : 'a start time'} while the previous Job was still running`,
  replace: (message: string) => `concurrencyPolicy Replace deleted the running Job to start the next one (${message})`,
  controllerDown: () =>
    'no Job was started and the CronJob controller said nothing: it was not running, or far behind, at that time',
} as const;

export const NOTE_WORDING = {
  suspended: () =>
    'suspended (spec.suspend: true): no Job starts until it is resumed; missed start times are not made up',
  notComputed: (schedule: string) => `the next start times of "${schedule}" are not computed here (@every schedules)`,
  neverFires: (schedule: string) => `"${schedule}" has no start time in the next five years`,
  ttlBeforeLimits: (ttl: number, successful: number, failed: number) =>
    `jobTemplate sets ttlSecondsAfterFinished ${ttl}: finished Jobs are deleted ${ttl} s after they finish, whatever the history limits (keep ${successful} succeeded, ${failed} failed), so the history can hold fewer`,
} as const;
