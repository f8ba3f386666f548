import { parseIndexesStrict } from '../../kubernetes/index.ts';
import { int, obj, objects, str, type JsonObject } from '../../kubernetes/index.ts';
import { plural } from '../format/index.ts';
import type { Effective, Pattern, Success, SuccessPolicy } from './explanation.ts';

/** When the Job succeeds: completions reached (CompletionsReached), or a success policy rule met. */
export function explainSuccess(effective: Effective, pattern: Pattern, policy: SuccessPolicy | null): Success {
  const c = effective.completions;
  const sentences: string[] = [];
  switch (pattern) {
    case 'NonParallel':
      sentences.push('The Job succeeds (condition Complete, reason CompletionsReached) when its pod succeeds.');
      break;
    case 'FixedCompletions':
      sentences.push(
        c === 0
          ? 'The Job succeeds at once: completions 0 needs no pod.'
          : `The Job succeeds (condition Complete, reason CompletionsReached) when ${c} pods have succeeded.`,
      );
      break;
    case 'WorkQueue':
      sentences.push(
        'The Job succeeds (condition Complete, reason CompletionsReached) when at least one pod has succeeded and all its pods have finished.',
      );
      break;
    case 'Indexed':
      sentences.push(
        c === 0
          ? 'The Job succeeds at once: completions 0 needs no pod.'
          : `The Job succeeds (condition Complete, reason CompletionsReached) when ${c === 1 ? 'index 0 has' : `every index 0 to ${(c ?? 1) - 1} has`} a succeeded pod.`,
      );
      break;
  }
  if (policy && policy.rules.length > 0) {
    sentences.push('Its success policy can end it earlier (below).');
    return { reason: 'SuccessPolicy', sentences };
  }
  return { reason: 'CompletionsReached', sentences };
}

/** spec.successPolicy in words (pkg/controller/job/success_policy.go). */
export function explainSuccessPolicy(spec: JsonObject, completions: number | null): SuccessPolicy | null {
  if (obj(spec, 'successPolicy') === undefined) return null;
  const rules = objects(obj(spec, 'successPolicy'), 'rules').map((rule, index) => {
    const succeededIndexes = str(rule, 'succeededIndexes') ?? null;
    const succeededCount = int(rule, 'succeededCount') ?? null;
    return {
      index,
      succeededIndexes,
      succeededCount,
      sentence: `Rule ${index}: ${ruleClause(succeededIndexes, succeededCount, completions)}.`,
    };
  });
  const sentences =
    rules.length === 0
      ? ['The success policy has no rules (the API server rejects that).']
      : [
          'When a rule is met the Job gets SuccessCriteriaMet (reason SuccessPolicy, message "Matched rules at index <i>"), its remaining pods are terminated, and it becomes Complete with the same reason.',
          'Rules are tried in order and the first met wins; the failure checks (pod failure policy, backoffLimit, deadline, failed indexes) come first.',
        ];
  return { rules, sentences };
}

function ruleClause(indexes: string | null, count: number | null, completions: number | null): string {
  if (indexes !== null) {
    const parsed = parseIndexesStrict(indexes, completions ?? Number.MAX_SAFE_INTEGER);
    if (!parsed.ok) return `succeededIndexes ${JSON.stringify(indexes)} is not valid (${parsed.error})`;
    const listed = parsed.count === 1 ? `index ${indexes}` : `indexes ${indexes}`;
    if (count === null)
      return parsed.count === 1 ? `${listed} has succeeded` : `${listed} (${parsed.count}) have all succeeded`;
    if (count === 0) return `met as soon as any index succeeds (succeededCount 0, with ${listed})`;
    return `at least ${count} of ${listed} ${count === 1 ? 'has' : 'have'} succeeded`;
  }
  if (count === null) return 'neither succeededIndexes nor succeededCount is set (the API server rejects that)';
  if (count === 0) return 'met as soon as any index succeeds (succeededCount 0)';
  return `any ${plural(count, 'index', 'indexes')} ${count === 1 ? 'has' : 'have'} succeeded`;
}
