// Progress of spec.successPolicy, evaluated as the Job controller's matchSuccessPolicy does
// (pkg/controller/job/success_policy.go, 1.36), rule by rule, so a user sees how far each is.
import { countIndexes, parseIndexesLenient } from '../../kubernetes/index.ts';
import { int, obj, objects, str } from '../../kubernetes/index.ts';
import type { SuccessPolicy, SuccessRuleProgress } from '../../schemas/generated/index-status-output.ts';
import type { RawJob } from '../../kubernetes/index.ts';
import { intersectionCount, normalize, type IntervalSet } from '../../kubernetes/index.ts';

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
  const total = countIndexes(succeeded);
  const rules = objects(policy, 'rules').map((rule, index): SuccessRuleProgress => {
    const succeededIndexes = str(rule, 'succeededIndexes') ?? null;
    const succeededCount = int(rule, 'succeededCount') ?? null;
    if (succeededIndexes !== null) {
      // Unreadable or empty: the controller skips the rule (len(requiredIndexes) == 0).
      const required = normalize(parseIndexesLenient(succeededIndexes, completions));
      const indexes = countIndexes(required);
      const done = intersectionCount(required, succeeded);
      return {
        rule: index,
        succeededIndexes,
        succeededCount,
        indexes,
        succeeded: done,
        required: succeededCount !== null ? Math.min(succeededCount, indexes) : indexes,
        // matchSucceededIndexesRule: all listed indexes, or at least succeededCount of them.
        satisfied:
          total > 0 && indexes > 0 && (done === indexes || (succeededCount !== null && done >= succeededCount)),
      };
    }
    return {
      rule: index,
      succeededIndexes,
      succeededCount,
      indexes: null,
      succeeded: total,
      required: succeededCount ?? 0,
      // A rule with neither field is rejected by the API server; the controller never matches it.
      satisfied: total > 0 && succeededCount !== null && total >= succeededCount,
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
