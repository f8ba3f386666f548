import { backoffSchedule } from '../../kubernetes/index.ts';
import { plural } from '../format/index.ts';
import { formatDuration, ordinal } from './durations.ts';
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

/**
 * The retry budget and the waits between retries (pkg/controller/job: the backoff-limit check in
 * syncJob, pastBackoffLimitOnFailure, backoff_utils.go).
 */
export function explainRetries(input: RetriesInput): Retries {
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
  return {
    budget,
    failsAfter,
    countedAs: onFailure ? 'containerRestarts' : 'failedPods',
    unlimited,
    schedule,
    scheduleTruncated: retries > SCHEDULE_LIMIT,
    perIndex: perIndexBudget(effective),
    sentences: retrySentences(input, { budget, failsAfter, unlimited, schedule, retries }),
  };
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

/** `10s, 20s, 40s, 1m20s`, then `… then 10m each` once the cap repeats. */
export function formatSchedule(schedule: readonly number[], truncated: boolean): string {
  const last = schedule[schedule.length - 1];
  if (last === undefined) return '';
  const firstOfLast = schedule.indexOf(last);
  // The cap repeats: list the waits up to it, then say it once.
  if (firstOfLast < schedule.length - 1) {
    const before = schedule.slice(0, firstOfLast).map(formatDuration);
    return `${before.length > 0 ? `${before.join(', ')}, then ` : ''}${formatDuration(last)} each`;
  }
  const text = schedule.map(formatDuration).join(', ');
  return truncated ? `${text}, … (${formatDuration(last)} or more each)` : text;
}

interface Computed {
  readonly budget: number | null;
  readonly failsAfter: number | null;
  readonly unlimited: boolean;
  readonly schedule: readonly number[];
  readonly retries: number;
}

function retrySentences(input: RetriesInput, computed: Computed): string[] {
  const { effective } = input;
  const { budget, failsAfter, unlimited, schedule, retries } = computed;
  const sentences: string[] = [];
  if (budget === null || failsAfter === null) {
    sentences.push('backoffLimit has a value the API server cannot read: the retry budget is unknown.');
    return sentences;
  }
  if (budget < 0) {
    sentences.push(`backoffLimit ${budget} is negative (the API server rejects it): the retry budget is unknown.`);
    return sentences;
  }
  const perIndex = effective.backoffLimitPerIndex !== null && effective.completionMode === 'Indexed';
  const onFailure = effective.restartPolicy === 'OnFailure';
  const counted = input.hasPodFailurePolicy
    ? 'A counted failure is a pod that ends in phase Failed (a container exited non-zero, was OOM-killed, the pod was evicted…) unless a pod failure policy rule ignores it.'
    : 'A counted failure is a pod that ends in phase Failed: a container exited non-zero or was OOM-killed, the pod was evicted or its node was lost.';
  if (unlimited) {
    sentences.push(
      perIndex
        ? `No Job-wide retry limit: backoffLimit is ${budget}${input.backoffLimitWritten ? '' : ' (the default when backoffLimitPerIndex is set)'}; each index has its own budget (below).`
        : `No retry limit in practice: backoffLimit is ${budget}.`,
    );
  } else if (onFailure) {
    sentences.push(
      budget === 0
        ? 'No retries (backoffLimit 0): the first container restart fails the Job (reason BackoffLimitExceeded).'
        : `restartPolicy OnFailure: a failed container is restarted in the same pod by the kubelet, and each restart counts. When the containers of the Job's running pods have restarted ${plural(budget, 'time')} in total — at the ${ordinal(failsAfter)} failed run — the Job fails (reason BackoffLimitExceeded).`,
      'The controller then deletes the pod, and with it the logs of every failed run.',
      `Pods that fail as a whole (evicted, node lost) are replaced and count as well: the ${ordinal(budget + 1)} failed pod fails the Job too.`,
    );
  } else {
    sentences.push(
      budget === 0
        ? 'No retries (backoffLimit 0): the first counted failure fails the Job (reason BackoffLimitExceeded).'
        : `Retry budget: ${plural(budget, 'counted failure')}${input.backoffLimitWritten || perIndex ? '' : ' (backoffLimit, default 6)'}. The ${ordinal(failsAfter)} counted failure fails the Job (reason BackoffLimitExceeded) and terminates its running pods.`,
    );
    sentences.push(counted);
    if (perIndex && input.backoffLimitWritten) {
      sentences.push(
        `This Job-wide limit applies on top of the per-index budget: the ${ordinal(failsAfter)} counted failure across all indexes fails the whole Job.`,
      );
    }
  }
  if (retries > 0 && !unlimited && !perIndex) {
    const total = schedule.reduce((sum, delay) => sum + delay, 0);
    sentences.push(
      onFailure
        ? `The kubelet waits about ${formatSchedule(schedule, retries > SCHEDULE_LIMIT)} before the restarts (CrashLoopBackOff, doubling up to 5m).`
        : `Before each retry the controller waits ${formatSchedule(schedule, retries > SCHEDULE_LIMIT)} (10s doubling, capped at 10m; ${retries > SCHEDULE_LIMIT ? 'over' : 'in all'} ${formatDuration(total)} of waiting).${effective.completions === 1 ? '' : ' A pod that succeeds resets the wait (not the budget).'}`,
    );
  }
  if (effective.restartPolicy === 'Never')
    sentences.push('Failed pods stay (restartPolicy Never): kubectl logs works on every failed attempt.');
  else if (!onFailure)
    sentences.push(
      `restartPolicy ${effective.restartPolicy ?? '(unset)'} is not allowed for a Job (the API server accepts OnFailure or Never).`,
    );
  if (input.hasIgnoreRule)
    sentences.push(
      'Failures the pod failure policy ignores do not count, but they still lengthen the wait before the next pod.',
    );
  if (perIndex) sentences.push(...perIndexSentences(effective));
  return sentences;
}

function perIndexSentences(effective: Effective): string[] {
  const budget = effective.backoffLimitPerIndex ?? 0;
  const max = effective.maxFailedIndexes;
  const sentences = [
    budget === 0
      ? 'Per index (backoffLimitPerIndex 0): an index fails at its first counted failure and is not retried; the other indexes go on.'
      : `Per index (backoffLimitPerIndex ${budget}): each index is retried up to ${plural(budget, 'time')}; its ${ordinal(budget + 1)} counted failure marks the index failed, and the other indexes go on.`,
  ];
  if (budget > 0) {
    const schedule = backoffSchedule(budget, SCHEDULE_LIMIT);
    sentences.push(
      `Before each retry of an index the controller waits ${formatSchedule(schedule, budget > SCHEDULE_LIMIT)} (counted per index).`,
    );
  }
  if (max === null) {
    sentences.push(
      'Any number of indexes may fail: every index runs to the end, then the Job fails (reason FailedIndexes) if any index failed; status.failedIndexes lists them.',
    );
  } else {
    sentences.push(
      max === 0
        ? 'maxFailedIndexes 0: the first failed index fails the Job at once (reason MaxFailedIndexesExceeded) and terminates its running pods.'
        : `If more than ${plural(max, 'index', 'indexes')} fail${max === 1 ? 's' : ''}, the Job fails at once (reason MaxFailedIndexesExceeded): the ${ordinal(max + 1)} failed index ends it and terminates its running pods. With ${max === 1 ? 'one failed index' : `up to ${max} failed indexes`}, the Job runs every other index and then fails with reason FailedIndexes.`,
    );
  }
  return sentences;
}
