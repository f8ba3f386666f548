import { newDecodedObject, type JsonObject } from './decoded-object.ts';

/**
 * Typed reads from untrusted decoded JSON/YAML. A value of the wrong type reads as absent: the
 * `field-types` rule reports it, and every other rule can rely on the types it asks for. Only own
 * properties are read: the readers build objects that inherit nothing (decoded-object.ts), and
 * an object built elsewhere (a test, a spread copy) must not answer `constructor` from its
 * prototype either.
 */
export type { JsonObject } from './decoded-object.ts';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `key` of an object; undefined for anything else or an inherited member. */
export function own(from: unknown, key: string): unknown {
  return isObject(from) && Object.hasOwn(from, key) ? from[key] : undefined;
}

export function obj(from: unknown, key: string): JsonObject | undefined {
  const value = own(from, key);
  return isObject(value) ? value : undefined;
}

export function arr(from: unknown, key: string): unknown[] | undefined {
  const value = own(from, key);
  return Array.isArray(value) ? value : undefined;
}

export function str(from: unknown, key: string): string | undefined {
  const value = own(from, key);
  return typeof value === 'string' ? value : undefined;
}

export function int(from: unknown, key: string): number | undefined {
  const value = own(from, key);
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function bool(from: unknown, key: string): boolean | undefined {
  const value = own(from, key);
  return typeof value === 'boolean' ? value : undefined;
}

/** Whether the key is present with any value other than null (Go decodes null as "unset"). */
export function has(from: unknown, key: string): boolean {
  const value = own(from, key);
  return value !== undefined && value !== null;
}

/** A string-to-string map such as labels; non-string values are skipped (reported by field-types). */
export function stringMap(from: unknown, key: string): Record<string, string> | undefined {
  const value = obj(from, key);
  if (!value) return undefined;
  // Keyed by the document's keys, so it inherits nothing either.
  const out = newDecodedObject() as Record<string, string>;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function objects(from: unknown, key: string): JsonObject[] {
  return (arr(from, key) ?? []).map((item) => (isObject(item) ? item : newDecodedObject()));
}
