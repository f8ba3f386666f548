import type { PodFailurePolicyFacts } from '../explain-pod-failure-policy.ts';
import type { PodFailurePolicyRule } from '../explanation.ts';
import { joinWords } from '../durations.ts';

type RuleFacts = PodFailurePolicyFacts['rules'][number];

/** The sentences of `podFailurePolicy`: how its rules are applied to a failed pod. */
export function podFailurePolicySentences(facts: PodFailurePolicyFacts): string[] {
  const sentences: string[] = [];
  if (facts.rules.length === 0) sentences.push('The policy has no rules: every failure counts as usual.');
  else {
    sentences.push(
      'For each failed pod the rules are tried in order; the first that matches decides. A failure no rule matches counts as usual.',
    );
    if (facts.rules.some((rule) => rule.onExitCodes !== null)) {
      sentences.push(
        // getMatchingContainerFromList: any container (then init container) whose non-zero exit
        // code fits the operator matches, not only the first that failed.
        'Exit-code rules look only at containers that terminated with a non-zero code (exit code 0 never matches); without containerName, a rule matches if any container or init container of the pod failed with a code that fits it, whatever the others exited with.',
      );
    }
  }
  sentences.push(
    'With a pod failure policy, restartPolicy must be Never and a failed pod is replaced only once it has fully terminated.',
  );
  return sentences;
}

/** One rule in words: `Rule 0: if any container exits with code 42, the whole Job fails at once ….` */
export function podFailurePolicyRuleSentence(rule: RuleFacts, perIndex: boolean): string {
  const when = rule.onExitCodes
    ? exitCodeClause(rule.onExitCodes)
    : rule.onPodConditions
      ? conditionClause(rule.onPodConditions)
      : 'it matches nothing (neither onExitCodes nor onPodConditions)';
  return `Rule ${rule.index}: if ${when}, ${consequence(rule.action, perIndex)}.`;
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
