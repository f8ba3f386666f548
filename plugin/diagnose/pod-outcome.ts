// How a pod ended or why it waits, read from the kubelet's container statuses: the container and
// exit code a user should look at, the pod's disruption, its previous run. These are facts the
// kubelet writes, worded for diagnose; what the Job controller makes of a pod is in the
// kubernetes/ port (isPodFailed, getFinishedTime, matchPodFailurePolicy, ...).
import type { RawContainerStatus, RawPod } from '../../kubernetes/index.ts';
import { toMillis } from '../../kubernetes/index.ts';
import { TRANSIENT_WAITING_REASONS } from './waiting-reasons.ts';

/** When the pod started: its earliest container start, else status.startTime. */
export function startedTime(pod: RawPod): string | null {
  let earliest: { ms: number; text: string } | undefined;
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    for (const text of [
      status.state?.running?.startedAt,
      status.state?.terminated?.startedAt,
      status.lastState?.terminated?.startedAt,
    ]) {
      const ms = toMillis(text);
      if (ms !== undefined && text && (!earliest || ms < earliest.ms)) earliest = { ms, text };
    }
  }
  return earliest?.text ?? pod.status?.startTime ?? null;
}

export interface Outcome {
  container: string | null;
  initContainer: boolean;
  exitCode: number | null;
  reason: string | null;
  message: string | null;
}

/**
 * The container that tells how the pod ended or why it waits: a non-zero exit (regular containers
 * before init containers, as the controller matches exit codes), an OOM kill even with exit code 0
 * (kubernetes/kubernetes#131530), a first terminated container, a telling waiting reason, the
 * scheduler's verdict for an unscheduled pod. The pod's own status.reason (Evicted,
 * DeadlineExceeded, ...) wins over the container's generic "Error".
 */
export function outcomeOf(pod: RawPod): Outcome {
  const regular = pod.status?.containerStatuses ?? [];
  const init = pod.status?.initContainerStatuses ?? [];
  const terminatedWith = (list: readonly RawContainerStatus[], test: (s: RawContainerStatus) => boolean) =>
    list.find((s) => s.state?.terminated !== undefined && test(s));
  const nonZero = (s: RawContainerStatus) => (s.state!.terminated!.exitCode ?? 0) !== 0;
  const oom = (s: RawContainerStatus) => s.state!.terminated!.reason === 'OOMKilled';
  const chosen =
    terminatedWith(regular, nonZero) ??
    terminatedWith(init, nonZero) ??
    terminatedWith(regular, oom) ??
    (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
      ? terminatedWith(regular, () => true)
      : undefined);
  const podReason = pod.status?.reason ?? null;
  const podMessage = pod.status?.message ?? null;
  if (chosen) {
    const terminated = chosen.state!.terminated!;
    const isInit = !regular.includes(chosen);
    return {
      container: chosen.name,
      initContainer: isInit,
      exitCode: terminated.exitCode ?? null,
      reason:
        podReason && pod.status?.phase === 'Failed' && terminated.reason !== 'OOMKilled'
          ? podReason
          : (terminated.reason ?? null),
      message: nonEmpty(terminated.message) ?? (pod.status?.phase === 'Failed' ? nonEmpty(podMessage) : null),
    };
  }
  const waiting = [...init, ...regular].find(
    (s) => s.state?.waiting?.reason && !TRANSIENT_WAITING_REASONS.has(s.state.waiting.reason),
  );
  if (waiting) {
    return {
      container: waiting.name,
      initContainer: init.includes(waiting),
      exitCode: null,
      reason: waiting.state!.waiting!.reason ?? null,
      message: nonEmpty(waiting.state!.waiting!.message),
    };
  }
  if (podReason)
    return { container: null, initContainer: false, exitCode: null, reason: podReason, message: nonEmpty(podMessage) };
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') {
    return {
      container: null,
      initContainer: false,
      exitCode: null,
      reason: scheduled.reason ?? 'Unschedulable',
      message: nonEmpty(scheduled.message),
    };
  }
  const running = regular.find((s) => s.state?.running);
  const first = running ?? regular[0];
  const waitingReason = first?.state?.waiting?.reason;
  return {
    container: first?.name ?? null,
    initContainer: false,
    exitCode: null,
    reason: waitingReason ?? null,
    message: null,
  };
}

/** The pod's DisruptionTarget=True condition (PodDisruptionConditions, GA 1.31). */
export function disruptionOf(pod: RawPod): { reason: string | null; message: string | null } | null {
  const condition = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
  return condition ? { reason: condition.reason ?? null, message: condition.message ?? null } : null;
}

/** The previous run of the first restarted container (restartPolicy OnFailure). */
export function lastTerminationOf(
  pod: RawPod,
): { container: string; exitCode: number | null; reason: string | null; finishedAt: string | null } | null {
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const last = status.lastState?.terminated;
    if ((status.restartCount ?? 0) > 0 && last) {
      return {
        container: status.name,
        exitCode: last.exitCode ?? null,
        reason: last.reason ?? null,
        finishedAt: last.finishedAt ?? null,
      };
    }
  }
  return null;
}

function nonEmpty(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}
