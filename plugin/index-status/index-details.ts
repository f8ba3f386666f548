// Per-index detail for `--index`: the index's state, failure counts and every pod (attempt) still
// present, with the exit code and the reason a user would otherwise dig out of `kubectl get pod -o yaml`.
import type { IndexInterval } from '../../kubernetes/index.ts';
import type { IndexDetail, IndexPod } from '../../schemas/generated/index-status-output.ts';
import type { RawContainerStatus, RawPod } from '../../kubernetes/index.ts';
import { indexStateOf, type IndexStatus } from './index-status.ts';
import {
  hasIndexFailureCountAnnotation,
  indexAbsoluteFailureCountOf,
  isPodTerminating,
} from '../../kubernetes/index.ts';

/** One entry per selected index, in order. */
export function toIndexDetails(status: IndexStatus, selection: readonly IndexInterval[]): IndexDetail[] {
  const failuresByIndex = new Map(status.failures.indexes.map((f) => [f.index, f]));
  const limit = status.backoffLimitPerIndex?.limit ?? null;
  const details: IndexDetail[] = [];
  for (const { first, last } of selection) {
    for (let index = first; index <= last && index < status.completions; index++) {
      const failures = failuresByIndex.get(index);
      const counted = failures?.failures ?? 0;
      details.push({
        index,
        status: indexStateOf(status.sets, index),
        failures: counted,
        ignored: failures?.ignored ?? 0,
        retriesLeft: limit === null ? null : Math.max(0, limit - counted),
        pods: (status.podsByIndex.get(index) ?? []).map(toIndexPod),
      });
    }
  }
  return details;
}

export function toIndexPod(pod: RawPod): IndexPod {
  const containers = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const terminated = containers.filter((c) => c.state?.terminated !== undefined);
  const failedContainer = terminated.find((c) => (c.state?.terminated?.exitCode ?? 0) !== 0);
  const shown: RawContainerStatus | undefined = failedContainer ?? terminated[0];
  const terminating = isPodTerminating(pod);
  return {
    name: pod.metadata.name ?? '',
    phase: pod.status?.phase ?? null,
    terminating,
    attempt: hasIndexFailureCountAnnotation(pod) ? indexAbsoluteFailureCountOf(pod) + 1 : null,
    exitCode: shown?.state?.terminated?.exitCode ?? null,
    reason: reasonOf(pod, terminating, shown, containers),
    node: typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : null,
    createdAt: pod.metadata.creationTimestamp ?? null,
    finishedAt: latest(terminated.map((c) => c.state?.terminated?.finishedAt)),
  };
}

function reasonOf(
  pod: RawPod,
  terminating: boolean,
  shown: RawContainerStatus | undefined,
  containers: readonly RawContainerStatus[],
): string | null {
  if (terminating) return 'Terminating';
  if (pod.status?.reason) return pod.status.reason;
  const terminatedReason = shown?.state?.terminated?.reason;
  if (terminatedReason) return terminatedReason;
  const waiting = containers.find((c) => c.state?.waiting?.reason)?.state?.waiting?.reason;
  if (waiting) return waiting;
  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  return unscheduled?.reason ?? null;
}

/** RFC 3339 times in UTC compare as strings. */
function latest(times: readonly (string | undefined)[]): string | null {
  let best: string | null = null;
  for (const time of times) if (time !== undefined && (best === null || time > best)) best = time;
  return best;
}
