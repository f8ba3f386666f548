// The -o json|yaml document against its JSON Schema (schemas/explain-output.schema.json).
import { describe, expect, test } from '@jest/globals';
import { compileSchema, loadSchema, undocumentedProperties } from '../../../helpers/output-schemas.ts';
import { resolvePolicy, RULES } from '../../../../policy/index.ts';
import type { JsonObject } from '../../../../kubernetes/decoded-access.ts';
import { toExplainOutput } from '../../../../plugin/commands/explain.ts';
import { explainManifest } from '../../../../plugin/explain/explain-manifest.ts';
import { explainObject } from '../../../../plugin/explain/explain-object.ts';
import type { Explanation } from '../../../../plugin/explain/explanation.ts';
import { seedExamples } from '../../../helpers/seed-examples.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';

const schema = loadSchema('explain-output');
const policy = resolvePolicy(RULES, undefined);

/** A spread of explanations: every seed, every Job recorded on the testbed (live), a CronJob. */
function corpus(): Explanation[] {
  const fromSeeds = seedExamples().flatMap((example) => explainManifest(example.id, example.text, policy).explanations);
  const live = snapshotScenarios().map((scenario) =>
    explainObject(loadSnapshot(scenario).job as unknown as JsonObject, {
      policy,
      source: { type: 'cluster', uid: 'u' },
    }),
  );
  const cronJob = explainManifest(
    'cron.yaml',
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {schedule: "@hourly", jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: i:1}]}}}}}',
    policy,
  ).explanations;
  return [...fromSeeds, ...live, ...cronJob];
}

describe('schemas/explain-output.schema.json', () => {
  test('documents every field', () => {
    expect(undocumentedProperties(schema)).toEqual([]);
  });

  test('every explanation validates, alone and as a List', async () => {
    const validate = await compileSchema(schema);
    const explanations = corpus();
    expect(explanations.length).toBeGreaterThan(30);
    for (const explanation of explanations) {
      const document = JSON.parse(JSON.stringify(toExplainOutput([explanation])));
      expect({ name: explanation.name, valid: validate(document), errors: validate.errors ?? null }).toEqual({
        name: explanation.name,
        valid: true,
        errors: null,
      });
    }
    const list = JSON.parse(JSON.stringify(toExplainOutput(explanations)));
    expect(list.kind).toBe('List');
    expect(validate(list)).toBe(true);
  });

  test('the contract fields are there: pattern, effective (null where unset), retries.budget and retries.schedule', async () => {
    const validate = await compileSchema(schema);
    const [pi] = explainManifest(
      'pi.yaml',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec: {backoffLimit: 4, template: {spec: {restartPolicy: Never, containers: [{name: c, image: i:1}]}}}',
      policy,
    ).explanations;
    const document = JSON.parse(JSON.stringify(toExplainOutput([pi!])));
    expect(validate(document)).toBe(true);
    expect(document.pattern).toBe('NonParallel');
    expect(document.effective.activeDeadlineSeconds).toBeNull();
    expect(document.retries).toMatchObject({ budget: 4, schedule: [10, 20, 40, 80] });
  });

  test('a document missing a contract field does not validate', async () => {
    const validate = await compileSchema(schema);
    const [pi] = explainManifest(
      'pi.yaml',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: i:1}]}}}',
      policy,
    ).explanations;
    const { retries: _retries, ...withoutRetries } = JSON.parse(JSON.stringify(pi)) as Record<string, unknown>;
    expect(validate(withoutRetries)).toBe(false);
  });
});
