// fast-check generators of what an attacker or an unlucky user puts in a manifest or an
// AdmissionReview: keys named after Object.prototype's members, values that carry a `toString`,
// numbers beyond int64 and float precision, strings with control characters, deep nesting. Shared
// by the lint fuzz test and the webhook's.
import fc from 'fast-check';

/** Keys that find something on an ordinary object that lacks them (and `__proto__`, its setter). */
export const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  'valueOf',
  'toLocaleString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__proto__',
  '__defineGetter__',
  '__lookupGetter__',
  'toJSON',
  'then',
] as const;

/** An object with the given own entries: `__proto__` included as an ordinary own key. */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** Numbers at and past every boundary a Kubernetes field has (int32, int64, float64, -0). */
export const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    2 ** 53 + 2,
    2 ** 63,
    2 ** 64,
    -(2 ** 63),
    1e19,
    1e30,
    1e308,
    -1e308,
    5e-324,
    0.5,
    1.5,
    255.0000001,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Strings the way YAML 1.1 and the API server may read differently, or a terminal mis-print. */
export const edgeString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '.inf',
    '-.Inf',
    '.NaN',
    '0o17',
    '0x1F',
    '0b101',
    '1:20',
    '1_000',
    '0644',
    '+12',
    '~',
    'null',
    'y',
    'n',
    'yes',
    'off',
    '2001-12-14t21:59:43.10-05:00',
    '1e3',
    '\u001b[31mred\u001b[0m',
    '::error file=x::owned',
    'a\nb\r\nc',
    '\u0000',
    '\ud800',
    '\u202e',
    'x'.repeat(70_000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const prototypeName = fc.constantFrom(...PROTOTYPE_NAMES);
const anyKey = fc.oneof(prototypeName, fc.string({ maxLength: 12 }), fc.constantFrom('name', 'spec', 'kind', 'items'));

/** A value nested `depth` times in arrays or mappings. */
export function nested(depth: number, leaf: unknown, asMapping: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asMapping ? objectOf([['a', value]]) : [value];
  return value;
}

/**
 * Values of any shape: scalars at their edges, mappings whose keys are prototype names, values
 * that carry `toString`/`valueOf`, and deep nesting, which `deep` builds (as objects for JSON
 * bodies, or as a marker a text serializer replaces with a flow collection on one line).
 */
export function hostileValues(deep: (depth: number, asMapping: boolean) => unknown): fc.Arbitrary<unknown> {
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      edgeNumber,
      edgeString,
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.tuple(anyKey, tie('value')), { maxLength: 4 }).map(objectOf),
      fc.tuple(prototypeName, tie('value')).map(([key, value]) => objectOf([[key, value]])),
      tie('value').map((value) => objectOf([['toString', value]])),
      fc.constant(
        objectOf([
          ['toString', 'x'],
          ['valueOf', 1],
          ['constructor', 'y'],
        ]),
      ),
      tie('value').map((value) => [objectOf([['toString', value]])]),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.tuple(fc.integer({ min: 50, max: 1000 }), fc.boolean()).map(([depth, asMapping]) => deep(depth, asMapping)),
    ),
  })).value;
}

/** hostileValues with deep nesting as real objects (for JSON bodies). */
export const hostileValue: fc.Arbitrary<unknown> = hostileValues((depth, asMapping) =>
  nested(depth, 'deep', asMapping),
);

/** A value String() throws on: a mapping whose `toString` (and `valueOf`) are not functions. */
export const toStringCarrying: fc.Arbitrary<unknown> = fc.oneof(
  hostileValue.map((value) => objectOf([['toString', value]])),
  hostileValue.map((value) => [objectOf([['toString', value]])]),
  fc.constant(
    objectOf([
      ['toString', 1],
      ['valueOf', 2],
      ['constructor', 3],
    ]),
  ),
  hostileValue.map((value) => objectOf([['__proto__', objectOf([['toString', value]])]])),
);
