// The Job controller's delay before it creates a replacement pod after failures
// (pkg/controller/job/backoff_utils.go, getRemainingTimeForFailuresCount, Kubernetes 1.36).

/** DefaultJobPodFailureBackOff: the delay after the first failure. */
export const BACKOFF_BASE_SECONDS = 10;
/** MaxJobPodFailureBackOff: the doubling stops here. */
export const BACKOFF_CAP_SECONDS = 600;

/**
 * The delay, in seconds, before the next pod after `failures` consecutive failures: 10 s after
 * the first, doubling each time, capped at 10 minutes. Zero failures means no delay. For a
 * NonIndexed Job the controller counts failures since the last success (a success resets the
 * count); for an Indexed Job with backoffLimitPerIndex it counts the index's failures.
 */
export function backoffDelaySeconds(failures: number): number {
  if (failures <= 0) return 0;
  let delay = BACKOFF_BASE_SECONDS;
  for (let i = 1; i < failures; i++) {
    delay *= 2;
    if (delay >= BACKOFF_CAP_SECONDS) return BACKOFF_CAP_SECONDS;
  }
  return delay;
}

/**
 * The delays before each retry a budget of `budget` counted failures allows: entry n is the wait
 * after failure n+1. Long budgets (backoffLimit defaults to MaxInt32 with backoffLimitPerIndex)
 * are cut at `limit` entries; every entry after the cap is the cap.
 */
export function backoffSchedule(budget: number, limit = 20): number[] {
  const schedule: number[] = [];
  for (let failure = 1; failure <= Math.min(budget, limit); failure++) schedule.push(backoffDelaySeconds(failure));
  return schedule;
}
