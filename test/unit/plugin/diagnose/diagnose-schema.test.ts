// The `diagnose -o json` contract: every output validates against
// schemas/diagnose-output.schema.json, and its keys come in the schema's order (stable output).
import { describe, expect, test } from '@jest/globals';
import { compileSchema, loadSchema } from '../../../helpers/output-schemas.ts';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import type { DiagnoseOutput } from '../../../../schemas/generated/diagnose-output.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';

interface ObjectSchema {
  required: string[];
  properties: Record<string, unknown>;
}
const document = loadSchema('diagnose-output') as {
  definitions: { DiagnoseOutput: ObjectSchema; Attempt: ObjectSchema };
};
/** A Job's diagnosis; the document's root also takes a CronJob without a Job. */
const schema = { ...document.definitions.DiagnoseOutput, definitions: document.definitions };
const validate = await compileSchema(document);

describe.each(snapshotScenarios())('%s', (scenario) => {
  const output: DiagnoseOutput = diagnose(loadSnapshot(scenario));

  test('validates against the schema', () => {
    const valid = validate(JSON.parse(JSON.stringify(output)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('keys in the schema order', () => {
    expect(Object.keys(output)).toEqual(Object.keys(schema.properties));
    expect(schema.required).toEqual(Object.keys(schema.properties));
    for (const attempt of output.attempts)
      expect(Object.keys(attempt)).toEqual(Object.keys(schema.definitions.Attempt.properties));
  });
});

test('the schema rejects what the contract forbids', () => {
  const output = JSON.parse(JSON.stringify(diagnose(loadSnapshot('complete')))) as Record<string, unknown>;
  expect(validate({ ...output, state: 'Succeeded' })).toBe(false);
  const { attempts: _attempts, ...withoutAttempts } = output;
  expect(validate(withoutAttempts)).toBe(false);
  expect(validate({ ...output, extra: true })).toBe(false);
});
