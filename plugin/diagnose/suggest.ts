// What to change, as concrete spec changes (a strategic merge patch of the Job, and whether the
// field can be changed on the existing Job) or commands, by the cause's reason. Most useful first;
// one per field. Data only: wording/suggestion-words.ts says each one.
import { STUCK_TERMINATING_SECONDS } from './attempts.ts';
import type { Cause } from './cause.ts';
import type { Context } from './context.ts';
import { blockerSuggestions } from './suggest-blockers.ts';
import {
  afterFailureSuggestions,
  restartPolicyNeverForDebugging,
  stuckTerminatingSuggestions,
} from './suggest-aftermath.ts';
import { failedIndexesSuggestions, failureSuggestions, oomSuggestions, readLogs } from './suggest-failures.ts';
import { exitCodeRule, withAction } from './policy-rule-patch.ts';
import { adviceOnly, commands, SuggestionList, specChange, type SuggestionFact } from './suggestion-facts.ts';

export function suggest(ctx: Context, cause: Cause): SuggestionFact[] {
  const out = new SuggestionList();
  const { facts } = ctx;
  switch (cause.reason) {
    case 'PodFailurePolicy': {
      const decisive = cause.decisive;
      const pod = decisive ? ctx.pods.find((p) => p.name === decisive.pod) : undefined;
      if (pod) out.add(readLogs(ctx, pod, decisive?.container ?? null));
      oomSuggestions(ctx, cause.groups, out);
      // Count retries only when the Job has retries to give (a budget of 0 fails it just the same).
      const budget = facts.backoffLimitPerIndex ?? facts.backoffLimit;
      const rule = decisive && exitCodeRule(ctx, decisive.matchedRule, 'FailJob');
      if (decisive && decisive.exitCode !== null && rule && budget > 0) {
        out.add({
          code: 'count-instead-of-fail-job',
          rule: decisive.matchedRule,
          exitCode: decisive.exitCode,
          perIndex: facts.backoffLimitPerIndex !== null,
          ...specChange('spec.podFailurePolicy', withAction(ctx, decisive.matchedRule, 'Count'), false),
        });
      }
      break;
    }
    case 'BackoffLimitExceeded':
    case 'Retrying':
    case 'WaitingForBackoff':
      if (
        cause.successPolicyRace !== null &&
        facts.completions !== null &&
        facts.completions - 1 > facts.backoffLimit
      ) {
        // The failures are expected here (the success policy tolerates them): only the order bites.
        const to = facts.completions - 1;
        out.add({
          code: 'raise-backoff-limit-for-success-policy',
          backoffLimit: facts.backoffLimit,
          to,
          rule: cause.successPolicyRace,
          perIndex: facts.backoffLimitPerIndex !== null,
          ...specChange('spec.backoffLimit', { spec: { backoffLimit: to } }, true),
        });
        break;
      }
      failureSuggestions(ctx, cause.groups, out);
      break;
    case 'DeadlineExceeded': {
      const more = moreTime(ctx);
      if (more) out.add(more);
      failureSuggestions(ctx, cause.groups, out);
      break;
    }
    case 'MaxFailedIndexesExceeded':
    case 'FailedIndexes':
      failedIndexesSuggestions(ctx, cause, out);
      break;
    case 'ManagedElsewhere':
      out.add({ code: 'check-external-controller', by: facts.managedElsewhereBy ?? '', ...adviceOnly });
      out.add({
        code: 'recreate-without-managed-by',
        ...specChange('spec.managedBy', { spec: { managedBy: null } }, false),
      });
      break;
    case 'JobSuspended':
      if (facts.kueueManaged) {
        const ns = facts.namespace;
        const queue = facts.kueueQueue;
        out.add({
          code: 'ask-kueue',
          queue,
          ...commands(
            `kubectl get workloads -n ${ns} -o wide`,
            ...(queue ? [`kubectl describe localqueue ${queue} -n ${ns}`] : []),
          ),
        });
      } else if (facts.suspend) {
        out.add({ code: 'resume', ...specChange('spec.suspend', { spec: { suspend: false } }, true) });
      }
      break;
    default:
      blockerSuggestions(ctx, cause, out);
      break;
  }

  if (ctx.pods.some((p) => p.terminating && p.overdueSeconds >= STUCK_TERMINATING_SECONDS))
    stuckTerminatingSuggestions(ctx, out);
  if (cause.state === 'Running' && (ctx.retries.restartsCounted ?? 0) > 0) restartPolicyNeverForDebugging(ctx, out);
  afterFailureSuggestions(ctx, cause, out);
  return out.list;
}

/** DeadlineExceeded: a longer deadline for the next run, from this run's pace; null when the Job allows as much. */
function moreTime(ctx: Context): SuggestionFact | null {
  const { facts } = ctx;
  const seconds = facts.activeDeadlineSeconds;
  if (seconds === null) return null;
  const elapsed =
    facts.status.startTime !== null && ctx.decisions.failedAt !== undefined
      ? (ctx.decisions.failedAt - facts.status.startTime) / 1000
      : seconds;
  const done = facts.status.succeeded;
  const total = facts.completions;
  const to =
    done > 0 && total !== null && total > done
      ? Math.ceil(((elapsed * total) / done) * 1.5)
      : Math.max(seconds * 2, 60);
  if (to <= seconds) return null;
  return {
    code: 'allow-more-time',
    seconds,
    to,
    pace: done > 0 && total !== null ? { done, total, elapsed } : null,
    ...specChange('spec.activeDeadlineSeconds', { spec: { activeDeadlineSeconds: to } }, true),
  };
}
