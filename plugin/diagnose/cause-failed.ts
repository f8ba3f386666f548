// A Job that failed (Failed) or that the controller has decided failed and that waits for its
// pods to terminate (Failing), by the condition's reason: backoffLimit (counted failures, or
// container restarts under restartPolicy OnFailure: pastBackoffLimitOnFailure), the deadline
// (pastActiveDeadline), the pod failure policy, or failed indexes (backoffLimitPerIndex).
import { contains, parseIndexesLenient, restartsFailingJob, secondsBetween } from '../../kubernetes/index.ts';
import type { Cause, DecisiveMatch } from './cause-types.ts';
import type { Context } from './context.ts';
import { decisiveFailIndex, decisiveFailJob } from './decisive-match.ts';
import {
  conditionEvidence,
  eventEvidence,
  groupEvidence,
  onJob,
  policyEvidence,
  terminatingEvidence,
} from './evidence.ts';
import type { EvidenceFact } from './evidence-facts.ts';
import { failureGroups, podCount, type FailureGroup } from './failure-groups.ts';
import { failedByRestarts } from './retries.ts';
import { successPolicyWouldHaveMatched } from './success-policy-race.ts';
import type { DecisiveFact, FailedWhy } from './verdict-facts.ts';
import { failuresOf, ignoredOf, waitingOf } from './verdict-parts.ts';

export function failedCause(
  ctx: Context,
  state: 'Failed' | 'Failing',
  reason: string | null,
  message: string,
  groups: FailureGroup[],
): Cause {
  const evidence = conditionEvidence(ctx, state === 'Failed' ? ['FailureTarget', 'Failed'] : ['FailureTarget']);
  let decisive: DecisiveMatch | null = null;
  let why: FailedWhy;
  switch (reason) {
    case 'BackoffLimitExceeded':
      why = backoffLimitExceeded(ctx, groups, evidence);
      break;
    case 'DeadlineExceeded':
      why = deadlineExceeded(ctx, evidence);
      break;
    case 'PodFailurePolicy':
      decisive = decisiveFailJob(ctx, message);
      if (decisive) {
        why = { code: 'pod-failure-policy', decisive: decisiveFact(ctx, decisive) };
        evidence.push({
          code: 'decisive-match',
          kind: 'policy',
          rule: decisive.matchedRule,
          action: decisive.action,
          ruleSpec: ctx.facts.podFailurePolicyRules?.[decisive.matchedRule] ?? null,
          pod: decisive.pod,
          container: decisive.container,
          exitCode: decisive.exitCode,
          condition: decisive.condition,
          object: `pod/${decisive.pod}`,
          at: null,
        });
      } else {
        why = { code: 'pod-failure-policy-unread', message };
      }
      break;
    case 'MaxFailedIndexesExceeded':
    case 'FailedIndexes':
      decisive = decisiveFailIndex(ctx);
      why = failedIndexes(ctx, reason, evidence);
      break;
    default:
      why = { code: 'condition-message', message };
  }
  for (const pod of ctx.pods.filter((p) => p.failed && p.match?.action === 'Ignore'))
    evidence.push(policyEvidence(ctx, pod));
  if (state === 'Failing') evidence.push(...terminatingEvidence(ctx));
  return {
    state,
    reason,
    verdict: { code: 'failed', state, why, waiting: state === 'Failing' ? waitingOf(ctx) : null },
    evidence,
    decisive,
    groups,
    successPolicyRace: reason === 'BackoffLimitExceeded' ? successPolicyWouldHaveMatched(ctx) : null,
  };
}

function backoffLimitExceeded(ctx: Context, groups: FailureGroup[], evidence: EvidenceFact[]): FailedWhy {
  const { facts } = ctx;
  const counted = facts.status.failed;
  if (failedByRestarts(facts, ctx.pods, ctx.missing, ctx.decisions)) {
    // pastBackoffLimitOnFailure: the restarts of active pods reached the limit.
    const present = ctx.pods.filter((p) => p.attempt.restarts > 0);
    const gone = ctx.missing.filter((m) => m.restarts > 0);
    const restarts = ctx.retries.restartsCounted ?? 0;
    const last = present.map((p) => p.attempt.lastTermination).find((t) => t !== null);
    const container =
      last?.container ??
      (gone.length > 0 ? /failed container (\S+)/.exec(gone[0]!.lastEvent?.message ?? '')?.[1] : undefined);
    for (const m of gone) {
      const backOff = ctx.events.byPod
        .get(m.pod)
        ?.filter((e) => e.reason === 'BackOff')
        .at(-1);
      if (backOff) evidence.push(eventEvidence(backOff, `pod/${m.pod}`));
    }
    evidence.push({
      code: 'restarts-counted',
      kind: 'status',
      backoffLimit: facts.backoffLimit,
      limit: restartsFailingJob(facts.backoffLimit),
      restarts,
      ...onJob(ctx),
    });
    return {
      code: 'restarts-reached-backoff-limit',
      backoffLimit: facts.backoffLimit,
      container: container ?? null,
      restarts,
      last: last ? { exitCode: last.exitCode, reason: last.reason } : null,
    };
  }
  evidence.push({
    code: 'backoff-limit-exceeded',
    kind: 'status',
    failed: counted,
    backoffLimit: facts.backoffLimit,
    ...onJob(ctx),
  });
  for (const group of groups) evidence.push(groupEvidence(group));
  const present = podCount(groups);
  const race = successPolicyWouldHaveMatched(ctx);
  if (race !== null) {
    evidence.push({
      code: 'success-policy-race',
      kind: 'status',
      completedIndexes: facts.status.completedIndexes ?? '',
      rule: race,
      ...onJob(ctx),
    });
  }
  return {
    code: 'backoff-limit-exceeded',
    backoffLimit: facts.backoffLimit,
    counted,
    failures: failuresOf(groups, present),
    leftNoPod: Math.max(0, counted - present),
    ignored:
      ctx.retries.ignored > 0 ? ignoredOf(ctx.pods.filter((p) => p.failed && p.match?.action === 'Ignore')) : null,
    race:
      race === null
        ? null
        : { rule: race, succeeded: facts.status.succeeded, completedIndexes: facts.status.completedIndexes ?? '' },
  };
}

function deadlineExceeded(ctx: Context, evidence: EvidenceFact[]): FailedWhy {
  const { facts } = ctx;
  const start = facts.status.startTime;
  const decided = ctx.decisions.failedAt;
  const ranSeconds = start !== null && decided !== undefined ? secondsBetween(start, decided) : null;
  evidence.push({
    code: 'deadline-from-start',
    kind: 'status',
    activeDeadlineSeconds: facts.activeDeadlineSeconds,
    startTime: facts.status.startTimeText,
    ranSeconds,
    ...onJob(ctx, facts.status.startTimeText),
  });
  const killed =
    ctx.pods.filter((p) => p.stoppedByJobFailure).length +
    ctx.missing.filter(
      (m) => m.deletedBy === 'job-controller' && decided !== undefined && (m.deletedAtMs ?? 0) >= decided - 1000,
    ).length;
  return {
    code: 'deadline-exceeded',
    activeDeadlineSeconds: facts.activeDeadlineSeconds,
    ranSeconds,
    succeeded: facts.status.succeeded,
    completions: facts.completions,
    killed,
    neverStarted: ctx.pods.filter((p) => p.attempt.phase === 'Pending' && !p.attempt.startedAt).length,
  };
}

function failedIndexes(
  ctx: Context,
  reason: 'FailedIndexes' | 'MaxFailedIndexesExceeded',
  evidence: EvidenceFact[],
): FailedWhy {
  const { facts } = ctx;
  const failedText = facts.status.failedIndexes ?? '';
  const count = ctx.retries.perIndex?.failedIndexCount ?? 0;
  const failedSet = parseIndexesLenient(failedText, facts.completions ?? 0);
  const failedGroups = failureGroups(
    ctx.pods,
    (p) => p.counted === true && p.index !== null && contains(failedSet, p.index),
  );
  if (reason === 'MaxFailedIndexesExceeded') {
    evidence.push({
      code: 'max-failed-indexes-exceeded',
      kind: 'status',
      failedIndexes: failedText,
      count,
      maxFailedIndexes: facts.maxFailedIndexes,
      ...onJob(ctx),
    });
  } else {
    evidence.push({
      code: 'failed-indexes',
      kind: 'status',
      failedIndexes: failedText,
      completedIndexes: facts.status.completedIndexes ?? '',
      ...onJob(ctx),
    });
  }
  for (const group of failedGroups) evidence.push(groupEvidence(group));
  const one = failedGroups.length === 1 ? failedGroups[0]! : undefined;
  return {
    code: 'failed-indexes',
    reason,
    count,
    failedIndexes: failedText,
    maxFailedIndexes: facts.maxFailedIndexes,
    backoffLimitPerIndex: facts.backoffLimitPerIndex ?? 0,
    failIndexRule: failIndexRuleOf(ctx, failedSet, count),
    alike: one ? failuresOf([one]).groups[0]! : null,
    succeeded: facts.status.succeeded,
    completedIndexes: facts.status.completedIndexes ?? '',
  };
}

/**
 * The FailIndex rule that failed every failed index (the controller then fails the index at the
 * first match, whatever backoffLimitPerIndex leaves: pkg/controller/job getNewFailedIndexes), or
 * null when any failed index got there by spending its attempts.
 */
function failIndexRuleOf(
  ctx: Context,
  failedSet: ReturnType<typeof parseIndexesLenient>,
  count: number,
): number | null {
  const byRule = ctx.pods.filter(
    (p) => p.match?.action === 'FailIndex' && p.index !== null && contains(failedSet, p.index),
  );
  const indexes = new Set(byRule.map((p) => p.index));
  const rules = new Set(byRule.map((p) => p.match!.rule));
  return indexes.size > 0 && indexes.size === count && rules.size === 1 ? byRule[0]!.match!.rule : null;
}

/** The decisive match with what its pod shows: an init container, the pod's reason, the disruption. */
function decisiveFact(ctx: Context, decisive: DecisiveMatch): DecisiveFact {
  const pod = ctx.pods.find((p) => p.name === decisive.pod);
  return {
    rule: decisive.matchedRule,
    action: decisive.action,
    pod: decisive.pod,
    container: decisive.container,
    exitCode: decisive.exitCode,
    condition: decisive.condition,
    initContainer: pod?.match?.initContainer ?? false,
    podReason: pod?.attempt.reason ?? null,
    disruptionReason: pod?.attempt.disruption?.reason ?? null,
  };
}
