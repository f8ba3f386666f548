/**
 * Typed reads from untrusted decoded JSON/YAML. A value of the wrong type reads as absent: the
 * `field-types` rule reports it, and every other rule can rely on the types it asks for.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(from: unknown, key: string): JsonObject | undefined {
  const value = isObject(from) ? from[key] : undefined;
  return isObject(value) ? value : undefined;
}

export function arr(from: unknown, key: string): unknown[] | undefined {
  const value = isObject(from) ? from[key] : undefined;
  return Array.isArray(value) ? value : undefined;
}

export function str(from: unknown, key: string): string | undefined {
  const value = isObject(from) ? from[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function int(from: unknown, key: string): number | undefined {
  const value = isObject(from) ? from[key] : undefined;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function bool(from: unknown, key: string): boolean | undefined {
  const value = isObject(from) ? from[key] : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

/** Whether the key is present with any value other than null (Go decodes null as "unset"). */
export function has(from: unknown, key: string): boolean {
  return isObject(from) && from[key] !== undefined && from[key] !== null;
}

/** A string-to-string map such as labels; non-string values are skipped (reported by field-types). */
export function stringMap(from: unknown, key: string): Record<string, string> | undefined {
  const value = obj(from, key);
  if (!value) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function objects(from: unknown, key: string): JsonObject[] {
  return (arr(from, key) ?? []).map((item) => (isObject(item) ? item : {}));
}
