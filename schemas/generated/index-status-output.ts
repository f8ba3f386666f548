/* eslint-disable */
// Generated from schemas/*.schema.json by scripts/generate-types.ts. DO NOT EDIT.

/**
 * The output of `kubectl job-x index-status NAME -o json` (and `-o yaml`) for an Indexed Job; a contract, see design.md. Index sets are interval strings in the API's form, exactly as the Job controller writes status.completedIndexes: sorted, a run of three or more indexes as `first-last`, a run of two as `a,b`, single indexes as is (`1,3-5,7`); the empty string is the empty set. The four sets in `intervals` partition the indexes 0 to completions-1.
 */
export interface IndexStatusOutput {
  /**
   * The Job's namespace.
   */
  namespace: string;
  /**
   * The Job's name.
   */
  name: string;
  /**
   * spec.completions: the Job's indexes are 0 to completions-1. Elastic Indexed Jobs may change it while running; this is the value at the time of the snapshot.
   */
  completions: number;
  /**
   * spec.parallelism: at most this many pods run at once; null when unset.
   */
  parallelism: number | null;
  /**
   * spec.suspend is true: the controller runs no pods until the Job is resumed.
   */
  suspended: boolean;
  /**
   * The Job's most telling condition with status True, in this order: Complete, Failed, SuccessCriteriaMet, FailureTarget, Suspended; null when it has none of them (the Job is running).
   */
  condition: null | Condition;
  /**
   * How many indexes each set of `intervals` holds; they add up to completions.
   */
  counts: {
    /**
     * Indexes in intervals.succeeded.
     */
    succeeded: number;
    /**
     * Indexes in intervals.failed.
     */
    failed: number;
    /**
     * Indexes in intervals.active.
     */
    active: number;
    /**
     * Indexes in intervals.pending.
     */
    pending: number;
  };
  /**
   * Where every index stands, as the Job controller sees it: the recorded status plus the pods it has not counted yet (see `unrecorded`). An index is in exactly one set; succeeded wins over failed, failed over active.
   */
  intervals: {
    /**
     * status.completedIndexes (read with the controller's lenient parser, so both `1,2` and `1-2` are understood and indexes past completions dropped), plus indexes whose Succeeded pod the controller has not counted yet.
     */
    succeeded: string;
    /**
     * status.failedIndexes (only Jobs with backoffLimitPerIndex have failed indexes), plus indexes whose pod has just failed its last retry (or matched a FailIndex rule) and is not counted yet.
     */
    failed: string;
    /**
     * Indexes, neither succeeded nor failed, with a pod that is Pending or Running and not being deleted.
     */
    active: string;
    /**
     * Every other index: not started yet, waiting for a replacement pod (backoff delay, or a pod still terminating), or, once the Job has finished, never to run.
     */
    pending: string;
  };
  /**
   * The pending indexes whose pod is being deleted (deletionTimestamp set, not yet Succeeded or Failed). With podReplacementPolicy Failed (or a podFailurePolicy) the controller creates no replacement until that pod has finished.
   */
  terminating: string;
  /**
   * Indexes counted in `intervals` from their pods that the Job's status does not list yet; the controller records them in its next sync. Empty once the Job has finished.
   */
  unrecorded: {
    /**
     * In intervals.succeeded but not in status.completedIndexes.
     */
    succeeded: string;
    /**
     * In intervals.failed but not in status.failedIndexes.
     */
    failed: string;
  };
  /**
   * The Job-wide retry budget: the Job fails (BackoffLimitExceeded) when status.failed exceeds spec.backoffLimit.
   */
  backoffLimit: {
    /**
     * spec.backoffLimit (the API server defaults it to 6, or to 2147483647 with backoffLimitPerIndex).
     */
    limit: number;
    /**
     * status.failed: failed pods counted so far (pods ignored by the pod failure policy are not).
     */
    failed: number;
    /**
     * Counted pod failures the Job can still take: limit - failed, at least 0.
     */
    remaining: number;
  };
  /**
   * The per-index retry budget, or null when spec.backoffLimitPerIndex is unset. An index fails once it has more than `limit` counted failures.
   */
  backoffLimitPerIndex: null | BackoffLimitPerIndex;
  /**
   * Headroom against spec.maxFailedIndexes, or null when it is unset (then, with backoffLimitPerIndex, the Job fails with reason FailedIndexes only once every index has finished).
   */
  maxFailedIndexes: null | MaxFailedIndexes;
  /**
   * Failure counts per index, only for indexes with at least one failure.
   */
  failures: {
    /**
     * annotations: from the controller's batch.kubernetes.io/job-index-failure-count and job-index-ignored-failure-count pod annotations (Jobs with backoffLimitPerIndex), exact as long as the index's latest pod exists. pods: the failed pods still present, a lower bound (deleted pods are not seen).
     */
    source: 'annotations' | 'pods';
    /**
     * Sorted by index.
     */
    indexes: IndexFailures[];
  };
  /**
   * Progress of spec.successPolicy, or null when the Job has none.
   */
  successPolicy: null | SuccessPolicy;
  /**
   * Pods whose completion index is missing, unreadable, or not below completions (left over after completions was lowered); they count toward no index, and the controller deletes the active ones.
   */
  strayPods: number;
  /**
   * Only with --index: one entry per requested index, in order.
   */
  details?: IndexDetail[];
}
/**
 * A Job condition.
 */
export interface Condition {
  /**
   * The condition type.
   */
  type: 'Complete' | 'Failed' | 'SuccessCriteriaMet' | 'FailureTarget' | 'Suspended';
  /**
   * The condition's reason, e.g. SuccessPolicy, MaxFailedIndexesExceeded, FailedIndexes, BackoffLimitExceeded.
   */
  reason: string | null;
  /**
   * The condition's message.
   */
  message: string | null;
}
/**
 * The per-index retry budget.
 */
export interface BackoffLimitPerIndex {
  /**
   * spec.backoffLimitPerIndex: counted failures an index may have and still be retried.
   */
  limit: number;
  /**
   * Indexes, neither succeeded nor failed, that have failed before and have no retry left: their next counted failure fails the index.
   */
  lastChance: string;
  /**
   * How many indexes lastChance holds.
   */
  lastChanceCount: number;
}
/**
 * Headroom against spec.maxFailedIndexes.
 */
export interface MaxFailedIndexes {
  /**
   * spec.maxFailedIndexes: the Job fails (MaxFailedIndexesExceeded) when more indexes than this have failed.
   */
  limit: number;
  /**
   * Failed indexes so far (counts.failed).
   */
  failed: number;
  /**
   * Indexes that may still fail without failing the Job: limit - failed, at least 0.
   */
  remaining: number;
  /**
   * failed > limit: the Job has failed, or is about to.
   */
  exceeded: boolean;
}
/**
 * The failures of one index.
 */
export interface IndexFailures {
  /**
   * The completion index.
   */
  index: number;
  /**
   * Where the index stands now.
   */
  status: 'succeeded' | 'failed' | 'active' | 'pending';
  /**
   * Counted failures (those that use up backoffLimitPerIndex).
   */
  failures: number;
  /**
   * Failures the pod failure policy ignored (Ignore rules).
   */
  ignored: number;
  /**
   * backoffLimitPerIndex - failures, at least 0; null without backoffLimitPerIndex.
   */
  retriesLeft: number | null;
}
/**
 * Progress of spec.successPolicy.
 */
export interface SuccessPolicy {
  /**
   * The success policy made (or, for a running Job, is making) the Job succeed: the Job has SuccessCriteriaMet or Complete with reason SuccessPolicy, or it has no finishing condition yet and a rule is satisfied. False when the Job finished otherwise, even if a rule is satisfied (failures are evaluated before the success policy).
   */
  met: boolean;
  /**
   * 0-based index of the rule that was met (from the condition's message `Matched rules at index N`, else the first satisfied rule); null when not met.
   */
  rule: number | null;
  /**
   * The Job already carries the SuccessCriteriaMet or Complete condition with reason SuccessPolicy.
   */
  recorded: boolean;
  /**
   * One entry per rule of spec.successPolicy.rules, in order (the controller tries them in order, the first satisfied one wins).
   */
  rules: SuccessRuleProgress[];
}
/**
 * How far one success policy rule is.
 */
export interface SuccessRuleProgress {
  /**
   * 0-based position in spec.successPolicy.rules.
   */
  rule: number;
  /**
   * The rule's succeededIndexes as written; null when unset.
   */
  succeededIndexes: string | null;
  /**
   * The rule's succeededCount; null when unset.
   */
  succeededCount: number | null;
  /**
   * How many indexes succeededIndexes names (read leniently, as the controller does); null when unset. 0 means the controller skips the rule.
   */
  indexes: number | null;
  /**
   * Succeeded indexes that count for the rule: those among succeededIndexes, or all succeeded indexes for a rule with only succeededCount.
   */
  succeeded: number;
  /**
   * How many are needed: succeededCount when set (capped at `indexes`), else every index of succeededIndexes.
   */
  required: number;
  /**
   * The rule's criteria hold for the succeeded indexes now (the controller only applies rules once at least one index has succeeded).
   */
  satisfied: boolean;
}
/**
 * One index in detail (--index).
 */
export interface IndexDetail {
  /**
   * The completion index.
   */
  index: number;
  /**
   * Where the index stands now.
   */
  status: 'succeeded' | 'failed' | 'active' | 'pending';
  /**
   * Counted failures (see failures.source).
   */
  failures: number;
  /**
   * Failures the pod failure policy ignored.
   */
  ignored: number;
  /**
   * backoffLimitPerIndex - failures, at least 0; null without backoffLimitPerIndex.
   */
  retriesLeft: number | null;
  /**
   * The index's pods still present, oldest first (the controller or the garbage collector may have deleted earlier attempts).
   */
  pods: IndexPod[];
}
/**
 * One pod (attempt) of an index.
 */
export interface IndexPod {
  /**
   * The pod's name.
   */
  name: string;
  /**
   * status.phase (Pending, Running, Succeeded, Failed, Unknown); null when not reported yet.
   */
  phase: string | null;
  /**
   * The pod is being deleted and has not finished.
   */
  terminating: boolean;
  /**
   * 1-based attempt of the index, from the failure-count annotations (failures + ignored failures before this pod, plus one); null when the pod has no job-index-failure-count annotation (Jobs without backoffLimitPerIndex).
   */
  attempt: number | null;
  /**
   * The first non-zero exit code of a terminated container (containers, then init containers), 0 when all terminated containers exited 0; null when no container has terminated.
   */
  exitCode: number | null;
  /**
   * Why the pod is in its state: Terminating, the pod's own reason (e.g. Evicted), the container's terminated reason (Completed, Error, OOMKilled), its waiting reason (ImagePullBackOff), or Unschedulable; null when none applies.
   */
  reason: string | null;
  /**
   * spec.nodeName; null when not scheduled.
   */
  node: string | null;
  /**
   * metadata.creationTimestamp (RFC 3339).
   */
  createdAt: string | null;
  /**
   * The latest terminated container's finishedAt (RFC 3339); null while no container has finished.
   */
  finishedAt: string | null;
}
