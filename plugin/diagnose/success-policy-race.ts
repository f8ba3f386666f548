// success-policy-backoff-race: an Indexed Job failed with BackoffLimitExceeded although its
// succeeded indexes met a success policy rule, because syncJob checks backoffLimit first.
import { matchSuccessPolicy, parseIndexesLenient } from '../../kubernetes/index.ts';
import type { Context } from './context.ts';

/** The success policy rule the succeeded indexes meet (matchSuccessPolicy), had backoffLimit not come first. */
export function successPolicyWouldHaveMatched(ctx: Context): number | null {
  const { facts } = ctx;
  if (!facts.indexed || !facts.successPolicyRules || facts.completions === null) return null;
  const succeeded = parseIndexesLenient(facts.status.completedIndexes ?? '', facts.completions);
  return matchSuccessPolicy(facts.successPolicyRules, facts.completions, succeeded)?.rule ?? null;
}
