// Which indexes of an Indexed Job have succeeded or failed for good, as a sync computes them
// (calculateSucceededIndexes and calculateFailedIndexes, pkg/controller/job/indexed_job_utils.go,
// Kubernetes 1.36). Interval arithmetic throughout: completions may be 10^5.
import { fromIndexes, normalize, union } from '../interval-set.ts';
import type { IndexInterval } from '../intervals.ts';
import { parseIndexesLenient } from './ordered-intervals.ts';
import type { RawJob, RawPod } from '../objects.ts';
import { completionIndexOf } from './completion-index.ts';
import { isIndexFailed } from './index-failure-count.ts';
import { hasJobTrackingFinalizer } from './tracking-finalizer.ts';

/** The recorded status string read leniently, and the indexes once the pods not counted yet are added. */
export interface FinishedIndexes {
  readonly previous: IndexInterval[];
  readonly current: IndexInterval[];
}

/** The pods with a valid index below completions that still carry the tracking finalizer. */
function uncountedIndexes(pods: readonly RawPod[], completions: number, test: (pod: RawPod) => boolean): number[] {
  const indexes: number[] = [];
  for (const pod of pods) {
    const index = completionIndexOf(pod);
    if (index !== null && index < completions && hasJobTrackingFinalizer(pod) && test(pod)) indexes.push(index);
  }
  return indexes;
}

/**
 * calculateSucceededIndexes: status.completedIndexes plus the Succeeded pods not counted yet (they
 * still carry the tracking finalizer). A Succeeded pod without it whose index is missing from the
 * string (dropped by an elastic scale-down) does not count: the controller runs the index again.
 * (The controller merges into the string as parsed; the API server only stores sorted strings, so
 * normalizing it first changes nothing for a real status.)
 */
export function calculateSucceededIndexes(
  job: Pick<RawJob, 'status'>,
  pods: readonly RawPod[],
  completions: number,
): FinishedIndexes {
  const previous = normalize(parseIndexesLenient(job.status?.completedIndexes ?? '', completions));
  const added = uncountedIndexes(pods, completions, (pod) => pod.status?.phase === 'Succeeded');
  return { previous, current: union(previous, fromIndexes(added)) };
}

/**
 * calculateFailedIndexes (called only with backoffLimitPerIndex): status.failedIndexes plus the
 * indexes of the pods not counted yet that failed them for good (isIndexFailed).
 */
export function calculateFailedIndexes(job: RawJob, pods: readonly RawPod[], completions: number): FinishedIndexes {
  const failedIndexes = job.status?.failedIndexes;
  const previous = typeof failedIndexes === 'string' ? normalize(parseIndexesLenient(failedIndexes, completions)) : [];
  const added = uncountedIndexes(pods, completions, (pod) => isIndexFailed(job, pod));
  return { previous, current: union(previous, fromIndexes(added)) };
}
