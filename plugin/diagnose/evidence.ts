// The evidence items that several causes share: the Job's conditions, Events, how attempts
// failed, pod failure policy matches, what blocks a Job, pods still terminating. Data only.
import type { PodAnalysis } from './attempts.ts';
import type { Blocker } from './blockers.ts';
import type { Context } from './context.ts';
import type { EvidenceFact } from './evidence-facts.ts';
import type { EventView } from './events.ts';
import type { FailureGroup } from './failure-groups.ts';

/** Evidence about the Job itself. */
export const onJob = (ctx: Context, at: string | null = null) => ({ object: `job/${ctx.facts.name}`, at });

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The True conditions of those types; FailureTarget → Failed and SuccessCriteriaMet → Complete
 * carry the same reason and message, and read as one.
 */
export function conditionEvidence(ctx: Context, types: string[]): EvidenceFact[] {
  const conditions = ctx.facts.conditions.filter((c) => types.includes(text(c.type)) && c.status === 'True');
  const out: EvidenceFact[] = [];
  for (const [i, c] of conditions.entries()) {
    const previous = conditions[i - 1];
    const last = out.at(-1);
    if (previous && last?.code === 'condition' && previous.reason === c.reason && previous.message === c.message) {
      out[out.length - 1] = {
        ...last,
        types: [text(previous.type), text(c.type)],
        at: c.lastTransitionTime ?? last.at,
      };
      continue;
    }
    out.push({
      code: 'condition',
      kind: 'condition',
      types: [text(c.type)],
      reason: text(c.reason),
      message: text(c.message),
      ...onJob(ctx, c.lastTransitionTime ?? null),
    });
  }
  return out;
}

export function eventEvidence(event: EventView, object: string): EvidenceFact {
  return {
    code: 'event',
    kind: 'event',
    type: event.type,
    reason: event.reason,
    count: event.count,
    message: event.message,
    object,
    at: event.at,
  };
}

export function groupEvidence(group: FailureGroup): EvidenceFact {
  const { pods, ...how } = group;
  const first = pods[0]!;
  return {
    code: 'failure-group',
    kind: 'pod',
    how,
    pods: pods.map((p) => p.name),
    message: first.attempt.message,
    object: `pod/${first.name}`,
    at: first.attempt.finishedAt,
  };
}

/** A failed pod a pod failure policy rule matched, and what the rule did with it. */
export function policyEvidence(ctx: Context, pod: PodAnalysis): EvidenceFact {
  const match = pod.match!;
  return {
    code: 'policy-match',
    kind: 'policy',
    rule: match.rule,
    action: match.action,
    ruleSpec: ctx.facts.podFailurePolicyRules?.[match.rule] ?? null,
    pod: pod.name,
    container: match.container,
    exitCode: match.exitCode,
    condition: match.condition,
    disruptionReason: pod.attempt.disruption?.reason ?? null,
    object: `pod/${pod.name}`,
    at: pod.attempt.finishedAt,
  };
}

export function blockerEvidence(ctx: Context, blocker: Blocker): EvidenceFact[] {
  const { facts } = ctx;
  const out: EvidenceFact[] = [];
  if (blocker.event) {
    const object = blocker.event.kind === 'Job' ? `job/${facts.name}` : `pod/${blocker.event.name ?? ''}`;
    out.push(eventEvidence(blocker.event, object));
  }
  if (blocker.reason === 'ParallelismZero') out.push({ code: 'parallelism-zero', kind: 'spec', ...onJob(ctx) });
  if (blocker.reason === 'PodCreationFailing') {
    out.push({
      code: 'pod-creations-refused',
      kind: 'status',
      refused: ctx.events.job.filter((e) => e.reason === 'FailedCreate').reduce((n, e) => n + e.count, 0),
      active: facts.status.active,
      wants: Math.min(facts.parallelism, (facts.completions ?? facts.parallelism) - facts.status.succeeded),
      ...onJob(ctx),
    });
  }
  for (const pod of blocker.pods.slice(0, 3)) {
    if (blocker.reason === 'PodsStuckTerminating') {
      const finalizers = pod.raw.metadata.finalizers;
      out.push({
        code: 'pod-stuck-terminating',
        kind: 'pod',
        pod: pod.name,
        deletedAt: pod.attempt.deletedAt,
        overdueSeconds: pod.overdueSeconds,
        phase: pod.attempt.phase,
        node: pod.attempt.node,
        finalizers: Array.isArray(finalizers) ? finalizers.filter((f) => typeof f === 'string') : [],
        object: `pod/${pod.name}`,
        at: pod.attempt.deletedAt,
      });
    } else if (blocker.reason !== 'ParallelismZero' && blocker.reason !== 'PodCreationFailing') {
      out.push({
        code: 'pod-waiting',
        kind: 'pod',
        pod: pod.name,
        phase: pod.attempt.phase,
        reason: pod.attempt.reason,
        message: pod.attempt.message,
        eventMessage: blocker.event?.message ?? null,
        object: `pod/${pod.name}`,
        at: pod.attempt.createdAt,
      });
    }
  }
  return out;
}

/** The first pods still terminating, which the terminal condition waits for. */
export function terminatingEvidence(ctx: Context): EvidenceFact[] {
  return ctx.pods
    .filter((p) => p.terminating)
    .slice(0, 3)
    .map((pod) => ({
      code: 'pod-terminating',
      kind: 'pod',
      pod: pod.name,
      deletedAt: pod.attempt.deletedAt,
      overdueSeconds: pod.overdueSeconds,
      node: pod.attempt.node,
      object: `pod/${pod.name}`,
      at: pod.attempt.deletedAt,
    }));
}
