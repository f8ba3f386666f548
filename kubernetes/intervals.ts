import { atoi } from './go-integers.ts';

/**
 * Index-interval strings (`1,3-5,7`) as used by successPolicy.rules[].succeededIndexes and
 * status.completedIndexes / failedIndexes: the API server's strict reading. The Job controller's
 * lenient reading, its canonical form and its count are in job-controller/ordered-intervals.ts.
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
