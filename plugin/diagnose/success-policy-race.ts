// success-policy-backoff-race: an Indexed Job failed with BackoffLimitExceeded although its
// succeeded indexes met a success policy rule, because syncJob checks backoffLimit first.
import { parseIndexesLenient } from '../../kubernetes/index.ts';
import type { Context } from './context.ts';
import { hasIndex } from './retries.ts';

/** The success policy rule the succeeded indexes meet (as in matchSuccessPolicy), had backoffLimit not come first. */
export function successPolicyWouldHaveMatched(ctx: Context): number | null {
  const { facts } = ctx;
  if (!facts.indexed || !facts.successPolicyRules || facts.completions === null) return null;
  const succeeded = parseIndexesLenient(facts.status.completedIndexes ?? '', facts.completions);
  const total = succeeded.reduce((n, i) => n + i.last - i.first + 1, 0);
  if (total === 0) return null;
  for (const [index, rule] of facts.successPolicyRules.entries()) {
    const count = typeof rule.succeededCount === 'number' ? rule.succeededCount : undefined;
    if (typeof rule.succeededIndexes === 'string') {
      const wanted = parseIndexesLenient(rule.succeededIndexes, facts.completions);
      if (wanted.length === 0) continue;
      let contains = 0;
      let need = 0;
      for (const w of wanted) {
        need += w.last - w.first + 1;
        for (let i = w.first; i <= w.last; i++) if (hasIndex(succeeded, i)) contains++;
      }
      if (contains === need || (count !== undefined && contains >= count)) return index;
    } else if (count !== undefined && total >= count) {
      return index;
    }
  }
  return null;
}
