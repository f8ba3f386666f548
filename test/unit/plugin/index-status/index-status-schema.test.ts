// The -o json document against its JSON Schema (schemas/index-status-output.schema.json).
import { describe, expect, test } from '@jest/globals';
import { compileSchema, loadSchema, undocumentedProperties } from '../../../helpers/output-schemas.ts';
import { toIndexDetails } from '../../../../plugin/index-status/index-details.ts';
import { toIndexStatus } from '../../../../plugin/index-status/index-status.ts';
import { toIndexStatusOutput } from '../../../../plugin/index-status/index-status-output.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';
import { everyOther, indexedJob, indexPod, snapshotOf } from './builders.ts';

const schema = loadSchema('index-status-output');

describe('schemas/index-status-output.schema.json', () => {
  test('documents every field', () => {
    expect(undocumentedProperties(schema)).toEqual([]);
  });

  test('every recorded Indexed Job, with and without --index details, validates', async () => {
    const validate = await compileSchema(schema);
    const scenarios = snapshotScenarios().filter((s) => loadSnapshot(s).job.spec?.completionMode === 'Indexed');
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
    for (const scenario of scenarios) {
      const result = toIndexStatus(loadSnapshot(scenario));
      if (!result.indexed) throw new Error(scenario);
      const all = [{ first: 0, last: result.status.completions - 1 }];
      for (const document of [
        toIndexStatusOutput(result.status),
        toIndexStatusOutput(result.status, toIndexDetails(result.status, all)),
      ]) {
        expect({ scenario, valid: validate(document), errors: validate.errors ?? null }).toEqual({
          scenario,
          valid: true,
          errors: null,
        });
      }
    }
  });

  test('a 100,000-completion Job with a success policy validates', async () => {
    const validate = await compileSchema(schema);
    const job = indexedJob(
      {
        completions: 100_000,
        parallelism: 1000,
        backoffLimitPerIndex: 2,
        maxFailedIndexes: 10,
        successPolicy: { rules: [{ succeededIndexes: '0-99', succeededCount: 50 }, { succeededCount: 90_000 }] },
      },
      { completedIndexes: everyOther(100_000), failedIndexes: '1,3,5' },
    );
    const result = toIndexStatus(
      snapshotOf(job, [
        indexPod(7, { phase: 'Running', failureCount: 2 }),
        indexPod(9, { phase: 'Failed', failureCount: 0, exitCode: 3 }),
      ]),
    );
    if (!result.indexed) throw new Error('not Indexed');
    const document = toIndexStatusOutput(result.status, toIndexDetails(result.status, [{ first: 5, last: 9 }]));
    expect({ valid: validate(document), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
  });

  test('the schema rejects what the contract forbids', async () => {
    const validate = await compileSchema(schema);
    const result = toIndexStatus(loadSnapshot('indexed-mixed-running'));
    if (!result.indexed) throw new Error('not Indexed');
    const good = toIndexStatusOutput(result.status);
    expect(validate({ ...good, intervals: { ...good.intervals, succeeded: '0, 1' } })).toBe(false);
    expect(validate({ ...good, successPolicy: { met: true } })).toBe(false);
    const { completions: _dropped, ...withoutCompletions } = good;
    expect(validate(withoutCompletions)).toBe(false);
  });
});
