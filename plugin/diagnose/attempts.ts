// Every pod of the Job as one attempt: how it ended, and whether the controller counted its
// failure (trackJobStatusAndRemoveFinalizers in job_controller.go decides that).
import type { Attempt } from '../../schemas/generated/diagnose-output.ts';
import type { RawPod } from '../../kubernetes/index.ts';
import type { EventIndex } from './events.ts';
import { trueCondition, type JobFacts } from './job-facts.ts';
import {
  completionIndexOf,
  containerRestartsOf,
  deletionTimeOf,
  finishedTimeOf,
  hasIndexFailureCountAnnotation,
  indexFailureCountOf,
  isPodActive,
  isPodFailed,
  isPodTerminating,
  matchPodFailurePolicy,
  type PolicyMatch,
} from '../../kubernetes/index.ts';
import { disruptionOf, lastTerminationOf, outcomeOf, startedTime, type Outcome } from './pod-outcome.ts';
import { secondsBetween, toMillis, toRfc3339 } from '../../kubernetes/index.ts';

/** A pod still terminating this long after its deletionTimestamp (the end of its grace period) is stuck. */
export const STUCK_TERMINATING_SECONDS = 10;
/** Condition times have second precision; a deletion in the same second as a decision belongs to it. */
const SAME_SECOND_MS = 1000;

export interface PodAnalysis {
  raw: RawPod;
  name: string;
  index: number | null;
  createdMs: number;
  /** getFinishedTime, for finished pods. */
  finishedMs: number | undefined;
  outcome: Outcome;
  active: boolean;
  terminating: boolean;
  /** Seconds past its deletionTimestamp while still terminating (0 when not yet overdue). */
  overdueSeconds: number;
  failed: boolean;
  /** isPodFailed itself (what the backoff grows with), without the "failed with the Job" rule. */
  podFailed: boolean;
  counted: boolean | null;
  match: PolicyMatch | null;
  /** Deleted by the Job controller because the Job failed (it counts as a failure). */
  stoppedByJobFailure: boolean;
  /** Deleted by the Job controller after the Job met its success criteria (never counted). */
  stoppedAfterSuccess: boolean;
  attempt: AttemptData;
  /** What else matters about the attempt; wording/attempt-note-words.ts says it as the attempt's note. */
  notes: AttemptNote[];
}

/** An attempt of the output without its note, which the wording adds. */
export type AttemptData = Omit<Attempt, 'note'>;

export type AttemptNote =
  | { code: 'ignored'; rule: number }
  | { code: 'stopped-by-job-failure'; killed: boolean }
  | { code: 'stopped-after-success' }
  | { code: 'removed-uncounted' }
  | { code: 'deleted-while-running' }
  | { code: 'stuck-terminating'; overdueSeconds: number; node: string | null }
  | { code: 'restarted'; restarts: number; last: Attempt['lastTermination'] }
  | { code: 'pod-deadline' }
  | { code: 'index-outside-completions' }
  | { code: 'possible-memory-kill' }
  | { code: 'sigterm' };

export interface Decisions {
  /** When the controller decided the Job failed (FailureTarget, else Failed). */
  failedAt: number | undefined;
  /** When it decided the Job succeeded (SuccessCriteriaMet, else Complete). */
  succeededAt: number | undefined;
}

export function decisionsOf(facts: JobFacts): Decisions {
  const time = (type: string) => toMillis(trueCondition(facts, type)?.lastTransitionTime);
  return {
    failedAt: time('FailureTarget') ?? time('Failed'),
    succeededAt: time('SuccessCriteriaMet') ?? time('Complete'),
  };
}

export function analyzePods(
  pods: readonly RawPod[],
  facts: JobFacts,
  events: EventIndex,
  decisions: Decisions,
  now: number,
): PodAnalysis[] {
  return pods.map((pod) => analyzePod(pod, facts, events, decisions, now));
}

function analyzePod(pod: RawPod, facts: JobFacts, events: EventIndex, decisions: Decisions, now: number): PodAnalysis {
  const name = pod.metadata.name ?? '';
  const phase = pod.status?.phase ?? null;
  const index = completionIndexOf(pod);
  const terminating = isPodTerminating(pod);
  const deletionRequested = deletionTimeOf(pod);
  const deletedByController = events.deletedPods.has(name);
  const podFailed = isPodFailed(pod, { spec: facts.spec });
  const decidedBefore = (decision: number | undefined) =>
    decision !== undefined && deletionRequested !== undefined && deletionRequested >= decision - SAME_SECOND_MS;
  const stoppedAfterSuccess =
    phase !== 'Succeeded' && decisions.failedAt === undefined && decidedBefore(decisions.succeededAt);
  // When the Job is decided failed, every pod that has not succeeded counts as failed.
  const failedWithJob = decisions.failedAt !== undefined && phase !== 'Succeeded';
  const failed = podFailed || failedWithJob;
  const stoppedByJobFailure = failedWithJob && decidedBefore(decisions.failedAt);
  // Pods deleted for suspension or scale-down lose their finalizer first: never counted.
  const removedUncounted =
    deletedByController && !stoppedByJobFailure && !stoppedAfterSuccess && decisions.failedAt === undefined;
  // Indexed Jobs count only pods with a valid index below completions.
  const countable = !facts.indexed || (index !== null && facts.completions !== null && index < facts.completions);
  const match = failed && facts.podFailurePolicyRules ? matchPodFailurePolicy(facts.podFailurePolicyRules, pod) : null;
  const counted = !failed
    ? null
    : stoppedAfterSuccess || removedUncounted || !countable
      ? false
      : match
        ? match.countFailed
        : true;
  const outcome = outcomeOf(pod);
  const finishedMs = podFailed || phase === 'Succeeded' || phase === 'Failed' ? finishedTimeOf(pod) : undefined;
  const deletion = toMillis(pod.metadata.deletionTimestamp);
  const overdueSeconds = terminating && deletion !== undefined ? Math.max(0, secondsBetween(deletion, now)) : 0;
  const restarts = containerRestartsOf(pod);
  const lastTermination = lastTerminationOf(pod);
  const disruption = disruptionOf(pod);

  const node = typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : null;
  const notes: AttemptNote[] = [];
  if (match?.action === 'Ignore') notes.push({ code: 'ignored', rule: match.rule });
  if (stoppedByJobFailure) notes.push({ code: 'stopped-by-job-failure', killed: phase === 'Failed' });
  else if (stoppedAfterSuccess) notes.push({ code: 'stopped-after-success' });
  else if (removedUncounted) notes.push({ code: 'removed-uncounted' });
  else if (
    pod.metadata.deletionTimestamp !== undefined &&
    !terminating &&
    phase !== 'Succeeded' &&
    !deletedByController
  )
    notes.push({ code: 'deleted-while-running' });
  if (terminating && overdueSeconds >= STUCK_TERMINATING_SECONDS)
    notes.push({ code: 'stuck-terminating', overdueSeconds, node });
  if (restarts > 0) notes.push({ code: 'restarted', restarts, last: lastTermination });
  if (outcome.reason === 'DeadlineExceeded' && pod.status?.reason === 'DeadlineExceeded')
    notes.push({ code: 'pod-deadline' });
  if (!countable && failed) notes.push({ code: 'index-outside-completions' });
  // 128 + the signal: 137 is SIGKILL, which the kernel's OOM killer sends (a runtime that did not
  // say OOMKilled, or a process inside the container killed by it); 143 is SIGTERM, a stop asked
  // for (deletion, eviction, preemption, the deadline) or a process that sent it to itself.
  // An eviction or preemption already says who sent the signal.
  const exitCode = match?.exitCode ?? outcome.exitCode;
  if (disruption === null && exitCode === 137 && outcome.reason !== 'OOMKilled')
    notes.push({ code: 'possible-memory-kill' });
  else if (disruption === null && exitCode === 143) notes.push({ code: 'sigterm' });

  const attempt: AttemptData = {
    pod: name,
    index,
    phase,
    node,
    createdAt: pod.metadata.creationTimestamp ?? null,
    startedAt: startedTime(pod),
    finishedAt: phase === 'Succeeded' || phase === 'Failed' ? finishedText(pod) : null,
    exitCode: match?.exitCode ?? outcome.exitCode,
    reason: outcome.reason,
    container: match?.container ?? outcome.container,
    message: outcome.message,
    restarts,
    lastTermination,
    disruption,
    deletedAt: pod.metadata.deletionTimestamp ?? null,
    terminating,
    failed,
    counted,
    policyRule: match?.rule ?? null,
    policyAction: match?.action ?? null,
    indexFailureCount: hasIndexFailureCountAnnotation(pod) ? indexFailureCountOf(pod) : null,
  };
  return {
    raw: pod,
    name,
    index,
    createdMs: toMillis(pod.metadata.creationTimestamp) ?? 0,
    finishedMs,
    outcome,
    active: isPodActive(pod),
    terminating,
    overdueSeconds,
    failed,
    podFailed,
    counted,
    match,
    stoppedByJobFailure,
    stoppedAfterSuccess,
    attempt,
    notes,
  };
}

/**
 * The latest container finish as the pod states it (init containers too: an init container may be
 * all that ran), else getFinishedTime.
 */
function finishedText(pod: RawPod): string | null {
  let latest: { ms: number; text: string } | undefined;
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const text = status.state?.terminated?.finishedAt;
    const ms = toMillis(text);
    if (text && ms !== undefined && (!latest || ms > latest.ms)) latest = { ms, text };
  }
  if (latest) return latest.text;
  const fallback = finishedTimeOf(pod);
  return fallback === undefined ? null : toRfc3339(fallback);
}
