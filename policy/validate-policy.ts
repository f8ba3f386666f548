import AjvModule, { type ValidateFunction } from 'ajv';
import schema from '../schemas/policy.schema.json' with { type: 'json' };
import type { JobXPolicy } from '../schemas/generated/policy.ts';
import { PolicyError } from './policy-error.ts';

// ajv is CommonJS; depending on the loader its class is the default export or its `default`.
type AjvClass = typeof AjvModule.default;
const Ajv: AjvClass = (AjvModule as unknown as { default?: AjvClass }).default ?? (AjvModule as unknown as AjvClass);
let validate: ValidateFunction | undefined;

/** `/rules/require-ttl/level` → `rules.require-ttl.level`, the form users search their file for. */
function toKey(instancePath: string): string {
  return (
    instancePath
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .join('.') || '(top level)'
  );
}

/**
 * Checks a decoded policy file against schemas/policy.schema.json and returns it typed; the first
 * problem is thrown as a PolicyError naming the offending key.
 */
export function parsePolicy(document: unknown): JobXPolicy {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (validate(document)) return document as JobXPolicy;
  const errors = validate.errors ?? [];
  // oneOf failures list every branch; the most specific error is the deepest one.
  const deepest = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  if (!deepest) throw new PolicyError('(top level)', 'is not a valid job-x policy');
  const key =
    deepest.keyword === 'additionalProperties'
      ? `${toKey(deepest.instancePath)}.${String(deepest.params.additionalProperty)}`.replace(/^\(top level\)\./, '')
      : toKey(deepest.instancePath);
  const detail =
    deepest.keyword === 'additionalProperties'
      ? 'unknown key'
      : deepest.keyword === 'enum' || deepest.keyword === 'const'
        ? `${deepest.message ?? 'is not allowed'}: ${JSON.stringify(deepest.params.allowedValues ?? deepest.params.allowedValue)}`
        : (deepest.message ?? 'is invalid');
  throw new PolicyError(key, detail);
}
