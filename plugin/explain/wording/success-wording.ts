import type { SuccessFacts, SuccessPolicyFacts, SuccessRuleFacts } from '../explain-success.ts';
import { plural } from '../../format/index.ts';

const COMPLETE = 'The Job succeeds (condition Complete, reason CompletionsReached) when';
const AT_ONCE = 'The Job succeeds at once: completions 0 needs no pod.';

/** The sentences of `success`: when the Job is Complete. */
export function successSentences(facts: SuccessFacts): string[] {
  const c = facts.completions;
  const sentences: string[] = [];
  switch (facts.pattern) {
    case 'NonParallel':
      sentences.push(`${COMPLETE} its pod succeeds.`);
      break;
    case 'FixedCompletions':
      sentences.push(c === 0 ? AT_ONCE : `${COMPLETE} ${c} pods have succeeded.`);
      break;
    case 'WorkQueue':
      sentences.push(`${COMPLETE} at least one pod has succeeded and all its pods have finished.`);
      break;
    case 'Indexed':
      sentences.push(
        c === 0
          ? AT_ONCE
          : `${COMPLETE} ${c === 1 ? 'index 0 has' : `every index 0 to ${(c ?? 1) - 1} has`} a succeeded pod.`,
      );
      break;
  }
  if (facts.reason === 'SuccessPolicy') sentences.push('Its success policy can end it earlier (below).');
  return sentences;
}

/** The sentences of `successPolicy`: how its rules are applied. */
export function successPolicySentences(facts: SuccessPolicyFacts): string[] {
  return facts.rules.length === 0
    ? ['The success policy has no rules (the API server rejects that).']
    : [
        'When a rule is met the Job gets SuccessCriteriaMet (reason SuccessPolicy, message "Matched rules at index <i>"), its remaining pods are terminated, and it becomes Complete with the same reason.',
        'Rules are tried in order and the first met wins; the failure checks (pod failure policy, backoffLimit, deadline, failed indexes) come first.',
      ];
}

/** One success policy rule in words: `Rule 0: indexes 0-2 (3) have all succeeded.` */
export function successRuleSentence(rule: SuccessRuleFacts): string {
  return `Rule ${rule.index}: ${ruleClause(rule)}.`;
}

function ruleClause({ succeededIndexes: indexes, succeededCount: count, listed }: SuccessRuleFacts): string {
  if (indexes !== null && listed !== null) {
    if (!listed.ok) return `succeededIndexes ${JSON.stringify(indexes)} is not valid (${listed.error})`;
    const named = listed.count === 1 ? `index ${indexes}` : `indexes ${indexes}`;
    if (count === null)
      return listed.count === 1 ? `${named} has succeeded` : `${named} (${listed.count}) have all succeeded`;
    if (count === 0) return `met as soon as any index succeeds (succeededCount 0, with ${named})`;
    return `at least ${count} of ${named} ${count === 1 ? 'has' : 'have'} succeeded`;
  }
  if (count === null) return 'neither succeededIndexes nor succeededCount is set (the API server rejects that)';
  if (count === 0) return 'met as soon as any index succeeds (succeededCount 0)';
  return `any ${plural(count, 'index', 'indexes')} ${count === 1 ? 'has' : 'have'} succeeded`;
}
