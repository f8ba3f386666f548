import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { resolvePlainScalar, UNSUPPORTED_SCALAR } from '../../../../plugin/yaml/yaml-1-1-scalars.ts';

/** What the full parser (the yaml package, YAML 1.1) reads for `k: <source>`. */
const fullParser = (source: string): unknown => (parse(`k: ${source}\n`, { version: '1.1' }) as { k: unknown }).k;

describe('plain scalars under YAML 1.1 (as sigs.k8s.io/yaml on go-yaml v2 reads them)', () => {
  // go-yaml v2 resolve.go: these and only these spellings are booleans.
  test.each(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])('%s is true', (source) => {
    expect(resolvePlainScalar(source)).toBe(true);
  });
  test.each(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])('%s is false', (source) => {
    expect(resolvePlainScalar(source)).toBe(false);
  });
  test.each(['yEs', 'tRUE', 'oN', 'nO', 'Y2', 'yes!', 'truthy'])('%s is a string', (source) => {
    expect(resolvePlainScalar(source)).toBe(source);
  });

  test.each(['~', 'null', 'Null', 'NULL', ''])('%j is null', (source) => {
    expect(resolvePlainScalar(source)).toBeNull();
  });

  test.each([
    ['0644', 420],
    ['-0644', -420],
    ['0o644', '0o644'],
    ['0x1F', 31],
    ['-0x10', -16],
    ['0b101', 5],
    ['1_000', 1000],
    ['+12', 12],
    ['09', 9],
    ['0', 0],
    ['190:20:30', 685230],
    ['-1:30', -90],
    ['1.5', 1.5],
    ['1_000.5', 1000.5],
    ['1e3', 1000],
    ['6.8523015e+5', 685230.15],
    ['190:20:30.15', 685230.15],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['+.INF', Infinity],
    ['1.2.3', '1.2.3'],
    ['0x', '0x'],
    ['12abc', '12abc'],
    ['500m', '500m'],
    ['*/5 * * * *', '*/5 * * * *'],
  ])('%s is %p', (source, value) => {
    expect(resolvePlainScalar(source)).toBe(value);
  });

  test('.nan, .NaN and .NAN are NaN', () => {
    for (const source of ['.nan', '.NaN', '.NAN']) expect(resolvePlainScalar(source)).toBeNaN();
  });

  test('timestamps (Date objects for the full parser) and merge keys are left to the full parser', () => {
    expect(resolvePlainScalar('2001-12-14')).toBe(UNSUPPORTED_SCALAR);
    expect(resolvePlainScalar('2001-12-14t21:59:43.10-05:00')).toBe(UNSUPPORTED_SCALAR);
    expect(resolvePlainScalar('<<', true)).toBe(UNSUPPORTED_SCALAR);
    expect(resolvePlainScalar('<<')).toBe('<<');
  });

  test('every form reads as the full parser reads it', () => {
    const forms = [
      ...['y', 'Yes', 'NO', 'on', 'OFF', 'True', 'yEs', '~', 'null', 'NULL', 'Nil'],
      ...['0644', '0_7', '0_', '-0', '+0', '-0.0', '0x_1', '0b', '0b_', '1__2', '+-1', '0999', '0o7', '00', '-00'],
      ...['1:2', '1:60', '1:2:3.5', '-1:2', '1_0:2_0', '12:30:00'],
      ...[
        '1.',
        '.5',
        '-.5',
        '1e5',
        'e5',
        'E5',
        '1E+5',
        '.e5',
        '1.5e-3',
        '1_0e2',
        '.inf',
        '.Inf',
        '.INF',
        '-.inf',
        '.nan',
        '.NAN',
        'nan',
        'inf',
      ],
      ...['1.2.3', 'v1', '1a', 'a1', '-a', '--', '<', '<<<', '.', '..', '+', '_1', '1_'],
    ];
    for (const source of forms) expect([source, resolvePlainScalar(source)]).toEqual([source, fullParser(source)]);
  });
});
