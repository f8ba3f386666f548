import type { Rule } from '../rule.js';
import activeDeadlineZero from './active-deadline-zero.js';
import apiVersion from './api-version.js';
import backoffLimitPerIndex from './backoff-limit-per-index.js';
import backoffLimitPerIndexOnFailure from './backoff-limit-per-index-on-failure.js';
import backoffLimitWithPerIndex from './backoff-limit-with-per-index.js';
import completionMode from './completion-mode.js';
import completionsZero from './completions-zero.js';
import concurrentPods from './concurrent-pods.js';
import cronjobConcurrencyPolicy from './cronjob-concurrency-policy.js';
import cronjobFailedHistoryZero from './cronjob-failed-history-zero.js';
import cronjobNameLength from './cronjob-name-length.js';
import cronjobNonNegativeFields from './cronjob-non-negative-fields.js';
import cronjobSchedule from './cronjob-schedule.js';
import cronjobStartingDeadlineShort from './cronjob-starting-deadline-short.js';
import cronjobTimeZone from './cronjob-time-zone.js';
import disruptionIgnoreRule from './disruption-ignore-rule.js';
import exitCodeOutOfRange from './exit-code-out-of-range.js';
import failJobMatchesAllFailures from './fail-job-matches-all-failures.js';
import fieldTypes from './field-types.js';
import ignoreRuleWithoutDeadline from './ignore-rule-without-deadline.js';
import indexedHighCompletions from './indexed-high-completions.js';
import indexedPodHostname from './indexed-pod-hostname.js';
import jobSelector from './job-selector.js';
import jobTemplateSelector from './job-template-selector.js';
import largeIndexedWithoutPerIndexBackoff from './large-indexed-without-per-index-backoff.js';
import managedBy from './managed-by.js';
import manualSelector from './manual-selector.js';
import manualSelectorAdoptsAll from './manual-selector-adopts-all.js';
import nameNotDnsLabel from './name-not-dns-label.js';
import nonNegativeFields from './non-negative-fields.js';
import objectMetadata from './object-metadata.js';
import parallelismZero from './parallelism-zero.js';
import podContainers from './pod-containers.js';
import podFailurePolicy from './pod-failure-policy.js';
import podReplacementPolicy from './pod-replacement-policy.js';
import podResources from './pod-resources.js';
import podSpecFields from './pod-spec-fields.js';
import podTemplateMetadata from './pod-template-metadata.js';
import podTemplateWarnings from './pod-template-warnings.js';
import requireActiveDeadline from './require-active-deadline.js';
import requireTtl from './require-ttl.js';
import restartPolicy from './restart-policy.js';
import restartPolicyOnFailure from './restart-policy-on-failure.js';
import succeededCountZero from './succeeded-count-zero.js';
import successPolicy from './success-policy.js';
import suppressionAnnotation from './suppression-annotation.js';
import ttlInCronjob from './ttl-in-cronjob.js';
import unknownFields from './unknown-fields.js';
import workQueueJob from './work-queue-job.js';

/** Every rule, sorted by id: the one registry the lint CLI, the webhook and the docs read. */
export const RULES: readonly Rule[] = [
  activeDeadlineZero,
  apiVersion,
  backoffLimitPerIndex,
  backoffLimitPerIndexOnFailure,
  backoffLimitWithPerIndex,
  completionMode,
  completionsZero,
  concurrentPods,
  cronjobConcurrencyPolicy,
  cronjobFailedHistoryZero,
  cronjobNameLength,
  cronjobNonNegativeFields,
  cronjobSchedule,
  cronjobStartingDeadlineShort,
  cronjobTimeZone,
  disruptionIgnoreRule,
  exitCodeOutOfRange,
  failJobMatchesAllFailures,
  fieldTypes,
  ignoreRuleWithoutDeadline,
  indexedHighCompletions,
  indexedPodHostname,
  jobSelector,
  jobTemplateSelector,
  largeIndexedWithoutPerIndexBackoff,
  managedBy,
  manualSelector,
  manualSelectorAdoptsAll,
  nameNotDnsLabel,
  nonNegativeFields,
  objectMetadata,
  parallelismZero,
  podContainers,
  podFailurePolicy,
  podReplacementPolicy,
  podResources,
  podSpecFields,
  podTemplateMetadata,
  podTemplateWarnings,
  requireActiveDeadline,
  requireTtl,
  restartPolicy,
  restartPolicyOnFailure,
  succeededCountZero,
  successPolicy,
  suppressionAnnotation,
  ttlInCronjob,
  unknownFields,
  workQueueJob,
];
