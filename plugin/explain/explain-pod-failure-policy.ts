import { arr, obj, objects, str, type JsonObject } from '../../kubernetes/index.ts';
import { podFailurePolicyRules } from '../../kubernetes/index.ts';
import { joinWords } from './durations.ts';
import type { PodFailurePolicy, PodFailurePolicyRule } from './explanation.ts';

/**
 * The pod failure policy in words (pkg/controller/job/pod_failure_policy.go): for each pod that
 * ends Failed, the rules are tried in order and the first match decides.
 */
export function explainPodFailurePolicy(spec: JsonObject, perIndex: boolean): PodFailurePolicy | null {
  if (obj(spec, 'podFailurePolicy') === undefined) return null;
  const rules = podFailurePolicyRules(spec).map((rule, index) => toRule(rule, index, perIndex));
  const sentences: string[] = [];
  if (rules.length === 0) sentences.push('The policy has no rules: every failure counts as usual.');
  else {
    sentences.push(
      'For each failed pod the rules are tried in order; the first that matches decides. A failure no rule matches counts as usual.',
    );
    if (rules.some((rule) => rule.onExitCodes !== null)) {
      sentences.push(
        'Exit-code rules look only at containers that terminated with a non-zero code (exit code 0 never matches); without containerName, the first failed container decides (containers before init containers).',
      );
    }
  }
  sentences.push(
    'With a pod failure policy, restartPolicy must be Never and a failed pod is replaced only once it has fully terminated.',
  );
  return { rules, sentences };
}

function toRule(rule: JsonObject, index: number, perIndex: boolean): PodFailurePolicyRule {
  const action = str(rule, 'action') ?? null;
  const exitCodes = obj(rule, 'onExitCodes');
  const conditions = arr(rule, 'onPodConditions');
  const onExitCodes = exitCodes
    ? {
        containerName: str(exitCodes, 'containerName') ?? null,
        operator: str(exitCodes, 'operator') ?? null,
        values: (arr(exitCodes, 'values') ?? []).filter(
          (value): value is number => typeof value === 'number' && Number.isInteger(value),
        ),
      }
    : null;
  // The API server defaults an unset status to True.
  const onPodConditions =
    conditions && conditions.length > 0
      ? objects(rule, 'onPodConditions').map((pattern) => ({
          type: str(pattern, 'type') ?? null,
          status: str(pattern, 'status') || 'True',
        }))
      : null;
  const when = onExitCodes
    ? exitCodeClause(onExitCodes)
    : onPodConditions
      ? conditionClause(onPodConditions)
      : 'it matches nothing (neither onExitCodes nor onPodConditions)';
  return {
    index,
    action,
    onExitCodes,
    onPodConditions,
    sentence: `Rule ${index}: if ${when}, ${consequence(action, perIndex)}.`,
  };
}

function exitCodeClause(codes: NonNullable<PodFailurePolicyRule['onExitCodes']>): string {
  const who = codes.containerName !== null ? `container ${codes.containerName}` : 'any container';
  const values = codes.values.map(String);
  if (codes.operator === 'In') {
    return values.length === 1 ? `${who} exits with code ${values[0]}` : `${who} exits with code ${joinWords(values)}`;
  }
  if (codes.operator === 'NotIn') {
    const others = codes.values.filter((value) => value !== 0).map(String);
    return others.length === 0
      ? `${who} fails (any non-zero exit code)`
      : `${who} fails with an exit code other than ${joinWords(others)}`;
  }
  return `${who} exits with code ${joinWords(values)} (operator ${JSON.stringify(codes.operator)} is not valid)`;
}

const DISRUPTION = 'DisruptionTarget';

function conditionClause(patterns: NonNullable<PodFailurePolicyRule['onPodConditions']>): string {
  const clauses = patterns.map(({ type, status }) => {
    if (type === DISRUPTION && status === 'True')
      return 'the pod was disrupted (condition DisruptionTarget: preemption, API-initiated or node-pressure eviction, node drain or shutdown)';
    const name = type ?? '(no type)';
    return status === 'True' ? `the pod has condition ${name}` : `the pod's condition ${name} is ${status}`;
  });
  return joinWords(clauses);
}

function consequence(action: string | null, perIndex: boolean): string {
  switch (action) {
    case 'FailJob':
      return 'the whole Job fails at once (reason PodFailurePolicy) and its other pods are terminated';
    case 'FailIndex':
      return perIndex
        ? "the pod's index fails at once and is not retried; the other indexes go on"
        : 'its index would fail at once, but FailIndex needs backoffLimitPerIndex (the API server rejects it without)';
    case 'Ignore':
      return `the failure is not counted (against backoffLimit${perIndex ? ' nor the index budget' : ''}) and the pod is replaced`;
    case 'Count':
      return 'the failure counts as usual';
    default:
      return `action ${JSON.stringify(action)} applies, which the API server does not accept`;
  }
}

export function hasIgnoreRule(spec: JsonObject): boolean {
  return podFailurePolicyRules(spec).some((rule) => str(rule, 'action') === 'Ignore');
}
