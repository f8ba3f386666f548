// A Job the controller has not decided: suspended, left to another controller (spec.managedBy),
// blocked (see blockers.ts), waiting out the failure backoff, or running, with what it has spent
// of its retry budget.
import { formatIntervals, secondsBetween, toIntervals, toMillis } from '../../kubernetes/index.ts';
import type { Blocker } from './blockers.ts';
import type { Cause } from './cause-types.ts';
import type { Context } from './context.ts';
import { blockerEvidence, conditionEvidence, groupEvidence, onJob } from './evidence.ts';
import type { EvidenceFact } from './evidence-facts.ts';
import { podCount, type FailureGroup } from './failure-groups.ts';
import type { BlockerFact, RunningFailuresFact, VerdictFact } from './verdict-facts.ts';
import { failuresOf, progressOf } from './verdict-parts.ts';

const undecided = (groups: FailureGroup[]) => ({ decisive: null, groups, successPolicyRace: null });

export function suspended(ctx: Context, groups: FailureGroup[]): Cause {
  const { facts } = ctx;
  const condition = facts.conditions.find((c) => c.type === 'Suspended' && c.status === 'True');
  const since = toMillis(condition?.lastTransitionTime);
  const evidence = conditionEvidence(ctx, ['Suspended']);
  evidence.push({ code: 'suspended', kind: 'spec', ...onJob(ctx) });
  if (facts.activeDeadlineSeconds !== null) {
    evidence.push({
      code: 'deadline-paused',
      kind: 'spec',
      activeDeadlineSeconds: facts.activeDeadlineSeconds,
      ...onJob(ctx),
    });
  }
  if (facts.kueueManaged) {
    evidence.push({
      code: 'kueue-queued',
      kind: 'spec',
      queue: facts.kueueQueue,
      managedBy: facts.managedElsewhereBy,
      ...onJob(ctx),
    });
  }
  return {
    state: 'Suspended',
    reason: 'JobSuspended',
    verdict: {
      code: 'suspended',
      forSeconds: since !== undefined ? secondsBetween(since, ctx.now) : null,
      kueue: facts.kueueManaged ? { queue: facts.kueueQueue } : null,
      terminating: ctx.pods.filter((p) => p.terminating).length,
    },
    evidence,
    ...undecided(groups),
  };
}

export function managedElsewhere(ctx: Context, groups: FailureGroup[]): Cause {
  const { facts } = ctx;
  const by = facts.managedElsewhereBy!;
  const untouched = facts.status.startTime === null && ctx.pods.length === 0 && facts.conditions.length === 0;
  const evidence: EvidenceFact[] = [{ code: 'managed-elsewhere', kind: 'spec', by, ...onJob(ctx) }];
  if (untouched) {
    evidence.push({ code: 'untouched', kind: 'status', ...onJob(ctx) });
    const created = toMillis(facts.createdAt);
    return {
      state: 'Stuck',
      reason: 'ManagedElsewhere',
      verdict: {
        code: 'managed-untouched',
        by,
        ageSeconds: created !== undefined ? secondsBetween(created, ctx.now) : null,
      },
      evidence,
      ...undecided(groups),
    };
  }
  return {
    state: 'Running',
    reason: 'ManagedElsewhere',
    verdict: { code: 'managed-running', by, progress: progressOf(ctx) },
    evidence,
    ...undecided(groups),
  };
}

export function running(ctx: Context, groups: FailureGroup[]): Cause {
  const { facts, pods } = ctx;
  const evidence: EvidenceFact[] = [];
  if (facts.deleting) evidence.push({ code: 'job-deleting', kind: 'status', ...onJob(ctx) });
  const blocker = ctx.blockers[0];
  if (blocker) {
    for (const b of ctx.blockers) evidence.push(...blockerEvidence(ctx, b));
    const stuck = !pods.some((p) => p.active && p.attempt.phase === 'Running');
    return {
      state: stuck ? 'Stuck' : 'Running',
      reason: blocker.reason,
      verdict: { code: 'blocked', stuck, progress: progressOf(ctx), blocker: blockerFact(ctx, blocker) },
      evidence,
      ...undecided(groups),
    };
  }
  evidence.push(...groups.map(groupEvidence));
  const next = ctx.retries.nextRetryInSeconds;
  const failures = runningFailures(ctx, groups);
  let verdict: VerdictFact;
  let reason: string | null;
  if (next !== null && next > 0 && !pods.some((p) => p.active)) {
    reason = 'WaitingForBackoff';
    verdict = {
      code: 'waiting-for-backoff',
      nextSeconds: next,
      failuresSinceLastSuccess: ctx.retries.failuresSinceLastSuccess,
      failures,
      progress: progressOf(ctx),
    };
  } else {
    reason = facts.status.failed > 0 || (ctx.retries.restartsCounted ?? 0) > 0 ? 'Retrying' : null;
    verdict = { code: 'running', progress: progressOf(ctx), failures };
  }
  return { state: 'Running', reason, verdict, evidence, ...undecided(groups) };
}

/** What the running Job has spent: restarts (OnFailure), failed and retried indexes, counted failures. */
function runningFailures(ctx: Context, groups: FailureGroup[]): RunningFailuresFact {
  const { facts, retries } = ctx;
  const last = ctx.pods.map((p) => p.attempt.lastTermination).find((t) => t !== null);
  const retried = retries.perIndex?.indexes.filter((i) => !i.failed && i.counted > 0) ?? [];
  const present = podCount(groups);
  return {
    restarts:
      retries.restartsCounted !== null && retries.restartsCounted > 0
        ? {
            count: retries.restartsCounted,
            backoffLimit: facts.backoffLimit,
            last: last ? { container: last.container, exitCode: last.exitCode, reason: last.reason } : null,
          }
        : null,
    perIndex: retries.perIndex
      ? {
          failedCount: retries.perIndex.failedIndexCount,
          failedIndexes: retries.perIndex.failedIndexes,
          retried: retried.length,
          retriedIndexes: formatIntervals(toIntervals(retried.map((i) => i.index))),
        }
      : null,
    counted:
      !retries.perIndex && facts.status.failed > 0
        ? {
            failed: facts.status.failed,
            backoffLimit: facts.backoffLimit,
            failures: present > 0 ? failuresOf(groups, present) : null,
          }
        : null,
  };
}

function blockerFact(ctx: Context, blocker: Blocker): BlockerFact {
  const { facts } = ctx;
  return {
    reason: blocker.reason,
    pods: blocker.pods.map((p) => p.name),
    message: blocker.message,
    container: blocker.container,
    image: blocker.image,
    podReason: blocker.pods[0]?.attempt.reason ?? null,
    gates: blocker.gates,
    scheduler: blocker.scheduler,
    node: blocker.node,
    ageSeconds: blocker.ageSeconds,
    overdueSeconds:
      blocker.reason === 'PodsStuckTerminating' ? Math.max(...blocker.pods.map((p) => p.overdueSeconds)) : null,
    replacementWaits: facts.onlyReplaceFailedPods ? facts.podReplacementPolicy : null,
    succeeded: facts.status.succeeded,
    completions: facts.completions,
  };
}
