import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { scanReview, withoutObjects } from '../../../webhook/server/review-scan.ts';
import { review } from './fixtures.ts';

/** Every JSON value in a decoded document, the document included. */
function countValues(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce((sum: number, item) => sum + countValues(item), 0);
  if (typeof value === 'object' && value !== null)
    return 1 + Object.values(value).reduce((sum: number, item) => sum + countValues(item), 0);
  return 1;
}

/** JSON with whitespace everywhere JSON allows it, as other clients may write it. */
function spaced(value: unknown): string {
  const ws = ' \r\n\t';
  if (Array.isArray(value)) return `[${ws}${value.map(spaced).join(`${ws},${ws}`)}${ws}]`;
  if (typeof value === 'object' && value !== null)
    return `{${ws}${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}${ws}:${ws}${spaced(item)}`)
      .join(`${ws},${ws}`)}${ws}}`;
  return JSON.stringify(value);
}

const layouts = [(value: unknown) => JSON.stringify(value), (value: unknown) => JSON.stringify(value, null, 2), spaced];

const json = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });

describe('scanReview', () => {
  test('counts the values of a recorded review, and those of its object and oldObject', () => {
    const body = review('job-update-label');
    const scan = scanReview(Buffer.from(JSON.stringify(body)));
    expect(scan).toEqual(
      expect.objectContaining({
        values: countValues(body),
        objectValues: countValues(body.request.object),
        oldObjectValues: countValues(body.request.oldObject),
      }),
    );
    expect(scan.objectRanges).toHaveLength(2);
  });

  test('any JSON: the counts are what JSON.parse builds; without the objects, the envelope is the rest', () => {
    fc.assert(
      fc.property(json, json, json, fc.constantFrom(...layouts), (object, oldObject, other, layout) => {
        // Keys whose values look like structure (strings with braces, quotes, escapes) test the string skipping.
        const body = { kind: 'AdmissionReview', request: { uid: 'u"{[', object, other, oldObject }, tail: other };
        const text = layout(body);
        const scan = scanReview(Buffer.from(text));
        expect(scan.values).toBe(countValues(body));
        expect(scan.objectValues).toBe(countValues(object));
        expect(scan.oldObjectValues).toBe(countValues(oldObject));
        expect(JSON.parse(withoutObjects(Buffer.from(text), scan.objectRanges))).toEqual({
          ...body,
          request: { ...body.request, object: null, oldObject: null },
        });
      }),
      { seed: 11, numRuns: 400 },
    );
  });

  test('member names are read as JSON.parse reads them: an escaped "object" is found too', () => {
    const text = '{"kind":"AdmissionReview","request":{"uid":"x","\\u006fbject":[{},{}],"oldObject":{"a":[1]}}}';
    const scan = scanReview(Buffer.from(text));
    expect(scan).toEqual(expect.objectContaining({ objectValues: 3, oldObjectValues: 3, values: 10 }));
    expect(JSON.parse(withoutObjects(Buffer.from(text), scan.objectRanges))).toEqual({
      kind: 'AdmissionReview',
      request: { uid: 'x', object: null, oldObject: null },
    });
  });

  test('"object" elsewhere (inside the object, or at the top) is not the request object', () => {
    const text = '{"object":[[]],"request":{"uid":"x","options":{"object":[1,2]},"object":{"object":{}}}}';
    const scan = scanReview(Buffer.from(text));
    expect(scan.objectValues).toBe(2);
    expect(scan.oldObjectValues).toBe(0);
    expect(JSON.parse(withoutObjects(Buffer.from(text), scan.objectRanges))).toEqual({
      object: [[]],
      request: { uid: 'x', options: { object: [1, 2] }, object: null },
    });
  });

  test('truncated or malformed input ends the scan without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const scan = scanReview(Buffer.from(bytes));
        expect(scan.values).toBeGreaterThanOrEqual(scan.objectValues + scan.oldObjectValues);
      }),
      { seed: 12, numRuns: 500 },
    );
    expect(scanReview(Buffer.from('{"request":{"object":[{},{"a":"\\')).objectValues).toBe(4);
  });
});
