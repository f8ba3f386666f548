// The Job controller's pod failure policy, ported from pkg/controller/job/pod_failure_policy.go
// (Kubernetes 1.36): matchPodFailurePolicy and its helpers, over a pod's raw status. One port
// shared by diagnose (which rule decided each attempt) and index-status (which failures count).
import { arr, isObject, obj, str, type JsonObject } from '../decoded-access.ts';
import { describeValue } from '../describe-value.ts';
import type { RawContainerStatus, RawPod } from '../objects.ts';

export type PolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PolicyMatch {
  /** Index of the matching rule in spec.podFailurePolicy.rules. */
  rule: number;
  action: PolicyAction;
  /** matchPodFailurePolicy's second result: false only for Ignore. */
  countFailed: boolean;
  /** onExitCodes rules: the container whose exit code matched (may be an init container). */
  container: string | null;
  exitCode: number | null;
  initContainer: boolean;
  /** onPodConditions rules: the pod condition type that matched. */
  condition: string | null;
  /** The controller's message, exactly as it would write it into the Job's condition. */
  message: string;
}

const ACTIONS: ReadonlySet<string> = new Set(['FailJob', 'FailIndex', 'Ignore', 'Count']);

/**
 * matchPodFailurePolicy: the first rule (in order) that matches the failed pod decides; null when
 * none does (the failure then counts, as with no policy). A rule whose action is unknown falls
 * through to the next rule, as the controller's switch statement does.
 */
export function matchPodFailurePolicy(rules: readonly JsonObject[], pod: RawPod): PolicyMatch | null {
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  for (const [index, rule] of rules.entries()) {
    const action = str(rule, 'action');
    if (action === undefined || !ACTIONS.has(action)) continue;
    const onExitCodes = obj(rule, 'onExitCodes');
    if (onExitCodes) {
      const match = matchOnExitCodes(pod, onExitCodes);
      if (match) {
        const exitCode = match.status.state!.terminated!.exitCode ?? 0;
        return {
          rule: index,
          action: action as PolicyAction,
          countFailed: action !== 'Ignore',
          container: match.status.name,
          exitCode,
          initContainer: match.init,
          condition: null,
          message: `Container ${match.status.name} for pod ${namespace}/${name} failed with exit code ${exitCode} matching ${action} rule at index ${index}`,
        };
      }
    } else if (arr(rule, 'onPodConditions')) {
      const condition = matchOnPodConditions(pod, arr(rule, 'onPodConditions')!);
      if (condition !== undefined) {
        return {
          rule: index,
          action: action as PolicyAction,
          countFailed: action !== 'Ignore',
          container: null,
          exitCode: null,
          initContainer: false,
          condition,
          message: `Pod ${namespace}/${name} has condition ${condition} matching ${action} rule at index ${index}`,
        };
      }
    }
  }
  return null;
}

/** matchOnExitCodes: regular containers first, then init containers. */
function matchOnExitCodes(
  pod: RawPod,
  requirement: JsonObject,
): { status: RawContainerStatus; init: boolean } | undefined {
  const regular = matchingContainer(pod.status?.containerStatuses ?? [], requirement);
  if (regular) return { status: regular, init: false };
  const init = matchingContainer(pod.status?.initContainerStatuses ?? [], requirement);
  return init ? { status: init, init: true } : undefined;
}

/**
 * getMatchingContainerFromList: the first container that has terminated (a container still
 * running or waiting has no exit code to match) with a non-zero exit code that the operator
 * accepts. Exit code 0 never matches, not even `NotIn [1]`.
 */
function matchingContainer(
  statuses: readonly RawContainerStatus[],
  requirement: JsonObject,
): RawContainerStatus | undefined {
  const containerName = str(requirement, 'containerName');
  for (const status of statuses) {
    const terminated = status.state?.terminated;
    if (!terminated) continue;
    if (containerName !== undefined && containerName !== status.name) continue;
    const exitCode = terminated.exitCode ?? 0;
    if (exitCode !== 0 && operatorMatches(exitCode, requirement)) return status;
  }
  return undefined;
}

/** isOnExitCodesOperatorMatching: In / NotIn over the values; any other operator never matches. */
function operatorMatches(exitCode: number, requirement: JsonObject): boolean {
  const values = (arr(requirement, 'values') ?? []).filter((v): v is number => typeof v === 'number');
  switch (str(requirement, 'operator')) {
    case 'In':
      return values.includes(exitCode);
    case 'NotIn':
      return !values.includes(exitCode);
    default:
      return false;
  }
}

/**
 * matchOnPodConditions: the pod's conditions in order, each against every pattern; type and
 * status must both be equal. The API server defaults a pattern's status to True.
 */
function matchOnPodConditions(pod: RawPod, patterns: readonly unknown[]): string | undefined {
  for (const condition of pod.status?.conditions ?? []) {
    for (const pattern of patterns) {
      if (!isObject(pattern)) continue;
      const status = str(pattern, 'status') ?? 'True';
      if (condition.type === str(pattern, 'type') && condition.status === status) return condition.type;
    }
  }
  return undefined;
}

/** A rule in words, e.g. `exit code In [42] of container main` or `pod condition DisruptionTarget=True`. */
export function describeRule(rule: JsonObject): string {
  const onExitCodes = obj(rule, 'onExitCodes');
  if (onExitCodes) {
    // Decoded data: a value that is not a number is described, never String()ed (it may carry toString).
    const values = (arr(onExitCodes, 'values') ?? [])
      .map((value) => (typeof value === 'number' ? `${value}` : describeValue(value)))
      .join(', ');
    const container = str(onExitCodes, 'containerName');
    return `exit code ${str(onExitCodes, 'operator') ?? '?'} [${values}]${container ? ` of container ${container}` : ' of any container'}`;
  }
  const patterns = (arr(rule, 'onPodConditions') ?? []).filter(isObject);
  if (patterns.length > 0) {
    return `pod condition ${patterns.map((p) => `${str(p, 'type') ?? '?'}=${str(p, 'status') ?? 'True'}`).join(' or ')}`;
  }
  return 'nothing (the rule has neither onExitCodes nor onPodConditions)';
}
