// The Job controller's matchPodFailurePolicy (pkg/controller/job/pod_failure_policy.go, 1.36):
// which rule a failed pod matches, and whether its failure counts toward the backoff limits.
import { arr, obj, objects, str, type JsonObject } from '../../policy/k8s/access.ts';
import type { RawContainerStatus, RawJob, RawPod } from '../kube/snapshot.ts';

export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PodFailurePolicyMatch {
  /** False only for an Ignore rule: the failure is not counted toward backoffLimit nor backoffLimitPerIndex. */
  readonly counted: boolean;
  /** The action of the first matching rule, or null when no rule matched (or there is no policy). */
  readonly action: PodFailurePolicyAction | null;
  /** 0-based index of the matching rule, or null. */
  readonly rule: number | null;
}

const NO_MATCH: PodFailurePolicyMatch = { counted: true, action: null, rule: null };

/** First rule wins; a pod matching no rule is counted (the default). */
export function matchPodFailurePolicy(job: RawJob, pod: RawPod): PodFailurePolicyMatch {
  const policy = obj(job.spec, 'podFailurePolicy');
  if (policy === undefined) return NO_MATCH;
  const rules = objects(policy, 'rules');
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    const onExitCodes = obj(rule, 'onExitCodes');
    const matched = onExitCodes !== undefined ? matchesExitCodes(pod, onExitCodes) : matchesPodConditions(pod, objects(rule, 'onPodConditions'));
    if (!matched) continue;
    const action = str(rule, 'action');
    // An action this controller does not know is skipped and the next rule tried, as in the switch of matchPodFailurePolicy.
    if (action === 'Ignore') return { counted: false, action, rule: index };
    if (action === 'FailIndex' || action === 'Count' || action === 'FailJob') return { counted: true, action, rule: index };
  }
  return NO_MATCH;
}

function matchesExitCodes(pod: RawPod, requirement: JsonObject): boolean {
  return matchingContainer(pod.status?.containerStatuses, requirement) || matchingContainer(pod.status?.initContainerStatuses, requirement);
}

/** getMatchingContainerFromList: a terminated container with a non-zero exit code the operator accepts. */
function matchingContainer(statuses: readonly RawContainerStatus[] | undefined, requirement: JsonObject): boolean {
  const containerName = str(requirement, 'containerName');
  const operator = str(requirement, 'operator');
  const values = (arr(requirement, 'values') ?? []).filter((v): v is number => typeof v === 'number');
  for (const status of statuses ?? []) {
    const exitCode = status.state?.terminated?.exitCode;
    if (exitCode === undefined) continue;
    if (containerName !== undefined && containerName !== status.name) continue;
    if (exitCode === 0) continue;
    if (operator === 'In' && values.includes(exitCode)) return true;
    if (operator === 'NotIn' && !values.includes(exitCode)) return true;
  }
  return false;
}

/** matchOnPodConditions: same type and status (the API server defaults the pattern's status to True). */
function matchesPodConditions(pod: RawPod, patterns: readonly JsonObject[]): boolean {
  for (const condition of pod.status?.conditions ?? []) {
    for (const pattern of patterns) {
      if (condition.type === str(pattern, 'type') && condition.status === (str(pattern, 'status') ?? 'True')) return true;
    }
  }
  return false;
}
