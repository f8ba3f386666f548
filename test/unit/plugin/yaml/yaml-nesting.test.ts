import { describe, expect, test } from '@jest/globals';
import { MAX_NESTING_DEPTH, nestsDeeperThan } from '../../../../kubernetes/index.ts';
import { parseSource } from '../../../../plugin/yaml/index.ts';

/**
 * Deep nesting is read up to MAX_NESTING_DEPTH levels and refused past it, the same way whatever
 * the stack the caller has used: the yaml package's composer is recursive, and a depth it could
 * compose or not depending on the caller and the JIT used to give a different verdict from one
 * run (or output format) to the next.
 */
const SHAPES = {
  'flow sequences': (depth: number) => `a: ${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}\n`,
  'flow mappings': (depth: number) => `a: ${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}\n`,
  'block sequences': (depth: number) =>
    `a:\n${Array.from({ length: depth - 1 }, (_, i) => `${' '.repeat(i + 1)}-`).join('\n')} x\n`,
};

/** Calls `f` with about `frames` frames of the stack already used. */
function withStackUsed<T>(frames: number, f: () => T): T {
  return frames === 0 ? f() : withStackUsed(frames - 1, f);
}

const problemsOf = (text: string) => parseSource(text).problems.map((p) => p.message);
const TOO_LARGE = 'document is larger than 3 MiB, the most the API server accepts in one request';
const TOO_DEEP = `nesting deeper than ${MAX_NESTING_DEPTH} levels: job-x does not read it (no field of a Job or CronJob nests this deep)`;

describe.each(Object.entries(SHAPES))('%s', (_, shape) => {
  test.each([0, 3000, 6000])(
    `${MAX_NESTING_DEPTH} levels are read, one more is refused (%i frames of stack used)`,
    (frames) => {
      expect(withStackUsed(frames, () => problemsOf(shape(MAX_NESTING_DEPTH)))).toEqual([]);
      expect(withStackUsed(frames, () => problemsOf(shape(MAX_NESTING_DEPTH + 1)))).toEqual([TOO_DEEP]);
    },
  );

  test('1,000 and 5,000 levels: refused the same way every time', () => {
    for (const depth of [1000, 5000]) {
      // 5,000 levels of block sequence are 12 MB of indentation: refused first for its size, as the
      // API server would refuse the request (measured without building it; see yaml-documents.ts).
      const text = shape(depth);
      const expected = text.length > 3 * 1024 * 1024 ? TOO_LARGE : TOO_DEEP;
      for (let i = 0; i < 3; i++) expect(problemsOf(text)).toEqual([expected]);
    }
  });
});

test('only the deep document of a stream is refused; the others are read, at their index', () => {
  const text = `kind: A\n---\n${SHAPES['flow sequences'](2000)}---\nkind: C\n`;
  const parsed = parseSource(text);
  expect(parsed.problems).toEqual([expect.objectContaining({ document: 1, message: TOO_DEEP, line: 3 })]);
  expect(parsed.objects.map((o) => [o.document, (o.value as { kind: string }).kind])).toEqual([
    [0, 'A'],
    [2, 'C'],
  ]);
});

test('nestsDeeperThan measures decoded values without recursion', () => {
  let value: unknown = 1;
  for (let i = 0; i < 100_000; i++) value = i % 2 === 0 ? [value] : { a: value };
  expect(nestsDeeperThan(value)).toBe(true);
  expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
  expect(nestsDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
});
