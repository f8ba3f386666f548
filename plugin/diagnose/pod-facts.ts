// Facts about one pod as the Job controller sees them (ports from pkg/controller/job and
// pkg/controller/controller_utils.go), plus the container that tells how the pod ended.
import type { RawContainerStatus, RawPod } from '../../kubernetes/index.ts';
import type { JobFacts } from './job-facts.ts';
import { toMillis } from '../../kubernetes/index.ts';

export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';
export const INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-ignored-failure-count';

/** Waiting reasons that mean the container never gets an image. */
export const IMAGE_PULL_REASONS: ReadonlySet<string> = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RegistryUnavailable',
  'SignatureValidationFailed',
]);
/** Waiting reasons that mean the kubelet cannot create the container from its spec. */
export const CONTAINER_CONFIG_REASONS: ReadonlySet<string> = new Set([
  'CreateContainerConfigError',
  'CreateContainerError',
]);
/** Waiting reasons that only say "not yet". */
const TRANSIENT_WAITING = new Set(['ContainerCreating', 'PodInitializing']);

/** getCompletionIndex (indexed_job_utils.go): the annotation as a non-negative integer. */
export function completionIndexOf(pod: RawPod): number | null {
  const value = pod.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return null;
  const index = Number(value);
  return index >= 0 && Number.isSafeInteger(index) ? index : null;
}

/** parseIndexFailureCountAnnotation / parseIndexFailureIgnoreCountAnnotation: 0 when absent or unreadable. */
export function indexFailureCounts(pod: RawPod): { counted: number; ignored: number; present: boolean } {
  const read = (key: string): number | undefined => {
    const value = pod.metadata.annotations?.[key];
    if (value === undefined || !/^\d+$/.test(value)) return undefined;
    const n = Number(value);
    return n <= 2147483647 ? n : undefined;
  };
  const counted = read(INDEX_FAILURE_COUNT_ANNOTATION);
  return {
    counted: counted ?? 0,
    ignored: read(INDEX_IGNORED_FAILURE_COUNT_ANNOTATION) ?? 0,
    present: counted !== undefined,
  };
}

export function isTerminal(pod: RawPod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** controller.IsPodActive: Pending or Running and not being deleted. */
export function isActive(pod: RawPod): boolean {
  return !isTerminal(pod) && pod.metadata.deletionTimestamp === undefined;
}

/** controller.IsPodTerminating: being deleted and not finished (status.terminating counts these). */
export function isTerminating(pod: RawPod): boolean {
  return !isTerminal(pod) && pod.metadata.deletionTimestamp !== undefined;
}

/**
 * isPodFailed (job_controller.go): phase Failed; or, when the Job replaces terminating pods
 * (podReplacementPolicy TerminatingOrFailed and no pod failure policy), being deleted without
 * having succeeded (orphans that never reach the Failed phase).
 */
export function isPodFailed(pod: RawPod, facts: JobFacts): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (facts.onlyReplaceFailedPods) return false;
  return pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded';
}

/**
 * getFinishedTime (backoff_utils.go): the latest finish of the regular containers (and sidecars)
 * when all have terminated, else the Ready=False transition, else the deletion timestamp minus the
 * grace period, else the creation time.
 */
export function finishedTime(pod: RawPod): number | undefined {
  const fromContainers = latestFinish(pod);
  if (fromContainers !== undefined) return fromContainers;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const readyFalse = ready?.status === 'False' ? toMillis(ready.lastTransitionTime) : undefined;
  if (readyFalse !== undefined) return readyFalse;
  const deletion = deletionRequestedAt(pod);
  if (deletion !== undefined) return deletion;
  return toMillis(pod.metadata.creationTimestamp);
}

function latestFinish(pod: RawPod): number | undefined {
  const sidecars = new Set(
    ((pod.spec?.initContainers as { name?: string; restartPolicy?: string }[] | undefined) ?? [])
      .filter((c) => c.restartPolicy === 'Always')
      .map((c) => c.name),
  );
  const statuses = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []).filter((s) => sidecars.has(s.name)),
  ];
  if (statuses.length === 0) return undefined;
  let latest: number | undefined;
  for (const status of statuses) {
    const finished = toMillis(status.state?.terminated?.finishedAt);
    if (finished === undefined) return undefined;
    if (latest === undefined || finished > latest) latest = finished;
  }
  return latest;
}

/** When the deletion was asked for: deletionTimestamp minus the grace period. */
export function deletionRequestedAt(pod: RawPod): number | undefined {
  const deletion = toMillis(pod.metadata.deletionTimestamp);
  if (deletion === undefined) return undefined;
  const grace =
    typeof pod.metadata.deletionGracePeriodSeconds === 'number' ? pod.metadata.deletionGracePeriodSeconds : 0;
  return deletion - grace * 1000;
}

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
    (s) => s.state?.waiting?.reason && !TRANSIENT_WAITING.has(s.state.waiting.reason),
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

/** Sum of restartCount over init and regular containers (what pastBackoffLimitOnFailure adds up). */
export function restartsOf(pod: RawPod): number {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].reduce(
    (sum, s) => sum + (s.restartCount ?? 0),
    0,
  );
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
