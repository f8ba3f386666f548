export {
  COMPLETION_INDEX_ENV_NAME,
  CONTROLLER_UID_LABEL,
  CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION,
  JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_CONTROLLER_NAME,
  JOB_INDEX_FAILURE_COUNT_ANNOTATION,
  JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
  JOB_NAME_LABEL,
  JOB_TRACKING_FINALIZER,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
} from './well-known-names.ts';
export { completionIndexOf } from './completion-index.ts';
export { countIndexes, formatIntervals, parseIndexesLenient } from './ordered-intervals.ts';
export {
  isPodActive,
  isPodFailed,
  isPodTerminating,
  type JobSpecHolder,
  onlyReplaceFailedPods,
} from './pod-predicates.ts';
export { hasJobTrackingFinalizer } from './tracking-finalizer.ts';
export {
  hasIndexFailureCountAnnotation,
  indexAbsoluteFailureCountOf,
  indexFailureCountOf,
  type IndexFailureCounts,
  indexIgnoredFailureCountOf,
  isIndexFailed,
  newIndexFailureCounts,
} from './index-failure-count.ts';
export { deletionTimeOf, finishedTimeOf } from './finished-time.ts';
export {
  containerRestartsOf,
  exceedsBackoffLimit,
  pastBackoffLimitOnFailure,
  restartsCountedOnFailure,
  restartsFailingJob,
} from './backoff-limit.ts';
export { describeRule, matchPodFailurePolicy, type PolicyAction, type PolicyMatch } from './pod-failure-policy.ts';
export {
  matchSucceededIndexesRule,
  matchSuccessPolicy,
  type SuccessRuleOutcome,
  successRuleOutcomes,
} from './success-policy.ts';
export {
  BACKOFF_BASE_SECONDS,
  BACKOFF_CAP_SECONDS,
  backoffDelaySeconds,
  type BackoffRecord,
  type BackoffTiming,
  backoffSchedule,
  EMPTY_BACKOFF_RECORD,
  newBackoffRecord,
  remainingBackoffSeconds,
  remainingBackoffSecondsPerIndex,
} from './backoff.ts';
export { wantActive } from './want-active.ts';
export { pastActiveDeadline } from './active-deadline.ts';
export { calculateFailedIndexes, calculateSucceededIndexes, type FinishedIndexes } from './finished-indexes.ts';
