// Suggestions about what a failure leaves behind: pods stuck terminating, restartPolicy OnFailure
// (whose failed pod the controller deletes with its logs), and the evidence the TTL and a
// CronJob's history limit delete.
import { STUCK_TERMINATING_SECONDS } from './attempts.ts';
import type { Cause } from './cause.ts';
import type { Context } from './context.ts';
import { adviceOnly, commands, specChange, type SuggestionList } from './suggestion-facts.ts';

/** Conditions after which the controller no longer creates replacements. */
const DECIDED = new Set(['FailureTarget', 'SuccessCriteriaMet', 'Failed', 'Complete']);

export function stuckTerminatingSuggestions(ctx: Context, out: SuggestionList): void {
  const { facts } = ctx;
  const pod = ctx.pods.find((p) => p.terminating && p.overdueSeconds >= STUCK_TERMINATING_SECONDS)!;
  const node = pod.attempt.node;
  const ns = facts.namespace;
  if (node) {
    out.add({
      code: 'force-delete-stuck-pod',
      pod: pod.name,
      node,
      ...commands(`kubectl get node ${node}`, `kubectl delete pod ${pod.name} -n ${ns} --grace-period=0 --force`),
    });
  } else {
    out.add({
      code: 'check-finalizers',
      pod: pod.name,
      ...commands(`kubectl get pod ${pod.name} -n ${ns} -o jsonpath='{.metadata.finalizers}'`),
    });
  }
  const decided = facts.conditions.some((c) => c.status === 'True' && DECIDED.has(c.type ?? ''));
  if (facts.podReplacementPolicy === 'Failed' && facts.podFailurePolicyRules === null && !decided) {
    out.add({
      code: 'replace-terminating-at-once',
      ...specChange('spec.podReplacementPolicy', { spec: { podReplacementPolicy: 'TerminatingOrFailed' } }, true),
    });
  }
}

export function restartPolicyNeverForDebugging(ctx: Context, out: SuggestionList): void {
  if (ctx.facts.restartPolicy !== 'OnFailure') return;
  out.add({
    code: 'restart-policy-never',
    ...specChange(
      'spec.template.spec.restartPolicy',
      { spec: { template: { spec: { restartPolicy: 'Never' } } } },
      false,
    ),
  });
}

/** A failed Job: keep what tells why (pods, logs, the Job itself) for longer. */
export function afterFailureSuggestions(ctx: Context, cause: Cause, out: SuggestionList): void {
  const { facts } = ctx;
  if (cause.state !== 'Failed' && cause.state !== 'Failing') return;
  const deletedAtFailure = ctx.missing.some((m) => m.deletedBy === 'job-controller');
  if (deletedAtFailure && facts.restartPolicy === 'OnFailure') restartPolicyNeverForDebugging(ctx, out);
  if (deletedAtFailure && facts.restartPolicy !== 'OnFailure') out.add({ code: 'keep-logs', ...adviceOnly });
  const ttl = facts.ttlSecondsAfterFinished;
  if (ttl !== null && ttl < 3600) {
    out.add({
      code: 'keep-failed-jobs-longer',
      seconds: ttl,
      ...specChange('spec.ttlSecondsAfterFinished', { spec: { ttlSecondsAfterFinished: 86400 } }, true),
    });
  }
  if (facts.owner?.kind === 'CronJob') {
    const name = facts.owner.name;
    out.add({
      code: 'keep-more-failed-jobs',
      cronJob: name,
      // The snapshot does not hold the CronJob: read its limit before raising it.
      ...commands(
        `kubectl get cronjob ${name} -n ${facts.namespace} -o jsonpath='{.spec.failedJobsHistoryLimit}'`,
        `kubectl patch cronjob ${name} -n ${facts.namespace} --type=merge -p '{"spec":{"failedJobsHistoryLimit":3}}'`,
      ),
    });
  }
}
