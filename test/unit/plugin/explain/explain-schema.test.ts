// The -o json|yaml document against its JSON Schema (schemas/explain-output.schema.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../../policy/index.ts';
import type { JsonObject } from '../../../../policy/k8s/access.ts';
import { toExplainOutput } from '../../../../plugin/commands/explain.ts';
import { explainManifest } from '../../../../plugin/explain/explain-manifest.ts';
import { explainObject } from '../../../../plugin/explain/explain-object.ts';
import type { Explanation } from '../../../../plugin/explain/explanation.ts';
import { seedExamples } from '../../../helpers/seed-examples.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';

const SCHEMA_FILE = join(import.meta.dirname, '..', '..', '..', '..', 'schemas', 'explain-output.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const policy = resolvePolicy(RULES, undefined);

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
async function compile(): Promise<Validate> {
  const { default: AjvModule } = await import('ajv');
  const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
  return new (Ajv as unknown as new (o: object) => { compile(s: object): Validate })({ allErrors: true, strict: true }).compile(schema);
}

/** Every property of every object in the schema has a description (the contract documents itself). */
function undocumented(node: unknown, path: string, out: string[]): string[] {
  if (typeof node !== 'object' || node === null) return out;
  const record = node as Record<string, unknown>;
  if (typeof record.properties === 'object' && record.properties !== null) {
    for (const [key, value] of Object.entries(record.properties as Record<string, unknown>)) {
      if (typeof (value as { description?: unknown }).description !== 'string') out.push(`${path}.${key}`);
      undocumented(value, `${path}.${key}`, out);
    }
  }
  for (const key of ['items', 'oneOf']) if (record[key]) undocumented(record[key], `${path}/${key}`, out);
  if (Array.isArray(node)) node.forEach((item, i) => undocumented(item, `${path}[${i}]`, out));
  if (record.definitions) for (const [key, value] of Object.entries(record.definitions as Record<string, unknown>)) undocumented(value, `#${key}`, out);
  return out;
}

/** A spread of explanations: every seed, every Job recorded on the testbed (live), a CronJob. */
function corpus(): Explanation[] {
  const fromSeeds = seedExamples().flatMap((example) => explainManifest(example.id, example.text, policy).explanations);
  const live = snapshotScenarios().map((scenario) => explainObject(loadSnapshot(scenario).job as unknown as JsonObject, { policy, source: { type: 'cluster', uid: 'u' } }));
  const cronJob = explainManifest(
    'cron.yaml',
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {schedule: "@hourly", jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: i:1}]}}}}}',
    policy,
  ).explanations;
  return [...fromSeeds, ...live, ...cronJob];
}

describe('schemas/explain-output.schema.json', () => {
  test('documents every field', () => {
    expect(undocumented(schema, '', [])).toEqual([]);
  });

  test('every explanation validates, alone and as a List', async () => {
    const validate = await compile();
    const explanations = corpus();
    expect(explanations.length).toBeGreaterThan(30);
    for (const explanation of explanations) {
      const document = JSON.parse(JSON.stringify(toExplainOutput([explanation])));
      expect({ name: explanation.name, valid: validate(document), errors: validate.errors ?? null }).toEqual({ name: explanation.name, valid: true, errors: null });
    }
    const list = JSON.parse(JSON.stringify(toExplainOutput(explanations)));
    expect(list.kind).toBe('List');
    expect(validate(list)).toBe(true);
  });

  test('the contract fields are there: pattern, effective (null where unset), retries.budget and retries.schedule', async () => {
    const validate = await compile();
    const [pi] = explainManifest('pi.yaml', 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec: {backoffLimit: 4, template: {spec: {restartPolicy: Never, containers: [{name: c, image: i:1}]}}}', policy).explanations;
    const document = JSON.parse(JSON.stringify(toExplainOutput([pi!])));
    expect(validate(document)).toBe(true);
    expect(document.pattern).toBe('NonParallel');
    expect(document.effective.activeDeadlineSeconds).toBeNull();
    expect(document.retries).toMatchObject({ budget: 4, schedule: [10, 20, 40, 80] });
  });

  test('a document missing a contract field does not validate', async () => {
    const validate = await compile();
    const [pi] = explainManifest('pi.yaml', 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: i:1}]}}}', policy).explanations;
    const { retries: _retries, ...withoutRetries } = JSON.parse(JSON.stringify(pi)) as Record<string, unknown>;
    expect(validate(withoutRetries)).toBe(false);
  });
});
