export { describeRule, matchPodFailurePolicy, type PolicyMatch } from './pod-failure-policy.ts';
export { BACKOFF_BASE_SECONDS, BACKOFF_CAP_SECONDS, backoffDelaySeconds, backoffSchedule } from './backoff.ts';
