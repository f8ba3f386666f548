// spec.successPolicy as the Job controller evaluates it (matchSuccessPolicy and
// matchSucceededIndexesRule, pkg/controller/job/success_policy.go, Kubernetes 1.36; the
// JobSuccessPolicy gate is GA and always on).
import { int, str, type JsonObject } from '../decoded-access.ts';
import type { IndexInterval } from '../intervals.ts';
import { countIndexes, parseIndexesLenient } from './ordered-intervals.ts';

export interface SuccessRuleOutcome {
  /** The rule's position in spec.successPolicy.rules. */
  readonly rule: number;
  /** succeededIndexes as parseIndexesFromString reads it; null for a rule without succeededIndexes. */
  readonly requiredIndexes: readonly IndexInterval[] | null;
  /** Succeeded indexes the rule looks at: those among requiredIndexes, or all of them. */
  readonly succeeded: number;
  /** The rule holds (on its own: matchSuccessPolicy stops at the first one that does). */
  readonly matched: boolean;
}

/**
 * matchSucceededIndexesRule: walks both interval lists (sorted, as the API server and the
 * controller keep them) counting the overlap; the rule holds when every required index
 * succeeded, or at least succeededCount of them.
 */
export function matchSucceededIndexesRule(
  ruleIndexes: readonly IndexInterval[],
  succeededIndexes: readonly IndexInterval[],
  succeededCount: number | null,
): { readonly contains: number; readonly matched: boolean } {
  let contains = 0;
  let succeededPointer = 0;
  let rulePointer = 0;
  while (rulePointer < ruleIndexes.length && succeededPointer < succeededIndexes.length) {
    const rule = ruleIndexes[rulePointer]!;
    const succeeded = succeededIndexes[succeededPointer]!;
    const overlap = Math.min(rule.last, succeeded.last) - Math.max(rule.first, succeeded.first) + 1;
    if (overlap > 0) contains += overlap;
    if (succeeded.last < rule.last) succeededPointer++;
    else if (succeeded.last > rule.last) rulePointer++;
    else {
      succeededPointer++;
      rulePointer++;
    }
  }
  return {
    contains,
    matched: contains === countIndexes(ruleIndexes) || (succeededCount !== null && contains >= succeededCount),
  };
}

/**
 * Every rule of the policy judged on its own, in order, as matchSuccessPolicy's loop judges it:
 * nothing holds while no index has succeeded; a succeededIndexes the controller reads as empty
 * (unreadable, or past completions) is skipped; a rule with only succeededCount holds once that
 * many indexes succeeded; a rule with neither (the API server rejects it) never holds.
 */
export function successRuleOutcomes(
  rules: readonly JsonObject[],
  completions: number,
  succeededIndexes: readonly IndexInterval[],
): SuccessRuleOutcome[] {
  const total = countIndexes(succeededIndexes);
  return rules.map((rule, index): SuccessRuleOutcome => {
    const text = str(rule, 'succeededIndexes');
    const count = int(rule, 'succeededCount') ?? null;
    if (text !== undefined) {
      const required = parseIndexesLenient(text, completions);
      const { contains, matched } = matchSucceededIndexesRule(required, succeededIndexes, count);
      return {
        rule: index,
        requiredIndexes: required,
        succeeded: contains,
        matched: total > 0 && required.length > 0 && matched,
      };
    }
    return {
      rule: index,
      requiredIndexes: null,
      succeeded: total,
      matched: total > 0 && count !== null && total >= count,
    };
  });
}

/**
 * matchSuccessPolicy: the first rule that holds, with the message the controller writes into
 * SuccessCriteriaMet ("Matched rules at index <i>"); null when none does.
 */
export function matchSuccessPolicy(
  rules: readonly JsonObject[],
  completions: number,
  succeededIndexes: readonly IndexInterval[],
): { readonly rule: number; readonly message: string } | null {
  const first = successRuleOutcomes(rules, completions, succeededIndexes).find((outcome) => outcome.matched);
  return first === undefined ? null : { rule: first.rule, message: `Matched rules at index ${first.rule}` };
}
