import type { Rule } from '../rule.ts';
import activeDeadlineZero from './active-deadline-zero.ts';
import apiVersion from './api-version.ts';
import backoffLimitPerIndex from './backoff-limit-per-index.ts';
import backoffLimitPerIndexOnFailure from './backoff-limit-per-index-on-failure.ts';
import backoffLimitWithPerIndex from './backoff-limit-with-per-index.ts';
import completionMode from './completion-mode.ts';
import completionsZero from './completions-zero.ts';
import concurrentPods from './concurrent-pods.ts';
import cronjobConcurrencyPolicy from './cronjob-concurrency-policy.ts';
import cronjobFailedHistoryZero from './cronjob-failed-history-zero.ts';
import cronjobNameLength from './cronjob-name-length.ts';
import cronjobNonNegativeFields from './cronjob-non-negative-fields.ts';
import cronjobSchedule from './cronjob-schedule.ts';
import cronjobStartingDeadlineShort from './cronjob-starting-deadline-short.ts';
import cronjobTimeZone from './cronjob-time-zone.ts';
import disruptionIgnoreRule from './disruption-ignore-rule.ts';
import exitCodeOutOfRange from './exit-code-out-of-range.ts';
import failJobMatchesAllFailures from './fail-job-matches-all-failures.ts';
import fieldTypes from './field-types.ts';
import ignoreRuleWithoutDeadline from './ignore-rule-without-deadline.ts';
import indexedHighCompletions from './indexed-high-completions.ts';
import indexedPodHostname from './indexed-pod-hostname.ts';
import jobSelector from './job-selector.ts';
import jobTemplateSelector from './job-template-selector.ts';
import largeIndexedWithoutPerIndexBackoff from './large-indexed-without-per-index-backoff.ts';
import managedBy from './managed-by.ts';
import manualSelector from './manual-selector.ts';
import manualSelectorAdoptsAll from './manual-selector-adopts-all.ts';
import nameNotDnsLabel from './name-not-dns-label.ts';
import nonNegativeFields from './non-negative-fields.ts';
import objectMetadata from './object-metadata.ts';
import parallelismZero from './parallelism-zero.ts';
import podFailurePolicy from './pod-failure-policy.ts';
import podReplacementPolicy from './pod-replacement-policy.ts';
import podTemplate from './pod-template.ts';
import podTemplateWarnings from './pod-template-warnings.ts';
import requireActiveDeadline from './require-active-deadline.ts';
import requireTtl from './require-ttl.ts';
import restartPolicy from './restart-policy.ts';
import restartPolicyOnFailure from './restart-policy-on-failure.ts';
import succeededCountZero from './succeeded-count-zero.ts';
import successPolicy from './success-policy.ts';
import successPolicyBackoffRace from './success-policy-backoff-race.ts';
import suppressionAnnotation from './suppression-annotation.ts';
import ttlInCronjob from './ttl-in-cronjob.ts';
import unknownFields from './unknown-fields.ts';
import workQueueJob from './work-queue-job.ts';

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
  podFailurePolicy,
  podReplacementPolicy,
  podTemplate,
  podTemplateWarnings,
  requireActiveDeadline,
  requireTtl,
  restartPolicy,
  restartPolicyOnFailure,
  succeededCountZero,
  successPolicy,
  successPolicyBackoffRace,
  suppressionAnnotation,
  ttlInCronjob,
  unknownFields,
  workQueueJob,
];
