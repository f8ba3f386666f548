// Progress of spec.successPolicy, rule by rule, so a user sees how far each is: the port's
// successRuleOutcomes (matchSuccessPolicy, pkg/controller/job/success_policy.go, 1.36), plus
// whether the controller would act on it now, given what it evaluates first.
import { countIndexes, int, obj, objects, str, successRuleOutcomes } from '../../kubernetes/index.ts';
import type { SuccessPolicy, SuccessRuleProgress } from '../../schemas/generated/index-status-output.ts';
import type { RawJob } from '../../kubernetes/index.ts';
import type { IntervalSet } from '../../kubernetes/index.ts';

/** Whether the controller would, or did, end the Job for a reason evaluated before the success policy. */
export interface SuccessPolicyContext {
  /** The Job carries Complete, Failed, SuccessCriteriaMet or FailureTarget with status True. */
  readonly finishing: { readonly type: string; readonly reason: string | null; readonly message: string | null } | null;
  /** A failure criterion evaluated before the success policy already holds (backoffLimit, maxFailedIndexes, failed indexes). */
  readonly failing: boolean;
}

const MATCHED_RULE = /^Matched rules at index (\d+)$/;

/** Per-rule progress and whether the policy was met; null for a Job without a success policy. */
export function toSuccessPolicyProgress(
  job: RawJob,
  completions: number,
  succeeded: IntervalSet,
  context: SuccessPolicyContext,
): SuccessPolicy | null {
  const policy = obj(job.spec, 'successPolicy');
  if (policy === undefined) return null;
  const ruleSpecs = objects(policy, 'rules');
  const rules = successRuleOutcomes(ruleSpecs, completions, succeeded).map((outcome): SuccessRuleProgress => {
    const rule = ruleSpecs[outcome.rule];
    const succeededIndexes = str(rule, 'succeededIndexes') ?? null;
    const succeededCount = int(rule, 'succeededCount') ?? null;
    const indexes = outcome.requiredIndexes === null ? null : countIndexes(outcome.requiredIndexes);
    return {
      rule: outcome.rule,
      succeededIndexes,
      succeededCount,
      indexes,
      succeeded: outcome.succeeded,
      required:
        indexes === null
          ? (succeededCount ?? 0)
          : succeededCount !== null
            ? Math.min(succeededCount, indexes)
            : indexes,
      satisfied: outcome.matched,
    };
  });
  const firstSatisfied = rules.find((r) => r.satisfied)?.rule ?? null;
  const finishing = context.finishing;
  if (
    finishing !== null &&
    finishing.reason === 'SuccessPolicy' &&
    (finishing.type === 'SuccessCriteriaMet' || finishing.type === 'Complete')
  ) {
    const fromMessage = MATCHED_RULE.exec(finishing.message ?? '')?.[1];
    return { met: true, rule: fromMessage !== undefined ? Number(fromMessage) : firstSatisfied, recorded: true, rules };
  }
  // Finished for another reason, or about to fail: the controller evaluates failures first.
  if (finishing !== null || context.failing || firstSatisfied === null)
    return { met: false, rule: null, recorded: false, rules };
  return { met: true, rule: firstSatisfied, recorded: false, rules };
}
