import { describe, expect, test } from '@jest/globals';
import {
  cloneDecoded,
  describeValue,
  isObject,
  newDecodedObject,
  obj,
  str,
  stringMap,
  toDecodedJsonCopy,
  toDecodedObjects,
  isDecodedPrototype,
  MAX_NESTING_DEPTH,
  NestingTooDeepError,
  nestsDeeperThan,
} from '../../../kubernetes/index.ts';

const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', '__defineGetter__'];

describe('decoded objects inherit nothing', () => {
  test('no Object.prototype member answers a lookup, `in` or a read', () => {
    const object = newDecodedObject();
    for (const name of PROTOTYPE_NAMES) {
      expect(name in object).toBe(false);
      expect(object[name]).toBeUndefined();
    }
    expect(isObject(object)).toBe(true);
  });

  test('a `__proto__` key is an ordinary own key', () => {
    const object = newDecodedObject();
    object['__proto__'] = { toString: 1 };
    expect(Object.keys(object)).toEqual(['__proto__']);
    expect(JSON.stringify(object)).toBe('{"__proto__":{"toString":1}}');
  });

  test('toDecodedObjects converts a parsed tree in place, arrays, shared subtrees and all', () => {
    const parsed = JSON.parse('{"a":{"b":[{"c":{}}]},"__proto__":{"toString":"x"}}') as Record<string, unknown>;
    const shared = { constructor: 'shared' };
    parsed.left = shared;
    parsed.right = [shared];
    const converted = toDecodedObjects(parsed);
    expect(converted).toBe(parsed);
    const objects: object[] = [parsed, obj(parsed, 'a')!, (obj(parsed, 'a')!.b as object[])[0]!, shared];
    for (const object of objects) expect('toString' in object).toBe(false);
    expect(str(obj(parsed, '__proto__'), 'toString')).toBe('x');
    expect(str(parsed.left, 'constructor')).toBe('shared');
  });

  test('toDecodedObjects leaves what is not plain data alone, and survives 100,000 levels of nesting', () => {
    const date = new Date(0);
    expect(Object.getPrototypeOf(toDecodedObjects({ date }).date)).toBe(Date.prototype);
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { next: [deep] };
    expect(() => toDecodedObjects(deep)).not.toThrow();
  });

  test('cloneDecoded copies into decoded objects, from plain or decoded ones', () => {
    const plain = JSON.parse('{"metadata":{"labels":{"constructor":"x"},"__proto__":1}}') as Record<string, unknown>;
    const copy = cloneDecoded(plain);
    expect(copy).toEqual(plain);
    expect('toString' in copy).toBe(false);
    expect('toString' in obj(copy, 'metadata')!).toBe(false);
    expect(Object.keys(obj(copy, 'metadata')!)).toEqual(['labels', '__proto__']);
    expect(cloneDecoded(copy)).toEqual(plain);
  });
});

describe('the typed readers read own properties only', () => {
  test('of plain objects too', () => {
    const plain: Record<string, unknown> = {};
    expect(obj(plain, 'constructor')).toBeUndefined();
    expect(str(plain, 'toString')).toBeUndefined();
  });

  test('a map built from decoded keys inherits nothing', () => {
    const labels = stringMap({ labels: { app: 'x', toString: 'y' } }, 'labels')!;
    expect(labels).toEqual({ app: 'x', toString: 'y' });
    expect('constructor' in labels).toBe(false);
  });
});

describe('describeValue', () => {
  test('describes what String() cannot', () => {
    const hostile = JSON.parse('{"toString":"x","valueOf":1}') as unknown;
    expect(() => String(hostile)).toThrow(TypeError);
    expect(describeValue(hostile)).toBe('{"toString":"x","valueOf":1}');
    expect(describeValue(newDecodedObject())).toBe('{}');
    expect(describeValue([hostile])).toBe('[{"toString":"x","valueOf":1}]');
  });

  test('primitives, dates, nothing', () => {
    expect(describeValue('a\nb')).toBe('"a\\nb"');
    expect(describeValue(2 ** 64)).toBe('18446744073709552000');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });

  test('stays short and finishes whatever the size, depth or cycles of the value', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    for (const value of [cycle, deep, wide, 'x'.repeat(16 * 1024 * 1024)]) {
      const text = describeValue(value, 40);
      expect(text.length).toBeLessThanOrEqual(40);
      expect(text.endsWith('...')).toBe(true);
    }
  });
});

describe('toDecodedJsonCopy (a value fresh from JSON.parse)', () => {
  const TEXT = '{"a":[{"constructor":"x"},[{"b":{}}]],"__proto__":{"polluted":true},"c":{"d":null},"e":"s"}';
  test('a copy equal to the value in which every object, in arrays too, inherits nothing', () => {
    const parsed = JSON.parse(TEXT) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const value = toDecodedJsonCopy(parsed) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(value).not.toBe(parsed);
    expect(JSON.stringify(value)).toBe(JSON.stringify(parsed));
    for (const object of [value, value.a[0], value.a[1][0], value.a[1][0].b, value.c, value.__proto__])
      expect(isDecodedPrototype(Object.getPrototypeOf(object))).toBe(true);
    expect(Array.isArray(value.a)).toBe(true);
    expect(value.a[0].constructor).toBe('x');
    expect(value.c.toString).toBeUndefined();
    expect('valueOf' in value).toBe(false);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(value.__proto__).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The parsed value is left as it was.
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
  test('scalars are themselves', () => {
    for (const scalar of [null, 1, 'x', true]) expect(toDecodedJsonCopy(scalar)).toBe(scalar);
  });
  test('past the nesting limit it throws NestingTooDeepError, never a stack overflow', () => {
    const nested = (levels: number): unknown => {
      let value: unknown = 1;
      for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { k: value };
      return value;
    };
    expect(() => toDecodedJsonCopy(nested(MAX_NESTING_DEPTH))).not.toThrow();
    expect(() => toDecodedJsonCopy(nested(MAX_NESTING_DEPTH + 1))).toThrow(NestingTooDeepError);
    expect(() => toDecodedJsonCopy(nested(1_000_000))).toThrow(NestingTooDeepError);
    expect(() => toDecodedJsonCopy(nested(4), 3)).toThrow(NestingTooDeepError);
    expect(nestsDeeperThan(nested(MAX_NESTING_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_NESTING_DEPTH + 1))).toBe(true);
    expect(nestsDeeperThan(nested(1_000_000))).toBe(true);
  });
});
