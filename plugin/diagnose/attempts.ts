// Every pod of the Job as one attempt: how it ended, and whether the controller counted its
// failure (trackJobStatusAndRemoveFinalizers in job_controller.go decides that).
import type { Attempt } from '../../schemas/generated/diagnose-output.ts';
import type { RawPod } from '../../kubernetes/index.ts';
import type { EventIndex } from './events.ts';
import { trueCondition, type JobFacts } from './job-facts.ts';
import { matchPodFailurePolicy, type PolicyMatch } from '../../kubernetes/index.ts';
import {
  completionIndexOf,
  deletionRequestedAt,
  disruptionOf,
  finishedTime,
  indexFailureCounts,
  isActive,
  isPodFailed,
  isTerminating,
  lastTerminationOf,
  outcomeOf,
  restartsOf,
  startedTime,
  type Outcome,
} from './pod-facts.ts';
import { humanDuration, secondsBetween, toMillis, toRfc3339 } from '../../kubernetes/index.ts';

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
  attempt: Attempt;
}

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
  const terminating = isTerminating(pod);
  const deletionRequested = deletionRequestedAt(pod);
  const deletedByController = events.deletedPods.has(name);
  const podFailed = isPodFailed(pod, facts);
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
  const finishedMs = podFailed || phase === 'Succeeded' || phase === 'Failed' ? finishedTime(pod) : undefined;
  const deletion = toMillis(pod.metadata.deletionTimestamp);
  const overdueSeconds = terminating && deletion !== undefined ? Math.max(0, secondsBetween(deletion, now)) : 0;
  const restarts = restartsOf(pod);
  const lastTermination = lastTerminationOf(pod);
  const disruption = disruptionOf(pod);
  const failureCounts = indexFailureCounts(pod);

  const notes: string[] = [];
  if (match?.action === 'Ignore') notes.push(`ignored by pod failure policy rule ${match.rule}: not counted`);
  if (stoppedByJobFailure)
    notes.push(
      `${phase === 'Failed' ? 'killed' : 'deleted'} by the Job controller when the Job failed; counted as failed`,
    );
  else if (stoppedAfterSuccess)
    notes.push('stopped by the Job controller once the Job met its success criteria; not counted');
  else if (removedUncounted) notes.push('deleted by the Job controller (suspension or scale-down); not counted');
  else if (
    pod.metadata.deletionTimestamp !== undefined &&
    !terminating &&
    phase !== 'Succeeded' &&
    !deletedByController
  )
    notes.push('deleted while running');
  if (terminating && overdueSeconds >= STUCK_TERMINATING_SECONDS) {
    notes.push(
      `stuck terminating: ${humanDuration(overdueSeconds)} past its grace period${typeof pod.spec?.nodeName === 'string' && pod.spec.nodeName !== '' ? ` on node ${pod.spec.nodeName}` : ''}`,
    );
  }
  if (restarts > 0) {
    notes.push(
      `restarted ${restarts}× in place${lastTermination ? ` (last run: exit ${lastTermination.exitCode ?? '?'}${lastTermination.reason ? ` ${lastTermination.reason}` : ''})` : ''}`,
    );
  }
  if (outcome.reason === 'DeadlineExceeded' && pod.status?.reason === 'DeadlineExceeded') {
    notes.push(
      "the pod's own activeDeadlineSeconds (spec.template.spec.activeDeadlineSeconds) ended it, not the Job's",
    );
  }
  if (!countable && failed) notes.push('index outside completions: not counted');

  const attempt: Attempt = {
    pod: name,
    index,
    phase,
    node: typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : null,
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
    indexFailureCount: failureCounts.present ? failureCounts.counted : null,
    note: notes.length > 0 ? notes.join('; ') : null,
  };
  return {
    raw: pod,
    name,
    index,
    createdMs: toMillis(pod.metadata.creationTimestamp) ?? 0,
    finishedMs,
    outcome,
    active: isActive(pod),
    terminating,
    overdueSeconds,
    failed,
    podFailed,
    counted,
    match,
    stoppedByJobFailure,
    stoppedAfterSuccess,
    attempt,
  };
}

/** The latest container finish as the pod states it (init containers too: an init container may be all that ran), else getFinishedTime. */
function finishedText(pod: RawPod): string | null {
  let latest: { ms: number; text: string } | undefined;
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const text = status.state?.terminated?.finishedAt;
    const ms = toMillis(text);
    if (text && ms !== undefined && (!latest || ms > latest.ms)) latest = { ms, text };
  }
  if (latest) return latest.text;
  const fallback = finishedTime(pod);
  return fallback === undefined ? null : toRfc3339(fallback);
}
