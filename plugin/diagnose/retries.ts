// Retry accounting: failures counted against backoffLimit (or backoffLimitPerIndex), container
// restarts under restartPolicy OnFailure, and when the controller may create the next pod
// (backoff_utils.go: newBackoffRecord, getRemainingTimeForFailuresCount, getRemainingTimePerIndex).
import {
  contains,
  EMPTY_BACKOFF_RECORD,
  exceedsBackoffLimit,
  hasJobTrackingFinalizer,
  indexFailureCountOf,
  indexIgnoredFailureCountOf,
  newBackoffRecord,
  parseIndexesLenient,
  remainingBackoffSeconds,
  remainingBackoffSecondsPerIndex,
  restartsCountedOnFailure,
  restartsFailingJob,
  wantActive,
  type RawPod,
} from '../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { Decisions, PodAnalysis } from './attempts.ts';
import { deletedWhenJobFailed, type MissingPod } from './evidence-gone.ts';
import { trueCondition, type JobFacts } from './job-facts.ts';

export type Retries = DiagnoseOutput['retries'];
type PerIndex = NonNullable<Retries['perIndex']>;

/**
 * Once the controller has decided the outcome (FailureTarget, SuccessCriteriaMet or a terminal
 * condition), nothing is retried any more. `missing`: the pods only the Events still name.
 */
export function toRetries(
  facts: JobFacts,
  pods: readonly PodAnalysis[],
  missing: readonly MissingPod[],
  decisions: Decisions,
  now: number,
): Retries {
  const decided = decisions.failedAt !== undefined || decisions.succeededAt !== undefined;
  const onFailure = facts.restartPolicy === 'OnFailure';
  // The restarts of the pods still running; for a Job its restarts failed, at least the number
  // that failed it, though its pods (and their restartCount) may be gone.
  const restartsSeen = onFailure ? restartsCountedOnFailure(pods.map((p) => p.raw)) : null;
  const restartsCounted =
    restartsSeen !== null && failedByRestarts(facts, pods, missing, decisions)
      ? Math.max(restartsSeen, restartsFailingJob(facts.backoffLimit))
      : restartsSeen;
  const counted = facts.status.failed;
  let remaining: number | null = null;
  if (!decided) {
    remaining = Math.max(0, facts.backoffLimit - counted);
    // pastBackoffLimitOnFailure: restarts >= backoffLimit fail the Job (> 0 when the limit is 0).
    if (restartsCounted !== null)
      remaining = Math.min(remaining, Math.max(0, restartsFailingJob(facts.backoffLimit) - 1 - restartsCounted));
  }
  const since = failuresSinceLastSuccess(pods);
  return {
    budget: facts.backoffLimit,
    counted,
    ignored: pods.filter((p) => p.failed && p.match?.action === 'Ignore').length,
    remaining,
    restartsCounted,
    perIndex: facts.backoffLimitPerIndex !== null ? perIndexOf(facts, pods, decided, now) : null,
    failuresSinceLastSuccess: since.count,
    nextRetryInSeconds:
      decided || facts.suspend || facts.backoffLimitPerIndex !== null ? null : globalNextRetry(facts, pods, since, now),
  };
}

/**
 * Whether a Job that failed with BackoffLimitExceeded got there through pastBackoffLimitOnFailure.
 * syncJob fails it when exceedsBackoffLimit(failed, backoffLimit) or pastBackoffLimitOnFailure
 * holds; the pods still active then are deleted and counted as failed only afterwards. So if
 * the failures counted before the decision do not exceed backoffLimit, the restarts reached it.
 */
export function failedByRestarts(
  facts: JobFacts,
  pods: readonly PodAnalysis[],
  missing: readonly MissingPod[],
  decisions: Decisions,
): boolean {
  if (facts.restartPolicy !== 'OnFailure' || decisions.failedAt === undefined) return false;
  const condition = trueCondition(facts, 'FailureTarget') ?? trueCondition(facts, 'Failed');
  if (condition?.reason !== 'BackoffLimitExceeded') return false;
  // Counted so far: status.failed and the failed pods in uncountedTerminatedPods. Of those, the
  // pods deleted when the Job failed: the gone ones, and those present that no longer carry the
  // tracking finalizer or are in uncountedTerminatedPods (the controller counts a pod first).
  const uncounted = new Set(facts.status.uncountedFailed);
  const countedSoFar = facts.status.failed + uncounted.size;
  const countedAfter =
    pods.filter(
      (p) => p.stoppedByJobFailure && (!hasJobTrackingFinalizer(p.raw) || uncounted.has(p.raw.metadata.uid ?? '')),
    ).length + deletedWhenJobFailed(missing, decisions).length;
  return !exceedsBackoffLimit(countedSoFar - countedAfter, facts.backoffLimit);
}

/**
 * newBackoffRecord over the pods still present: failures (ignored ones too: isPodFailed is not
 * filtered by the policy) that finished after the latest success. The controller keeps the count
 * in memory across syncs; from a snapshot only the pods still there can be seen.
 */
function failuresSinceLastSuccess(pods: readonly PodAnalysis[]): { count: number; lastFailureMs: number | undefined } {
  const finished = (list: readonly PodAnalysis[]) =>
    list.map((p) => p.finishedMs).filter((ms): ms is number => ms !== undefined);
  const record = newBackoffRecord(
    EMPTY_BACKOFF_RECORD,
    finished(pods.filter((p) => p.raw.status?.phase === 'Succeeded')),
    finished(pods.filter((p) => p.podFailed)),
  );
  return { count: record.failuresAfterLastSuccess, lastFailureMs: record.lastFailureTime };
}

/** manageJob: a replacement is due when fewer pods run than wanted; it waits out the backoff first. */
function globalNextRetry(
  facts: JobFacts,
  pods: readonly PodAnalysis[],
  since: { count: number; lastFailureMs: number | undefined },
  now: number,
): number | null {
  if (since.count === 0 || since.lastFailureMs === undefined) return null;
  const active = pods.filter((p) => p.active).length;
  const terminating = facts.onlyReplaceFailedPods ? pods.filter((p) => p.terminating).length : 0;
  const wanted = wantActive(facts.completions, facts.parallelism, facts.status.succeeded, active);
  if (wanted - terminating - active <= 0) return null;
  return Math.ceil(remainingBackoffSeconds(since.count, since.lastFailureMs, now));
}

function failureCounts(pod: RawPod): { counted: number; ignored: number } {
  return { counted: indexFailureCountOf(pod), ignored: indexIgnoredFailureCountOf(pod) };
}

function perIndexOf(facts: JobFacts, pods: readonly PodAnalysis[], decided: boolean, now: number): PerIndex {
  const completions = facts.completions ?? 0;
  const failedIntervals = parseIndexesLenient(facts.status.failedIndexes ?? '', completions);
  const succeededIntervals = parseIndexesLenient(facts.status.completedIndexes ?? '', completions);
  const byIndex = new Map<number, PodAnalysis[]>();
  for (const pod of pods) {
    if (pod.index === null || pod.index >= completions) continue;
    const list = byIndex.get(pod.index) ?? [];
    list.push(pod);
    byIndex.set(pod.index, list);
  }
  const indexes: PerIndex['indexes'] = [];
  for (const [index, list] of [...byIndex.entries()].sort((a, b) => a[0] - b[0])) {
    // The newest pod of the index carries the counts of the ones before it (addIndexFailureCountAnnotation).
    const newest = list.reduce((a, b) => {
      const ca = failureCounts(a.raw);
      const cb = failureCounts(b.raw);
      return cb.counted + cb.ignored > ca.counted + ca.ignored ||
        (cb.counted + cb.ignored === ca.counted + ca.ignored && b.createdMs >= a.createdMs)
        ? b
        : a;
    });
    const before = failureCounts(newest.raw);
    const counted = before.counted + (newest.failed && newest.counted === true ? 1 : 0);
    const ignored =
      before.ignored + (newest.failed && newest.counted === false && newest.match?.action === 'Ignore' ? 1 : 0);
    const failed = contains(failedIntervals, index);
    if (counted + ignored === 0 && !failed) continue;
    let nextRetryInSeconds: number | null = null;
    // getPodsWithDelayedDeletionPerIndex + getRemainingTimePerIndex: an index with no active pod,
    // neither succeeded nor failed, whose last failed pod waits for its replacement.
    if (
      !decided &&
      !facts.suspend &&
      !failed &&
      !contains(succeededIntervals, index) &&
      !list.some((p) => p.active) &&
      newest.podFailed &&
      newest.finishedMs !== undefined
    ) {
      nextRetryInSeconds = Math.ceil(remainingBackoffSecondsPerIndex(newest.raw, now));
    }
    indexes.push({ index, counted, ignored, failed, nextRetryInSeconds });
  }
  const failedIndexCount = failedIntervals.reduce((n, i) => n + i.last - i.first + 1, 0);
  return {
    limit: facts.backoffLimitPerIndex ?? 0,
    maxFailedIndexes: facts.maxFailedIndexes,
    failedIndexes: facts.status.failedIndexes ?? '',
    failedIndexCount,
    indexes,
  };
}
