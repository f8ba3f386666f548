// The JSON Schemas of schemas/ for tests: load one, compile it with ajv (strict, all errors).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMAS = join(import.meta.dirname, '..', '..', 'schemas');

export type Validate = ((data: unknown) => boolean) & { errors?: unknown };

export function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS, `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

/**
 * The schema with one of its definitions as the root (its other definitions kept for $ref), e.g.
 * diagnose-output's CronJobWithoutJob, the output of a CronJob that owns no Job.
 */
export function definitionAsRoot(schema: Record<string, unknown>, name: string): Record<string, unknown> {
  const definitions = schema.definitions as Record<string, Record<string, unknown>>;
  return { $schema: schema.$schema, ...definitions[name], definitions };
}

export async function compileSchema(schema: object): Promise<Validate> {
  const { default: AjvModule } = await import('ajv');
  const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
  return new (Ajv as unknown as new (o: object) => { compile(s: object): Validate })({
    allErrors: true,
    strict: true,
  }).compile(schema);
}

/** The paths of every property, anywhere in the schema (definitions, items, oneOf...), that has no description. */
export function undocumentedProperties(node: unknown, path = '', out: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return out;
  if (Array.isArray(node)) {
    node.forEach((item, i) => undocumentedProperties(item, `${path}[${i}]`, out));
    return out;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.properties === 'object' && record.properties !== null) {
    for (const [key, value] of Object.entries(record.properties as Record<string, unknown>)) {
      // A bare $ref is documented by its definition (draft-07 ignores a description beside it).
      const documented =
        typeof (value as { description?: unknown }).description === 'string' ||
        Object.keys(value as object).join() === '$ref';
      if (!documented) out.push(`${path}.${key}`);
      undocumentedProperties(value, `${path}.${key}`, out);
    }
  }
  for (const key of ['items', 'oneOf', 'anyOf', 'allOf', 'additionalProperties'])
    if (record[key]) undocumentedProperties(record[key], `${path}/${key}`, out);
  if (record.definitions)
    for (const [key, value] of Object.entries(record.definitions as Record<string, unknown>))
      undocumentedProperties(value, `#${key}`, out);
  return out;
}
