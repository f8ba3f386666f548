import { parseIndexesStrict } from '../../kubernetes/index.ts';
import { int, obj, objects, str, type JsonObject } from '../../kubernetes/index.ts';
import type { Pattern, Success, SuccessPolicy } from './explanation.ts';

/** What the sentences about success say, decided here; wording/success-wording.ts words it. */
export interface SuccessFacts {
  readonly reason: Success['reason'];
  readonly pattern: Pattern;
  readonly completions: number | null;
}

/** When the Job succeeds: completions reached (CompletionsReached), or a success policy rule met. */
export function explainSuccess(
  completions: number | null,
  pattern: Pattern,
  policy: SuccessPolicyFacts | null,
): SuccessFacts {
  return { reason: policy && policy.rules.length > 0 ? 'SuccessPolicy' : 'CompletionsReached', pattern, completions };
}

export interface SuccessPolicyFacts {
  readonly rules: readonly SuccessRuleFacts[];
}

export interface SuccessRuleFacts extends Omit<SuccessPolicy['rules'][number], 'sentence'> {
  /** succeededIndexes read as the API server reads it (how many indexes it lists), or why it cannot be. */
  readonly listed:
    { readonly ok: true; readonly count: number } | { readonly ok: false; readonly error: string } | null;
}

/** spec.successPolicy (pkg/controller/job/success_policy.go): its rules, and the indexes each lists. */
export function explainSuccessPolicy(spec: JsonObject, completions: number | null): SuccessPolicyFacts | null {
  if (obj(spec, 'successPolicy') === undefined) return null;
  const rules = objects(obj(spec, 'successPolicy'), 'rules').map((rule, index) => {
    const succeededIndexes = str(rule, 'succeededIndexes') ?? null;
    const parsed =
      succeededIndexes !== null ? parseIndexesStrict(succeededIndexes, completions ?? Number.MAX_SAFE_INTEGER) : null;
    return {
      index,
      succeededIndexes,
      succeededCount: int(rule, 'succeededCount') ?? null,
      listed: parsed === null ? null : parsed.ok ? { ok: true as const, count: parsed.count } : parsed,
    };
  });
  return { rules };
}
