// The Job controller's delay before it creates a replacement pod after failures
// (pkg/controller/job/backoff_utils.go, Kubernetes 1.36): the failures it counts since the last
// success (newBackoffRecord) and the wait they cost (getRemainingTimeForFailuresCount), or with
// backoffLimitPerIndex the failures of the index (getRemainingTimePerIndex).
import { cappedDoubling } from '../capped-doubling.ts';
import type { RawPod } from '../objects.ts';
import { finishedTimeOf } from './finished-time.ts';
import { indexAbsoluteFailureCountOf } from './index-failure-count.ts';

/** DefaultJobPodFailureBackOff: the delay after the first failure. */
export const BACKOFF_BASE_SECONDS = 10;
/** MaxJobPodFailureBackOff: the doubling stops here. */
export const BACKOFF_CAP_SECONDS = 600;

/** The controller's DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff, in seconds (its tests vary them). */
export interface BackoffTiming {
  readonly base: number;
  readonly cap: number;
}

const CONTROLLER_TIMING: BackoffTiming = { base: BACKOFF_BASE_SECONDS, cap: BACKOFF_CAP_SECONDS };

function doublingDelay(failures: number, { base, cap }: BackoffTiming): number {
  return failures <= 0 ? 0 : cappedDoubling(failures, base, cap);
}

/**
 * The delay, in seconds, before the next pod after `failures` consecutive failures: 10 s after
 * the first, doubling each time, capped at 10 minutes. Zero failures means no delay. For a
 * NonIndexed Job the controller counts failures since the last success (a success resets the
 * count); for an Indexed Job with backoffLimitPerIndex it counts the index's failures.
 */
export function backoffDelaySeconds(failures: number): number {
  return doublingDelay(failures, CONTROLLER_TIMING);
}

/**
 * The delays before each retry a budget of `budget` counted failures allows (backoffDelaySeconds
 * of failures 1, 2, ...): entry n is the wait after failure n+1. Long budgets (backoffLimit
 * defaults to MaxInt32 with backoffLimitPerIndex) are cut at `limit` entries; every entry after
 * the cap is the cap.
 */
export function backoffSchedule(budget: number, limit = 20): number[] {
  const schedule: number[] = [];
  for (let failure = 1; failure <= Math.min(budget, limit); failure++) schedule.push(backoffDelaySeconds(failure));
  return schedule;
}

/** backoffRecord: consecutive failures since the last success, and when the latest of them ended (epoch ms). */
export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  readonly lastFailureTime: number | undefined;
}

export const EMPTY_BACKOFF_RECORD: BackoffRecord = { failuresAfterLastSuccess: 0, lastFailureTime: undefined };

/**
 * newBackoffRecord: the record after a sync saw pods newly succeeded and failed (their
 * getFinishedTime, epoch ms). Failures alone add up; a success resets the count to the failures
 * that finished after the latest success. The controller keeps the record in memory across
 * syncs; a snapshot can only replay it from the empty record over the pods still there.
 */
export function newBackoffRecord(
  record: BackoffRecord,
  succeededFinishTimes: readonly number[],
  failedFinishTimes: readonly number[],
): BackoffRecord {
  const failed = [...failedFinishTimes].sort((a, b) => a - b);
  if (succeededFinishTimes.length === 0) {
    if (failed.length === 0) return record;
    return {
      failuresAfterLastSuccess: record.failuresAfterLastSuccess + failed.length,
      lastFailureTime: failed[failed.length - 1],
    };
  }
  const lastSuccess = succeededFinishTimes.reduce((latest, time) => Math.max(latest, time), -Infinity);
  let failuresAfterLastSuccess = 0;
  let lastFailureTime: number | undefined;
  for (let i = failed.length - 1; i >= 0 && failed[i]! > lastSuccess; i--) {
    lastFailureTime ??= failed[i];
    failuresAfterLastSuccess++;
  }
  return { failuresAfterLastSuccess, lastFailureTime };
}

/**
 * getRemainingTimeForFailuresCount, in seconds: what is left of the backoff for `failures`
 * failures, the latest of which ended at `lastFailureTime`; 0 once it has passed.
 */
export function remainingBackoffSeconds(
  failures: number,
  lastFailureTime: number,
  now: number,
  timing: BackoffTiming = CONTROLLER_TIMING,
): number {
  if (failures <= 0) return 0;
  const backoff = doublingDelay(failures, timing);
  const elapsed = (now - lastFailureTime) / 1000;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/**
 * getRemainingTimePerIndex, in seconds: the wait before an index's next pod, from its last failed
 * pod (the index's failures before it, counted and ignored, plus its own). 0 without one.
 */
export function remainingBackoffSecondsPerIndex(
  lastFailedPod: RawPod | null,
  now: number,
  timing: BackoffTiming = CONTROLLER_TIMING,
): number {
  if (lastFailedPod === null) return 0;
  const finished = finishedTimeOf(lastFailedPod);
  if (finished === undefined) return 0;
  return remainingBackoffSeconds(indexAbsoluteFailureCountOf(lastFailedPod) + 1, finished, now, timing);
}
