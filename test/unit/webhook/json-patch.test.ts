import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { toJsonPatch } from '../../../webhook/admission/json-patch.ts';
import { applyPatchStrictly } from './fixtures.ts';

/** Decoded JSON as the API server reads it (-0 is 0). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('toJsonPatch', () => {
  test('nothing for equal values', () => {
    expect(toJsonPatch({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] })).toEqual([]);
  });

  test('add, replace and remove on members, with RFC 6901 escaping (~ before /)', () => {
    const before = { metadata: { annotations: { 'example.com/owner': 'a', 'a~b': 1, gone: true } } };
    const after = { metadata: { annotations: { 'example.com/owner': 'b', 'a~b': 1, 'x/~y': 2 } } };
    expect(toJsonPatch(before, after)).toEqual([
      { op: 'remove', path: '/metadata/annotations/gone' },
      { op: 'replace', path: '/metadata/annotations/example.com~1owner', value: 'b' },
      { op: 'add', path: '/metadata/annotations/x~1~0y', value: 2 },
    ]);
    expect(toJsonPatch({}, { '~1/': 0 })).toEqual([{ op: 'add', path: '/~01~1', value: 0 }]);
  });

  test('a new parent is added whole (an add needs an existing parent)', () => {
    expect(toJsonPatch({ metadata: {} }, { metadata: { labels: { a: 'b' } } })).toEqual([
      { op: 'add', path: '/metadata/labels', value: { a: 'b' } },
    ]);
  });

  test('arrays: item by item; a longer one grows at its end, a shorter one shrinks from its end', () => {
    expect(toJsonPatch({ v: [1, 2, 3] }, { v: [1, 5, 3] })).toEqual([{ op: 'replace', path: '/v/1', value: 5 }]);
    expect(toJsonPatch({ v: [{ a: 1 }] }, { v: [{ a: 1, b: 2 }] })).toEqual([{ op: 'add', path: '/v/0/b', value: 2 }]);
    const longer = toJsonPatch({ v: [1, 2] }, { v: [0, 1, 2] });
    expect(longer).toEqual([
      { op: 'replace', path: '/v/1', value: 1 },
      { op: 'replace', path: '/v/0', value: 0 },
      { op: 'add', path: '/v/2', value: 2 },
    ]);
    expect(applyPatchStrictly({ v: [1, 2] }, longer)).toEqual({ v: [0, 1, 2] });
    const shorter = toJsonPatch({ v: [0, 1, 2] }, { v: [2] });
    expect(shorter).toEqual([
      { op: 'remove', path: '/v/2' },
      { op: 'remove', path: '/v/1' },
      { op: 'replace', path: '/v/0', value: 2 },
    ]);
    expect(applyPatchStrictly({ v: [0, 1, 2] }, shorter)).toEqual({ v: [2] });
  });

  test('a change of type is a replace; an undefined member of the result is absent', () => {
    expect(toJsonPatch({ a: { b: 1 } }, { a: [1] })).toEqual([{ op: 'replace', path: '/a', value: [1] }]);
    expect(toJsonPatch({ a: null }, { a: 0 })).toEqual([{ op: 'replace', path: '/a', value: 0 }]);
    expect(toJsonPatch({ a: 1 }, { a: 1, c: undefined })).toEqual([]);
    expect(toJsonPatch({ a: 1, b: 2 }, { a: 1, b: undefined })).toEqual([{ op: 'remove', path: '/b' }]);
  });

  test('roots that are not two objects or two arrays: one replace of the whole document', () => {
    expect(toJsonPatch(1, 2)).toEqual([{ op: 'replace', path: '', value: 2 }]);
    expect(toJsonPatch('x', 'x')).toEqual([]);
    expect(toJsonPatch({ a: 1 }, [1])).toEqual([{ op: 'replace', path: '', value: [1] }]);
    expect(toJsonPatch(null, {})).toEqual([{ op: 'replace', path: '', value: {} }]);
  });

  test('the values of the patch are copies: changing the result later does not change the patch', () => {
    const after = { a: { b: [1] } };
    const patch = toJsonPatch({}, after);
    after.a.b.push(2);
    expect(patch).toEqual([{ op: 'add', path: '/a', value: { b: [1] } }]);
  });

  test('__proto__ is an ordinary member', () => {
    const before = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    const after = JSON.parse('{"__proto__": {"x": 2}}') as unknown;
    expect(toJsonPatch(before, after)).toEqual([{ op: 'replace', path: '/__proto__/x', value: 2 }]);
  });

  test('property: applying the patch to the first value gives the second, for any JSON values', () => {
    // Pairs that share structure (the second derived from the first) exercise the recursive paths.
    const similar = fc
      .jsonValue()
      .chain((a) => fc.tuple(fc.constant(a), fc.oneof(fc.jsonValue(), fc.constant(structuredClone(a)), mutated(a))));
    fc.assert(
      fc.property(similar, ([a, b]) => {
        const patched = applyPatchStrictly(a, toJsonPatch(a, b));
        expect(asJson(patched)).toEqual(asJson(b));
        expect(toJsonPatch(patched, b)).toEqual([]);
      }),
      { seed: 20261123, numRuns: 500 },
    );
  });
});

/** A copy of `value` with one leaf or member changed, added or dropped somewhere inside. */
function mutated(value: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(fc.nat(), fc.jsonValue(), fc.string({ maxLength: 4 })).map(([pick, replacement, key]) => {
    const copy = structuredClone(value);
    const containers: (unknown[] | Record<string, unknown>)[] = [];
    const walk = (node: unknown): void => {
      if (node !== null && typeof node === 'object') {
        containers.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) walk(child);
      }
    };
    walk(copy);
    if (containers.length === 0) return replacement;
    const target = containers[pick % containers.length]!;
    if (Array.isArray(target)) {
      if (pick % 3 === 0) target.push(replacement);
      else if (target.length > 0) target[pick % target.length] = replacement;
    } else {
      const keys = Object.keys(target);
      if (pick % 3 === 0 && keys.length > 0) delete target[keys[pick % keys.length]!];
      else
        Object.defineProperty(target, key, {
          value: replacement,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return copy;
  });
}
