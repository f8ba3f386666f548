import { backoffSchedule } from '../../kubernetes/index.ts';
import type { Effective, Retries } from './explanation.ts';

/** backoffLimit's default with backoffLimitPerIndex: no Job-wide limit in practice. */
export const MAX_INT32 = 2147483647;
/** Retries listed in a schedule; every later one waits the cap. */
export const SCHEDULE_LIMIT = 20;
/** The kubelet's restart back-off (pod lifecycle docs): 10 s doubling, capped at 300 s. */
const KUBELET_BACKOFF_BASE_SECONDS = 10;
const KUBELET_BACKOFF_CAP_SECONDS = 300;

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
 * syncJob, pastBackoffLimitOnFailure, backoff_utils.go): the data of `retries` and the facts its
 * sentences are worded from.
 */
export function explainRetries(input: RetriesInput): { retries: Omit<Retries, 'sentences'>; facts: RetriesFacts } {
  const { effective } = input;
  const budget = effective.backoffLimit;
  const onFailure = effective.restartPolicy === 'OnFailure';
  const unlimited = budget !== null && budget >= MAX_INT32;
  // Never: the Job fails when failed pods exceed backoffLimit. OnFailure: also when the container
  // restarts of its pending and running pods reach backoffLimit (any restart when it is 0).
  const failsAfter = budget === null ? null : onFailure ? Math.max(budget, 1) : budget + 1;
  const retries = budget === null ? 0 : onFailure ? Math.max(budget - 1, 0) : budget;
  const schedule = onFailure
    ? kubeletSchedule(Math.min(retries, SCHEDULE_LIMIT))
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

function kubeletSchedule(count: number): number[] {
  const schedule: number[] = [];
  for (let n = 1; n <= count; n++)
    schedule.push(Math.min(KUBELET_BACKOFF_BASE_SECONDS * 2 ** (n - 1), KUBELET_BACKOFF_CAP_SECONDS));
  return schedule;
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
