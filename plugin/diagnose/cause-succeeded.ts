// A Job that succeeded (Complete) or that the controller has decided succeeded and that waits for
// its pods to terminate (Completing): what met the success criteria, and what was retried on the way.
import type { Cause } from './cause-types.ts';
import type { Context } from './context.ts';
import { conditionEvidence, eventEvidence, onJob, policyEvidence, terminatingEvidence } from './evidence.ts';
import type { EvidenceFact } from './evidence-facts.ts';
import { latest } from './events.ts';
import type { FailureGroup } from './failure-groups.ts';
import { trueCondition } from './job-facts.ts';
import type { SuccessFact } from './verdict-facts.ts';
import { ignoredOf, waitingOf } from './verdict-parts.ts';

export function succeeded(
  ctx: Context,
  state: 'Complete' | 'Completing',
  reason: string | null,
  groups: FailureGroup[],
): Cause {
  const { facts, pods } = ctx;
  const evidence: EvidenceFact[] = conditionEvidence(
    ctx,
    state === 'Complete' ? ['SuccessCriteriaMet', 'Complete'] : ['SuccessCriteriaMet'],
  );
  const ignored = pods.filter(
    (p) => p.failed && !p.stoppedAfterSuccess && p.counted === false && p.match?.action === 'Ignore',
  );
  let what: SuccessFact;
  if (reason === 'SuccessPolicy') {
    const message = trueCondition(facts, 'SuccessCriteriaMet')?.message;
    const rule = /Matched rules at index (\d+)/.exec(typeof message === 'string' ? message : '')?.[1] ?? null;
    what = {
      by: 'success-policy',
      rule,
      indexed: facts.indexed,
      succeeded: facts.status.succeeded,
      completedIndexes: facts.status.completedIndexes ?? '',
    };
    const spec = rule === null ? undefined : facts.successPolicyRules?.[Number(rule)];
    if (rule !== null && spec) {
      evidence.push({
        code: 'success-policy-rule',
        kind: 'spec',
        rule,
        succeededIndexes: typeof spec.succeededIndexes === 'string' ? spec.succeededIndexes : null,
        succeededCount: typeof spec.succeededCount === 'number' ? spec.succeededCount : null,
        completedIndexes: facts.status.completedIndexes ?? '',
        ...onJob(ctx),
      });
    }
  } else if (facts.completions === null) {
    what = { by: 'work-queue', succeeded: facts.status.succeeded };
  } else {
    what = { by: 'completions', succeeded: facts.status.succeeded, completions: facts.completions };
  }
  if (state === 'Completing') evidence.push(...terminatingEvidence(ctx));
  for (const pod of ignored) evidence.push(policyEvidence(ctx, pod));
  const tooMany = latest(ctx.events.job, 'TooManySucceededPods');
  if (tooMany) evidence.push(eventEvidence(tooMany, `job/${facts.name}`));
  return {
    state,
    reason,
    verdict: {
      code: 'succeeded',
      state,
      what,
      attempts: pods.length + ctx.missing.length,
      failed: facts.status.failed,
      ignored: ignoredOf(ignored),
      restarts: facts.restartPolicy === 'OnFailure' ? pods.reduce((n, p) => n + p.attempt.restarts, 0) : null,
      waiting: state === 'Completing' ? waitingOf(ctx) : null,
    },
    evidence,
    decisive: null,
    groups,
    successPolicyRace: null,
  };
}
