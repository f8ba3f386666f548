import { atoi } from './go-integers.ts';

/**
 * Index-interval strings (`1,3-5,7`) as used by successPolicy.rules[].succeededIndexes and
 * status.completedIndexes / failedIndexes.
 */

export interface IndexInterval {
  readonly first: number;
  readonly last: number;
}

export type StrictParseResult =
  { readonly ok: true; readonly count: number } | { readonly ok: false; readonly error: string };

/**
 * The API server's strict grammar (validateIndexesFormat in pkg/apis/batch/validation): the
 * first problem aborts parsing, with the server's own message.
 */
export function parseIndexesStrict(text: string, completions: number): StrictParseResult {
  if (text.length === 0) return { ok: true, count: 0 };
  let lastIndex: number | undefined;
  let total = 0;
  for (const fragment of text.split(',')) {
    const limits = fragment.split('-');
    if (limits.length > 2) {
      return {
        ok: false,
        error: `the fragment ${JSON.stringify(fragment)} violates the requirement that an index interval can have at most two parts separated by '-'`,
      };
    }
    const first = atoi(limits[0] ?? '');
    if (first === undefined)
      return { ok: false, error: `cannot convert string to integer for index: ${JSON.stringify(limits[0])}` };
    if (first >= completions) return { ok: false, error: `too large index: ${JSON.stringify(limits[0])}` };
    let last = first;
    if (limits.length > 1) {
      const parsed = atoi(limits[1] ?? '');
      if (parsed === undefined)
        return { ok: false, error: `cannot convert string to integer for index: ${JSON.stringify(limits[1])}` };
      if (parsed >= completions) return { ok: false, error: `too large index: ${JSON.stringify(limits[1])}` };
      if (first >= parsed) return { ok: false, error: `non-increasing order, previous: ${first}, current: ${parsed}` };
      last = parsed;
    }
    if (lastIndex !== undefined && lastIndex >= first)
      return { ok: false, error: `non-increasing order, previous: ${lastIndex}, current: ${first}` };
    total += last - first + 1;
    lastIndex = last;
  }
  return { ok: true, count: total };
}

/**
 * The Job controller's lenient reading (parseIndexesFromString in pkg/controller/job): corrupt
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

/** Sorted, merged intervals from a set of indexes. */
export function toIntervals(indexes: Iterable<number>): IndexInterval[] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const out: IndexInterval[] = [];
  for (const index of sorted) {
    const last = out[out.length - 1];
    if (last && index === last.last + 1) out[out.length - 1] = { first: last.first, last: index };
    else out.push({ first: index, last: index });
  }
  return out;
}

/**
 * The controller's canonical form: a run of three or more is `a-b`, a run of two is `a,b`
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

export function countIndexes(intervals: readonly IndexInterval[]): number {
  return intervals.reduce((sum, { first, last }) => sum + last - first + 1, 0);
}
