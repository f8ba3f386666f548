// Retry accounting: failures counted against backoffLimit (or backoffLimitPerIndex), container
// restarts under restartPolicy OnFailure, and when the controller may create the next pod
// (backoff_utils.go: newBackoffRecord, getRemainingTimeForFailuresCount, getRemainingTimePerIndex).
import { backoffDelaySeconds } from '../../kubernetes/index.ts';
import { parseIndexesLenient, type IndexInterval } from '../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { PodAnalysis } from './attempts.ts';
import type { JobFacts } from './job-facts.ts';
import { indexFailureCounts } from './pod-facts.ts';
import { secondsBetween } from '../../kubernetes/index.ts';

export type Retries = DiagnoseOutput['retries'];
type PerIndex = NonNullable<Retries['perIndex']>;

export function hasIndex(intervals: readonly IndexInterval[], index: number): boolean {
  return intervals.some((interval) => index >= interval.first && index <= interval.last);
}

/**
 * `decided`: the controller has decided the outcome (FailureTarget, SuccessCriteriaMet or a
 * terminal condition), so nothing is retried any more.
 */
export function toRetries(facts: JobFacts, pods: readonly PodAnalysis[], decided: boolean, now: number): Retries {
  const onFailure = facts.restartPolicy === 'OnFailure';
  const restartsCounted = onFailure
    ? pods
        .filter((p) => p.raw.status?.phase === 'Running' || p.raw.status?.phase === 'Pending')
        .reduce((sum, p) => sum + p.attempt.restarts, 0)
    : null;
  const counted = facts.status.failed;
  let remaining: number | null = null;
  if (!decided) {
    remaining = Math.max(0, facts.backoffLimit - counted);
    // pastBackoffLimitOnFailure: restarts >= backoffLimit fail the Job (> 0 when the limit is 0).
    if (restartsCounted !== null)
      remaining = Math.min(remaining, Math.max(0, facts.backoffLimit - 1 - restartsCounted));
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
 * newBackoffRecord: failures (ignored ones too: isPodFailed is not filtered by the policy) that
 * finished after the latest success. The controller keeps the count in memory across syncs; from
 * a snapshot only the pods still present can be seen.
 */
function failuresSinceLastSuccess(pods: readonly PodAnalysis[]): { count: number; lastFailureMs: number | undefined } {
  let lastSuccess = -Infinity;
  for (const pod of pods)
    if (pod.raw.status?.phase === 'Succeeded' && pod.finishedMs !== undefined)
      lastSuccess = Math.max(lastSuccess, pod.finishedMs);
  let count = 0;
  let lastFailureMs: number | undefined;
  for (const pod of pods) {
    if (!pod.podFailed || pod.finishedMs === undefined || pod.finishedMs <= lastSuccess) continue;
    count++;
    lastFailureMs = lastFailureMs === undefined ? pod.finishedMs : Math.max(lastFailureMs, pod.finishedMs);
  }
  return { count, lastFailureMs };
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
  const succeeded = facts.status.succeeded;
  const wantActive =
    facts.completions === null
      ? succeeded > 0
        ? active
        : facts.parallelism
      : Math.max(0, Math.min(facts.completions - succeeded, facts.parallelism));
  if (wantActive - terminating - active <= 0) return null;
  return remainingSeconds(since.count, since.lastFailureMs, now);
}

function remainingSeconds(failures: number, lastFailureMs: number, now: number): number {
  const left = backoffDelaySeconds(failures) - secondsBetween(lastFailureMs, now);
  return left > 0 ? Math.ceil(left) : 0;
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
      const ca = indexFailureCounts(a.raw);
      const cb = indexFailureCounts(b.raw);
      return cb.counted + cb.ignored > ca.counted + ca.ignored ||
        (cb.counted + cb.ignored === ca.counted + ca.ignored && b.createdMs >= a.createdMs)
        ? b
        : a;
    });
    const before = indexFailureCounts(newest.raw);
    const counted = before.counted + (newest.failed && newest.counted === true ? 1 : 0);
    const ignored =
      before.ignored + (newest.failed && newest.counted === false && newest.match?.action === 'Ignore' ? 1 : 0);
    const failed = hasIndex(failedIntervals, index);
    if (counted + ignored === 0 && !failed) continue;
    let nextRetryInSeconds: number | null = null;
    // getPodsWithDelayedDeletionPerIndex + getRemainingTimePerIndex: an index with no active pod,
    // neither succeeded nor failed, whose last failed pod waits for its replacement.
    if (
      !decided &&
      !facts.suspend &&
      !failed &&
      !hasIndex(succeededIntervals, index) &&
      !list.some((p) => p.active) &&
      newest.podFailed &&
      newest.finishedMs !== undefined
    ) {
      nextRetryInSeconds = remainingSeconds(before.counted + before.ignored + 1, newest.finishedMs, now);
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
