// The diagnosis proper: which state the Job is in, the reason, the verdict and the evidence
// behind it, as data. The order of the checks follows syncJob (job_controller.go): managedBy,
// finished, the interim FailureTarget / SuccessCriteriaMet, then what blocks a running Job.
export type { Cause, DecisiveMatch, State } from './cause-types.ts';
import { failedCause } from './cause-failed.ts';
import { managedElsewhere, running, suspended } from './cause-running.ts';
import { succeeded } from './cause-succeeded.ts';
import type { Context } from './context.ts';
import type { Cause } from './cause-types.ts';
import { failureGroups } from './failure-groups.ts';
import { trueCondition } from './job-facts.ts';

export function findCause(ctx: Context): Cause {
  const { facts } = ctx;
  const groups = failureGroups(ctx.pods, (p) => p.counted === true);
  const complete = trueCondition(facts, 'Complete');
  const failed = trueCondition(facts, 'Failed');
  const failureTarget = trueCondition(facts, 'FailureTarget');
  const successCriteria = trueCondition(facts, 'SuccessCriteriaMet');
  if (complete) return succeeded(ctx, 'Complete', complete.reason || null, groups);
  if (failed) return failedCause(ctx, 'Failed', failed.reason || null, failed.message ?? '', groups);
  if (failureTarget)
    return failedCause(ctx, 'Failing', failureTarget.reason || null, failureTarget.message ?? '', groups);
  if (successCriteria) return succeeded(ctx, 'Completing', successCriteria.reason || null, groups);
  if (facts.suspend) return suspended(ctx, groups);
  if (facts.managedElsewhereBy !== null) return managedElsewhere(ctx, groups);
  return running(ctx, groups);
}
