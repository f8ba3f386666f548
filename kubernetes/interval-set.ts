// Set operations over sorted index intervals. Every view of an Indexed Job works on intervals,
// never on one entry per index: completions may be 10^5 (or, without backoffLimitPerIndex, far
// more), while the status strings and the pods stay small in comparison.
import { toIntervals, type IndexInterval } from './intervals.ts';

export type IntervalSet = readonly IndexInterval[];

/**
 * Sorted, disjoint, merged (adjacent runs joined). The controller's lenient parser keeps the input
 * order; the API server only stores sorted strings, so this changes nothing for real statuses and
 * keeps every other operation here simple for a hand-edited one.
 */
export function normalize(intervals: IntervalSet): IndexInterval[] {
  let sorted = true;
  for (let i = 1; i < intervals.length; i++) {
    if (intervals[i]!.first <= intervals[i - 1]!.last + 1) {
      sorted = false;
      break;
    }
  }
  if (sorted) return [...intervals];
  const ordered = [...intervals].sort((a, b) => a.first - b.first);
  const out: { first: number; last: number }[] = [];
  for (const { first, last } of ordered) {
    const previous = out[out.length - 1];
    if (previous && first <= previous.last + 1) previous.last = Math.max(previous.last, last);
    else out.push({ first, last });
  }
  return out;
}

/**
 * a ∪ b, for normalized inputs. Intervals that come through unchanged are reused, not copied:
 * with 50,000-fragment status strings the allocations were most of the cost.
 */
export function union(a: IntervalSet, b: IntervalSet): IndexInterval[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const out: IndexInterval[] = [];
  let i = 0;
  let j = 0;
  let open: IndexInterval | undefined;
  let openLast = -2;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]!.first <= b[j]!.first) ? a[i++]! : b[j++]!;
    if (open !== undefined && next.first <= openLast + 1) {
      if (next.last > openLast) {
        openLast = next.last;
        open = { first: open.first, last: openLast };
      }
      continue;
    }
    if (open !== undefined) out.push(open);
    open = next;
    openLast = next.last;
  }
  if (open !== undefined) out.push(open);
  return out;
}

/** a \ b, for normalized inputs (intervals of a that b does not touch are reused). */
export function subtract(a: IntervalSet, b: IntervalSet): IndexInterval[] {
  if (b.length === 0 || a.length === 0) return [...a];
  const out: IndexInterval[] = [];
  let j = 0;
  for (const interval of a) {
    const { first, last } = interval;
    while (j < b.length && b[j]!.last < first) j++;
    if (j >= b.length || b[j]!.first > last) {
      out.push(interval);
      continue;
    }
    let start = first;
    let k = j;
    while (k < b.length && b[k]!.first <= last) {
      if (b[k]!.first > start) out.push({ first: start, last: b[k]!.first - 1 });
      start = Math.max(start, b[k]!.last + 1);
      if (b[k]!.last >= last) break;
      k++;
    }
    if (start <= last) out.push({ first: start, last });
  }
  return out;
}

/** The indexes of 0..size-1 not in the (normalized) set. */
export function complement(set: IntervalSet, size: number): IndexInterval[] {
  return size <= 0 ? [] : subtract([{ first: 0, last: size - 1 }], set);
}

/** |a ∩ b| for normalized inputs: the walk of the controller's matchSucceededIndexesRule. */
export function intersectionCount(a: IntervalSet, b: IntervalSet): number {
  let count = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const overlap = Math.min(a[i]!.last, b[j]!.last) - Math.max(a[i]!.first, b[j]!.first) + 1;
    if (overlap > 0) count += overlap;
    if (a[i]!.last < b[j]!.last) i++;
    else if (a[i]!.last > b[j]!.last) j++;
    else {
      i++;
      j++;
    }
  }
  return count;
}

/** Whether the (normalized) set holds `index`: binary search, as the controller's `has`. */
export function contains(set: IntervalSet, index: number): boolean {
  let lo = 0;
  let hi = set.length;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (set[mid]!.last >= index) hi = mid;
    else lo = mid + 1;
  }
  return hi < set.length && set[hi]!.first <= index;
}

/** Intervals from any indexes (unsorted, repeated). */
export function fromIndexes(indexes: Iterable<number>): IndexInterval[] {
  return toIntervals(indexes);
}

/** Only the part of the set below `size` (indexes 0..size-1). */
export function clip(set: IntervalSet, size: number): IndexInterval[] {
  const out: IndexInterval[] = [];
  for (const interval of set) {
    if (interval.first >= size) break;
    out.push(interval.last < size ? interval : { first: interval.first, last: size - 1 });
  }
  return out;
}
