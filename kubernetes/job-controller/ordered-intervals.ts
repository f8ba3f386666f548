// The Job controller's index intervals (orderedIntervals, pkg/controller/job/indexed_job_utils.go,
// Kubernetes 1.36): how it reads status.completedIndexes, status.failedIndexes and a success
// policy's succeededIndexes (parseIndexesFromString), writes them (String) and counts them (total).
import { atoi } from '../go-integers.ts';
import type { IndexInterval } from '../intervals.ts';

/**
 * parseIndexesFromString: the controller's lenient reading: corrupt
 * fragments are skipped, the last index is clipped to completions-1, reading stops at the first
 * interval starting at or past completions, and adjacent intervals are merged. Ported as is,
 * including that it neither sorts nor rejects a third `-` part.
 */
export function parseIndexesLenient(text: string, completions: number): IndexInterval[] {
  const result: { first: number; last: number }[] = [];
  if (text === '') return result;
  for (const fragment of text.split(',')) {
    const limits = fragment.split('-');
    const first = atoi(limits[0] ?? '');
    if (first === undefined) continue;
    if (first >= completions) break;
    let last = first;
    if (limits.length > 1) {
      const parsed = atoi(limits[1] ?? '');
      if (parsed === undefined) continue;
      last = parsed >= completions ? completions - 1 : parsed;
    }
    const previous = result[result.length - 1];
    if (previous && previous.last === first - 1) previous.last = last;
    else result.push({ first, last });
  }
  return result;
}

/**
 * orderedIntervals.String, the controller's canonical form: a run of three or more is `a-b`, a run of two is `a,b`
 * (so {1,3,4,5,7} is `1,3-5,7` and {1,2} is `1,2`).
 */
export function formatIntervals(intervals: readonly IndexInterval[]): string {
  const parts: string[] = [];
  for (const { first, last } of intervals) {
    if (last - first >= 2) parts.push(`${first}-${last}`);
    else if (last === first + 1) parts.push(`${first}`, `${last}`);
    else parts.push(`${first}`);
  }
  return parts.join(',');
}

/** orderedIntervals.total. */
export function countIndexes(intervals: readonly IndexInterval[]): number {
  return intervals.reduce((sum, { first, last }) => sum + last - first + 1, 0);
}
