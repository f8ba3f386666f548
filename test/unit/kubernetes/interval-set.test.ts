import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { countIndexes, type IndexInterval } from '../../../kubernetes/index.ts';
import {
  clip,
  complement,
  contains,
  fromIndexes,
  intersectionCount,
  normalize,
  subtract,
  union,
} from '../../../kubernetes/interval-set.ts';

/** The reference model: plain sets of numbers. */
const toSet = (intervals: readonly IndexInterval[]): Set<number> => {
  const set = new Set<number>();
  for (const { first, last } of intervals) for (let i = first; i <= last; i++) set.add(i);
  return set;
};
const sorted = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);

/** Normalized: sorted, disjoint, and no two intervals adjacent. */
const isNormalized = (intervals: readonly IndexInterval[]): boolean =>
  intervals.every((iv, i) => iv.first <= iv.last && (i === 0 || iv.first > intervals[i - 1]!.last + 1));

const indexes = fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 });

describe('interval set operations against a Set model', () => {
  test('union, subtract, complement, intersectionCount, contains', () => {
    fc.assert(
      fc.property(indexes, indexes, fc.integer({ min: 0, max: 70 }), (a, b, size) => {
        const A = fromIndexes(a);
        const B = fromIndexes(b);
        const setA = new Set(a);
        const setB = new Set(b);
        const u = union(A, B);
        expect(isNormalized(u)).toBe(true);
        expect(sorted(toSet(u))).toEqual(sorted(new Set([...a, ...b])));
        const d = subtract(A, B);
        expect(isNormalized(d)).toBe(true);
        expect(sorted(toSet(d))).toEqual(sorted(new Set(a.filter((x) => !setB.has(x)))));
        const c = complement(A, size);
        expect(sorted(toSet(c))).toEqual([...Array(size).keys()].filter((x) => !setA.has(x)));
        expect(intersectionCount(A, B)).toBe(a.filter((x, i) => setB.has(x) && a.indexOf(x) === i).length);
        for (let x = 0; x <= 61; x++) expect(contains(A, x)).toBe(setA.has(x));
        expect(sorted(toSet(clip(A, size)))).toEqual(sorted(setA).filter((x) => x < size));
      }),
    );
  });

  test('normalize sorts and merges what a hand-edited status string could hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5 })), { maxLength: 20 }),
        (pairs) => {
          const raw = pairs.map(([first, length]) => ({ first, last: first + length }));
          const normalized = normalize(raw);
          expect(isNormalized(normalized)).toBe(true);
          expect(sorted(toSet(normalized))).toEqual(sorted(toSet(raw)));
        },
      ),
    );
  });

  test('large sets stay interval-sized: 50,000 fragments minus a scattered set', () => {
    const evens = fromIndexes(Array.from({ length: 50_000 }, (_, i) => i * 2));
    const scattered = fromIndexes(Array.from({ length: 1000 }, (_, i) => i * 97));
    const rest = subtract(evens, scattered);
    // 97·i is even for even i: 500 of the scattered indexes were in the set.
    expect(countIndexes(rest)).toBe(50_000 - 500);
    expect(countIndexes(complement(union(evens, scattered), 100_000))).toBe(100_000 - 50_000 - 500);
  });
});
