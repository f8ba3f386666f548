import { arr, obj, objects, str, type JsonObject } from '../../kubernetes/index.ts';
import { podFailurePolicyRules } from '../../kubernetes/index.ts';
import type { PodFailurePolicyRule } from './explanation.ts';

/** What the sentences about the pod failure policy say; wording/pod-failure-policy-wording.ts words it. */
export interface PodFailurePolicyFacts {
  readonly rules: readonly Omit<PodFailurePolicyRule, 'sentence'>[];
  /** Per-index budgets apply (backoffLimitPerIndex on an Indexed Job): FailIndex can work. */
  readonly perIndex: boolean;
}

/**
 * The pod failure policy (pkg/controller/job/pod_failure_policy.go): its rules as written, with
 * an unset onPodConditions status defaulted to True as the API server does.
 */
export function explainPodFailurePolicy(spec: JsonObject, perIndex: boolean): PodFailurePolicyFacts | null {
  if (obj(spec, 'podFailurePolicy') === undefined) return null;
  return { rules: podFailurePolicyRules(spec).map(toRule), perIndex };
}

function toRule(rule: JsonObject, index: number): Omit<PodFailurePolicyRule, 'sentence'> {
  const exitCodes = obj(rule, 'onExitCodes');
  const conditions = arr(rule, 'onPodConditions');
  return {
    index,
    action: str(rule, 'action') ?? null,
    onExitCodes: exitCodes
      ? {
          containerName: str(exitCodes, 'containerName') ?? null,
          operator: str(exitCodes, 'operator') ?? null,
          values: (arr(exitCodes, 'values') ?? []).filter(
            (value): value is number => typeof value === 'number' && Number.isInteger(value),
          ),
        }
      : null,
    // The API server defaults an unset status to True.
    onPodConditions:
      conditions && conditions.length > 0
        ? objects(rule, 'onPodConditions').map((pattern) => ({
            type: str(pattern, 'type') ?? null,
            status: str(pattern, 'status') || 'True',
          }))
        : null,
  };
}

export function hasIgnoreRule(spec: JsonObject): boolean {
  return podFailurePolicyRules(spec).some((rule) => str(rule, 'action') === 'Ignore');
}
