// When the Job controller considers a pod finished, for ordering failures and timing the backoff
// (getFinishedTime and its helpers, pkg/controller/job/backoff_utils.go, Kubernetes 1.36).
import type { RawContainerStatus, RawPod } from '../objects.ts';
import { toMillis } from '../timestamps.ts';

/**
 * getFinishedTime, in epoch milliseconds: the latest finish of the containers when all have
 * terminated, else the Ready=False transition, else the deletion timestamp minus the grace
 * period, else the creation time (undefined when the pod has none).
 */
export function finishedTimeOf(pod: RawPod): number | undefined {
  return (
    finishTimeFromContainers(pod) ??
    finishTimeFromPodReadyFalseCondition(pod) ??
    deletionTimeOf(pod) ??
    toMillis(pod.metadata.creationTimestamp)
  );
}

/**
 * getFinishTimeFromContainers: the regular containers, then the sidecars (init containers with
 * restartPolicy Always; SidecarContainers is GA), each list giving up on the first container not
 * terminated. Ported as is: the sidecars' pass starts over from nothing when a regular container
 * had not terminated, so terminated sidecars alone still give a time.
 */
function finishTimeFromContainers(pod: RawPod): number | undefined {
  const regular = latestFinishTime(undefined, pod.status?.containerStatuses ?? [], () => true);
  const sidecars = new Set<unknown>();
  const initContainers = pod.spec?.initContainers;
  if (Array.isArray(initContainers)) {
    for (const container of initContainers as unknown[]) {
      const c = container as { name?: unknown; restartPolicy?: unknown } | null;
      if (c !== null && typeof c === 'object' && c.restartPolicy === 'Always') sidecars.add(c.name);
    }
  }
  return latestFinishTime(regular, pod.status?.initContainerStatuses ?? [], (s) => sidecars.has(s.name));
}

/** latestFinishTime: undefined as soon as a checked container has not terminated (or has no finish time). */
function latestFinishTime(
  previous: number | undefined,
  statuses: readonly RawContainerStatus[],
  check: (status: RawContainerStatus) => boolean,
): number | undefined {
  let finish = previous;
  for (const status of statuses) {
    if (!check(status)) continue;
    const finished = toMillis(status.state?.terminated?.finishedAt);
    if (finished === undefined) return undefined;
    if (finish === undefined || finish < finished) finish = finished;
  }
  return finish;
}

/** getFinishTimeFromPodReadyFalseCondition: when Ready turned False (the kubelet sets it as the pod ends). */
function finishTimeFromPodReadyFalseCondition(pod: RawPod): number | undefined {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  return ready?.status === 'False' ? toMillis(ready.lastTransitionTime) : undefined;
}

/**
 * getFinishTimeFromDeletionTimestamp: when the deletion was asked for, deletionTimestamp minus
 * deletionGracePeriodSeconds (orphans the pod garbage collector deletes end here).
 */
export function deletionTimeOf(pod: RawPod): number | undefined {
  const deletion = toMillis(pod.metadata.deletionTimestamp);
  if (deletion === undefined) return undefined;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  return deletion - (typeof grace === 'number' ? grace : 0) * 1000;
}
