import { backoffSchedule, crashLoopSchedule, MAX_INT32, restartsFailingJob } from '../../kubernetes/index.ts';
import type { Effective, Retries } from './explanation.ts';

/** Retries listed in a schedule; every later one waits the cap. */
export const SCHEDULE_LIMIT = 20;

export interface RetriesInput {
  readonly effective: Effective;
  /** The manifest set backoffLimit itself (with backoffLimitPerIndex it then still fails the whole Job). */
  readonly backoffLimitWritten: boolean;
  readonly hasPodFailurePolicy: boolean;
  readonly hasIgnoreRule: boolean;
}

/** What the sentences about retries say, decided here; wording/retries-wording.ts words it. */
export interface RetriesFacts {
  readonly budget: number | null;
  readonly failsAfter: number | null;
  readonly unlimited: boolean;
  readonly schedule: readonly number[];
  /** Waits the budget allows (the schedule lists at most SCHEDULE_LIMIT of them). */
  readonly retries: number;
  readonly scheduleTruncated: boolean;
  /** restartPolicy OnFailure: container restarts count, and the kubelet's back-off applies. */
  readonly onFailure: boolean;
  readonly restartPolicy: string | null;
  readonly backoffLimitWritten: boolean;
  readonly hasPodFailurePolicy: boolean;
  readonly hasIgnoreRule: boolean;
  /** A pod that succeeds resets the controller's wait (every Job but a single-completion one). */
  readonly successResetsWait: boolean;
  /** With backoffLimitPerIndex on an Indexed Job: each index's own budget. */
  readonly perIndex: PerIndexFacts | null;
}

export interface PerIndexFacts {
  readonly budget: number;
  readonly schedule: readonly number[];
  readonly scheduleTruncated: boolean;
  readonly maxFailedIndexes: number | null;
}

/**
 * The retry budget and the waits between retries (pkg/controller/job: the backoff-limit check in
 * syncJob, pastBackoffLimitOnFailure, backoff_utils.go; with OnFailure the kubelet's crash-loop
 * back-off before each counted restart): the data of `retries` and the facts its sentences are
 * worded from.
 */
export function explainRetries(input: RetriesInput): { retries: Omit<Retries, 'sentences'>; facts: RetriesFacts } {
  const { effective } = input;
  const budget = effective.backoffLimit;
  const onFailure = effective.restartPolicy === 'OnFailure';
  const unlimited = budget !== null && budget >= MAX_INT32;
  // Never: the Job fails when failed pods exceed backoffLimit. OnFailure: also when the container
  // restarts of its pending and running pods reach backoffLimit (any restart when it is 0); the
  // schedule then lists the kubelet's wait before each of those restarts, the last one included.
  const failsAfter = budget === null ? null : onFailure ? restartsFailingJob(budget) : budget + 1;
  const retries = budget === null ? 0 : onFailure ? Math.max(failsAfter ?? 0, 0) : budget;
  const schedule = onFailure
    ? crashLoopSchedule(retries, SCHEDULE_LIMIT)
    : backoffSchedule(Math.max(retries, 0), SCHEDULE_LIMIT);
  const perIndex = perIndexBudget(effective);
  const data = {
    budget,
    failsAfter,
    countedAs: onFailure ? ('containerRestarts' as const) : ('failedPods' as const),
    unlimited,
    schedule,
    scheduleTruncated: retries > SCHEDULE_LIMIT,
    perIndex,
  };
  const facts: RetriesFacts = {
    budget,
    failsAfter,
    unlimited,
    schedule,
    retries,
    scheduleTruncated: data.scheduleTruncated,
    onFailure,
    restartPolicy: effective.restartPolicy,
    backoffLimitWritten: input.backoffLimitWritten,
    hasPodFailurePolicy: input.hasPodFailurePolicy,
    hasIgnoreRule: input.hasIgnoreRule,
    successResetsWait: effective.completions !== 1,
    perIndex: perIndex && {
      budget: perIndex.budget,
      schedule: perIndex.schedule,
      scheduleTruncated: perIndex.budget > SCHEDULE_LIMIT,
      maxFailedIndexes: perIndex.maxFailedIndexes,
    },
  };
  return { retries: data, facts };
}

function perIndexBudget(effective: Effective): Retries['perIndex'] {
  const budget = effective.backoffLimitPerIndex;
  if (budget === null || effective.completionMode !== 'Indexed') return null;
  return {
    budget,
    failsIndexAfter: budget + 1,
    schedule: backoffSchedule(budget, SCHEDULE_LIMIT),
    maxFailedIndexes: effective.maxFailedIndexes,
  };
}
