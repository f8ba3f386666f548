// Pieces of a verdict that several causes share: progress, ignored failures, how the counted
// failures failed, the pods a decided Job waits for. Data only.
import type { PodAnalysis } from './attempts.ts';
import type { Context } from './context.ts';
import { podCount, type FailureGroup } from './failure-groups.ts';
import type { FailuresFact, IgnoredFact, ProgressFact, WaitingFact } from './verdict-facts.ts';
import { secondsBetween } from '../../kubernetes/index.ts';

export function progressOf(ctx: Context): ProgressFact {
  const { facts, pods } = ctx;
  const active = pods.filter((p) => p.active);
  const deadline = facts.activeDeadlineSeconds;
  const deadlineRuns =
    deadline !== null &&
    facts.status.startTime !== null &&
    !facts.suspend &&
    ctx.decisions.failedAt === undefined &&
    ctx.decisions.succeededAt === undefined;
  return {
    indexed: facts.indexed,
    completions: facts.completions,
    succeeded: facts.status.succeeded,
    completedIndexes: facts.status.completedIndexes,
    active: active.length,
    ready: active.filter((p) => p.raw.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
      .length,
    terminating: pods.filter((p) => p.terminating).length,
    replacementWaits: facts.onlyReplaceFailedPods ? facts.podReplacementPolicy : null,
    deadlineLeftSeconds: deadlineRuns ? deadline - secondsBetween(facts.status.startTime!, ctx.now) : null,
  };
}

/** The failed pods an Ignore rule matched, as the verdict counts them. */
export function ignoredOf(pods: readonly PodAnalysis[]): IgnoredFact | null {
  if (pods.length === 0) return null;
  return {
    count: pods.length,
    disruptions: pods.every((p) => p.attempt.disruption !== null),
    rules: [...new Set(pods.map((p) => p.match?.rule))].filter((r) => r !== undefined),
  };
}

export function failuresOf(groups: readonly FailureGroup[], total = podCount(groups)): FailuresFact {
  return { groups: groups.map(({ pods, ...how }) => ({ how, pods: pods.length })), total };
}

/** The pods a decided Job waits for before the controller sets its terminal condition. */
export function waitingOf(ctx: Context): WaitingFact {
  const terminating = ctx.pods.filter((p) => p.terminating);
  const worst = terminating.reduce<PodAnalysis | undefined>(
    (a, p) => (!a || p.overdueSeconds > a.overdueSeconds ? p : a),
    undefined,
  );
  return {
    count: Math.max(terminating.length, ctx.facts.status.terminating),
    worst: worst ? { pod: worst.name, overdueSeconds: worst.overdueSeconds } : null,
  };
}
