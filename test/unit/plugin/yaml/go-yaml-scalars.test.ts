import { describe, expect, test } from '@jest/globals';
import {
  float32Text,
  resolvePlainKey,
  resolvePlainScalar,
  resolveTaggedScalar,
  UNSUPPORTED_SCALAR,
} from '../../../../plugin/yaml/go-yaml-scalars.ts';

/**
 * Readable examples of go-yaml v2's resolve() as kubectl applies it; goyaml-differential.test.ts
 * checks every spelling against go-yaml itself.
 */
describe('plain scalars as kubectl reads them (go-yaml v2 under sigs.k8s.io/yaml)', () => {
  // go-yaml v2 resolve.go: these and only these spellings are booleans.
  test.each(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])('%s is true', (source) => {
    expect(resolvePlainScalar(source)).toBe(true);
  });
  test.each(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])('%s is false', (source) => {
    expect(resolvePlainScalar(source)).toBe(false);
  });
  test.each(['yEs', 'tRUE', 'oN', 'nO', 'Y2', 'yes!', 'truthy', 'nil', 'None'])('%s is a string', (source) => {
    expect(resolvePlainScalar(source)).toBe(source);
  });

  test.each(['~', 'null', 'Null', 'NULL', ''])('%j is null', (source) => {
    expect(resolvePlainScalar(source)).toBeNull();
  });

  test.each([
    // Go's strconv.ParseInt with base 0, after removing every `_`.
    ['0644', 420],
    ['-0644', -420],
    ['0o17', 15],
    ['0O17', 15],
    ['+0o17', 15],
    ['0x1F', 31],
    ['0X1f', 31],
    ['-0x10', -16],
    ['0b101', 5],
    ['0B101', 5],
    ['0b-1', -1],
    ['1_000', 1000],
    ['0_', 0],
    ['+12', 12],
    ['-0', 0],
    ['0', 0],
    // Not an octal number, but a float by the float pattern.
    ['09', 9],
    ['0999', 999],
    // Base 60 and timestamps are strings.
    ['1:20', '1:20'],
    ['190:20:30', '190:20:30'],
    ['-1:30', '-1:30'],
    ['2001-12-14', '2001-12-14'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
    // Floats: the float pattern on the text without `_`, if it fits a float64.
    ['1.5', 1.5],
    ['1.', 1],
    ['.5', 0.5],
    ['1_000.5', 1000.5],
    ['1e3', 1000],
    ['1e1_0', 1e10],
    ['6.8523015e+5', 685230.15],
    ['1e400', '1e400'],
    ['._5', '._5'],
    ['.', '.'],
    ['e5', 'e5'],
    ['.e5', '.e5'],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['+.INF', Infinity],
    ['.iNf', '.iNf'],
    ['1.2.3', '1.2.3'],
    ['0x', '0x'],
    ['0x10000000000000000', '0x10000000000000000'],
    ['12abc', '12abc'],
    ['500m', '500m'],
    ['*/5 * * * *', '*/5 * * * *'],
  ])('%s is %p', (source, value) => {
    expect(resolvePlainScalar(source)).toBe(value);
  });

  test('.nan, .NaN and .NAN are NaN', () => {
    for (const source of ['.nan', '.NaN', '.NAN']) expect(resolvePlainScalar(source)).toBeNaN();
  });

  test('an int64 or uint64 a number cannot print exactly is a bigint; beyond them, float64 numbers', () => {
    expect(resolvePlainScalar('9223372036854775807')).toBe(9223372036854775807n);
    expect(resolvePlainScalar('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(resolvePlainScalar('0x7FFFFFFFFFFFFFFF')).toBe(9223372036854775807n);
    expect(resolvePlainScalar('9007199254740993')).toBe(9007199254740993n);
    expect(resolvePlainScalar('18446744073709551615')).toBe(18446744073709551615n);
    // Exactly printable: a number.
    expect(resolvePlainScalar('9007199254740992')).toBe(9007199254740992);
    // Floats for go-yaml (no longer int64 or uint64).
    expect(resolvePlainScalar('18446744073709551616')).toBe(2 ** 64);
    expect(resolvePlainScalar('-9223372036854775809')).toBe(-(2 ** 63));
    expect(resolvePlainScalar('+9223372036854775808')).toBe(2 ** 63);
  });
});

describe('map keys as sigs.k8s.io/yaml turns them into JSON keys', () => {
  test.each([
    ['name', 'name'],
    ['yes', 'true'],
    ['Off', 'false'],
    ['0x10', '16'],
    ['0o17', '15'],
    ['9223372036854775807', '9223372036854775807'],
    ['1.5', '1.5'],
    ['1e3', '1000'],
    ['1e6', '1e+06'],
    ['0.00001', '1e-05'],
    ['123456789.5', '1.2345679e+08'],
    ['08', '8'],
    ['.inf', '.inf'],
    ['-.Inf', '-.inf'],
    ['.NaN', '.nan'],
    ['1:20', '1:20'],
    ['2001-12-14', '2001-12-14'],
  ])('%s is the key %p', (source, key) => {
    expect(resolvePlainKey(source)).toBe(key);
  });

  test('null and uint64 keys are refused with kubectl message; `<<` is a merge key', () => {
    expect(resolvePlainKey('~')).toEqual({
      message: 'error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>',
    });
    expect(resolvePlainKey('')).toEqual(resolvePlainKey('null'));
    expect(resolvePlainKey('9223372036854775808')).toEqual({
      message: 'error converting YAML to JSON: unsupported map key of type: uint64, key: 0x8000000000000000',
    });
    expect(resolvePlainKey('<<')).toBe(UNSUPPORTED_SCALAR);
  });

  test('float keys print as Go FormatFloat(f, g, -1, 32)', () => {
    expect([0.1, 100000, 1000000, 0.0001, -2.5, 3.4028235e38, 1e39, -0].map(float32Text)).toEqual([
      '0.1',
      '100000',
      '1e+06',
      '0.0001',
      '-2.5',
      '3.4028235e+38',
      '.inf',
      '-0',
    ]);
  });
});

describe('explicit core tags', () => {
  test('the plain resolution must give the tag type, an int under !!float becomes a float', () => {
    expect(resolveTaggedScalar('017', 'int')).toEqual({ value: 15 });
    expect(resolveTaggedScalar('1', 'float')).toEqual({ value: 1 });
    expect(resolveTaggedScalar('yes', 'bool')).toEqual({ value: true });
    expect(resolveTaggedScalar('~', 'null')).toEqual({ value: null });
    expect(resolveTaggedScalar('1:20', 'int')).toEqual({ error: 'yaml: cannot decode !!str `1:20` as a !!int' });
    expect(resolveTaggedScalar('1.5', 'int')).toEqual({ error: 'yaml: cannot decode !!float `1.5` as a !!int' });
  });
});
