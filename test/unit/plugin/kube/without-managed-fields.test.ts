import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { textWithoutManagedFields } from '../../../../plugin/kube/without-managed-fields.ts';

const cut = (value: unknown) => JSON.parse(textWithoutManagedFields(Buffer.from(JSON.stringify(value)))) as unknown;

/** What JSON.parse then dropping every metadata.managedFields gives: the reference. */
function dropped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropped);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => !(key === 'managedFields' && Array.isArray(v)))
        .map(([key, v]) => [key, dropped(v)]),
    );
  }
  return value;
}

const managedFields = [
  {
    manager: 'kubelet',
    operation: 'Update',
    subresource: 'status',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {} } } } },
  },
  { manager: 'tricky ]}"[{\\', operation: 'Apply', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:a\\"]': {} } } } },
];

describe('textWithoutManagedFields', () => {
  test('cuts managedFields wherever they sit in a member list (first, middle, last, only)', () => {
    const list = {
      kind: 'PodList',
      metadata: { resourceVersion: '1' },
      items: [
        { metadata: { managedFields, name: 'first', uid: 'a' } },
        { metadata: { name: 'middle', managedFields, uid: 'b' } },
        { metadata: { name: 'last', uid: 'c', managedFields } },
        { metadata: { managedFields } },
      ],
    };
    expect(cut(list)).toEqual({
      kind: 'PodList',
      metadata: { resourceVersion: '1' },
      items: [
        { metadata: { name: 'first', uid: 'a' } },
        { metadata: { name: 'middle', uid: 'b' } },
        { metadata: { name: 'last', uid: 'c' } },
        { metadata: {} },
      ],
    });
  });

  test('leaves the text alone where "managedFields":[ is string content or not an array', () => {
    const value = {
      metadata: {
        annotations: { note: '{"managedFields":[1,2]}', managedFields: '[x]', ',"managedFields":[': 'y' },
        labels: { a: 'é ü 日本' },
      },
      message: 'pod said ,"managedFields":[ and left',
    };
    expect(cut(value)).toEqual(value);
  });

  test('keeps multi-byte characters whole around the cuts', () => {
    const value = {
      items: [
        { metadata: { name: 'ü', managedFields, annotations: { x: '日本語 ✓' } } },
        { message: '🚀', metadata: { managedFields } },
      ],
    };
    expect(cut(value)).toEqual(dropped(value));
  });

  test('a truncated answer is left for JSON.parse to reject', () => {
    const text = '{"items":[{"metadata":{"name":"a","managedFields":[{"manager":"k"';
    expect(textWithoutManagedFields(Buffer.from(text))).toBe(text);
  });

  test('equals parsing and dropping for any JSON', () => {
    const withManaged = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.oneof(fc.constant('managedFields'), fc.string({ unit: 'binary' })), tie('value'), {
        maxKeys: 4,
      }),
    }));
    fc.assert(fc.property(withManaged.value, (value) => expect(cut(value)).toEqual(dropped(value))));
  });

  test('a recorded pod list loses its managedFields and nothing else', () => {
    const pods = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../fixtures/snapshots/complete/pods.json'), 'utf8'),
    ) as unknown[];
    const list = {
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: {},
      items: pods.map((pod) => ({
        ...(pod as object),
        metadata: { ...(pod as { metadata: object }).metadata, managedFields },
      })),
    };
    expect(cut(list)).toEqual(dropped(list));
  });
});
