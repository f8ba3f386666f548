// Every JSON output and the policy file are contracts (design.md §2): each schema must compile
// under ajv's strict mode and document every property it declares.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { compileSchema, loadSchema, undocumentedProperties } from '../helpers/output-schemas.ts';

const names = readdirSync(join(import.meta.dirname, '..', '..', 'schemas'))
  .filter((file) => file.endsWith('.schema.json'))
  .map((file) => file.replace(/\.schema\.json$/, ''))
  .sort();

test('the schemas are all here', () => {
  expect(names).toEqual([
    'audit-output',
    'diagnose-output',
    'explain-output',
    'index-status-output',
    'lint-output',
    'policy',
  ]);
});

describe.each(names)('schemas/%s.schema.json', (name) => {
  test('compiles in strict mode', async () => {
    await expect(compileSchema(loadSchema(name))).resolves.toBeInstanceOf(Function);
  });
  test('documents every property', () => {
    expect(undocumentedProperties(loadSchema(name))).toEqual([]);
  });
});
