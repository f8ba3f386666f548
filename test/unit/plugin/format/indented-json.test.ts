import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { indentedJson } from '../../../../plugin/format/indented-json.ts';

/** What a writer that prints a document a piece at a time must give: the piece as the whole document prints it. */
const reference = (value: unknown, depth: number): string =>
  JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);

describe('a value printed as JSON at a depth of a larger document', () => {
  test('is what JSON.stringify of the whole prints there, for any JSON value and depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (value, depth) => {
        expect(indentedJson(value, depth)).toBe(reference(value, depth));
      }),
      { seed: 20261206, numRuns: 500 },
    );
  });

  test('empty collections and strings that hold brackets and line breaks', () => {
    for (const value of [[], {}, { a: [] }, ['[\n]'], { '"]': '\\n' }])
      for (const depth of [1, 2, 4]) expect(indentedJson(value, depth)).toBe(reference(value, depth));
  });
});
