/**
 * Standalone strict JSON schemas for kubeconform from the Kubernetes OpenAPI v2 document
 * (api/openapi-spec/swagger.json of the k8s.io/kubernetes Go module), one per kind, in
 * kubeconform's layout (`<kind>-<group>-<version>.json`, e.g. `job-batch-v1.json`).
 *
 * A port of what produces kubeconform's default schemas (yannh/kubernetes-json-schema:
 * `openapi2jsonschema --expanded --kubernetes --stand-alone --strict`), limited to the kinds asked:
 *
 * - IntOrString becomes `oneOf: [string, integer]`, Quantity `oneOf: [string, number]`;
 * - `apiVersion` and `kind` of every definition with x-kubernetes-group-version-kind get enums;
 * - strict: `additionalProperties: false` on the root and on every object that declares
 *   `properties` and says nothing about additionalProperties (maps keep theirs);
 * - the root's own properties: `format: int-or-string` replaced, and optional types made nullable
 *   (`["string", "null"]`), as openapi2jsonschema does;
 * - every `$ref` replaced by the (processed) definition it points to, siblings dropped (jsonref);
 *   a cycle is an error (Job and CronJob have none).
 *
 * Usage: node bench/lint/openapi-to-jsonschema.ts <swagger.json> <out-dir> [definition...]
 * (default definitions: io.k8s.api.batch.v1.Job io.k8s.api.batch.v1.CronJob).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export const DEFAULT_DEFINITIONS = ['io.k8s.api.batch.v1.Job', 'io.k8s.api.batch.v1.CronJob'] as const;

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const REF_PREFIX = '#/definitions/';

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** kubeconform's file name for a definition: `<kind>-<group>-<version>` (`<kind>-<version>` for core). */
export function schemaFileName(title: string): string {
  const parts = title.split('.');
  const kind = parts.at(-1)!.toLowerCase();
  const version = parts.at(-2)!.toLowerCase();
  const group = parts.at(-3)!.toLowerCase();
  return group === 'core' || group === 'api' ? `${kind}-${version}.json` : `${kind}-${group}-${version}.json`;
}

/** openapi2jsonschema's additional_properties: walks objects only (not arrays), in place. */
function denyAdditionalProperties(data: Json): void {
  if (!isObject(data)) return;
  for (const value of Object.values(data)) {
    if (!isObject(value)) continue;
    if ('properties' in value && !('additionalProperties' in value)) value.additionalProperties = false;
    denyAdditionalProperties(value);
  }
}

/** openapi2jsonschema's replace_int_or_string. */
function replaceIntOrString(data: Json): Json {
  if (!isObject(data)) return data;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (isObject(value)) {
      out[key] =
        value.format === 'int-or-string'
          ? { oneOf: [{ type: 'string' }, { type: 'integer' }] }
          : replaceIntOrString(value);
    } else if (Array.isArray(value)) {
      out[key] = value.map(replaceIntOrString);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * openapi2jsonschema's allow_null_optional_fields(data, parent, grand_parent, key): `type: T`
 * becomes `[T, "null"]` unless `key` is listed in the grand-parent's `required`.
 */
function allowNull(data: Json, parent: Json | undefined, grandParent: Json | undefined, key: string | undefined): Json {
  if (!isObject(data)) return data;
  const out: JsonObject = {};
  for (const [k, value] of Object.entries(data)) {
    if (isObject(value)) {
      out[k] = allowNull(value, data, parent, k);
    } else if (Array.isArray(value)) {
      out[k] = value.map((item) => allowNull(item, value, parent, k));
    } else if (typeof value === 'string' && k === 'type' && value !== 'null') {
      const required =
        isObject(grandParent) &&
        Array.isArray(grandParent.required) &&
        key !== undefined &&
        grandParent.required.includes(key);
      out[k] = required ? value : [value, 'null'];
    } else {
      out[k] = value;
    }
  }
  return out;
}

/** The definitions after openapi2jsonschema's Kubernetes and strict passes (_definitions.json). */
export function processDefinitions(definitions: JsonObject, strict: boolean): JsonObject {
  const defs = structuredClone(definitions);
  defs[INT_OR_STRING] = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  // As openapi2jsonschema: the API refuses numbers, but most tooling accepts them.
  defs[QUANTITY] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
  for (const def of Object.values(defs)) {
    if (!isObject(def) || !Array.isArray(def['x-kubernetes-group-version-kind']) || !isObject(def.properties)) continue;
    for (const gvk of def['x-kubernetes-group-version-kind']) {
      if (!isObject(gvk)) continue;
      const apiVersion = isObject(def.properties.apiVersion) ? def.properties.apiVersion : undefined;
      if (apiVersion)
        appendNoDuplicates(
          apiVersion,
          'enum',
          gvk.group ? `${String(gvk.group)}/${String(gvk.version)}` : String(gvk.version),
        );
      const kind = isObject(def.properties.kind) ? def.properties.kind : undefined;
      if (kind) appendNoDuplicates(kind, 'enum', String(gvk.kind));
    }
  }
  if (strict) denyAdditionalProperties(defs);
  return defs;
}

function appendNoDuplicates(object: JsonObject, key: string, value: string): void {
  const list = Array.isArray(object[key]) ? object[key] : (object[key] = []);
  if (!list.includes(value)) list.push(value);
}

/** Replaces every `{ $ref: '#/definitions/X', ... }` with a resolved copy of X (siblings dropped). */
function dereference(data: Json, defs: JsonObject, stack: readonly string[]): Json {
  if (Array.isArray(data)) return data.map((item) => dereference(item, defs, stack));
  if (!isObject(data)) return data;
  const ref = data.$ref;
  if (typeof ref === 'string') {
    if (!ref.startsWith(REF_PREFIX)) throw new Error(`unsupported $ref ${ref}`);
    const name = ref.slice(REF_PREFIX.length);
    if (stack.includes(name)) throw new Error(`cyclic $ref: ${[...stack, name].join(' -> ')}`);
    const target = defs[name];
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    return dereference(target, defs, [...stack, name]);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(data)) out[key] = dereference(value, defs, stack);
  return out;
}

/** One standalone strict schema per definition title, keyed by kubeconform file name. */
export function openapiToJsonSchemas(
  document: JsonObject,
  titles: readonly string[],
  strict = true,
): Map<string, JsonObject> {
  if (typeof document.swagger !== 'string' || !document.swagger.startsWith('2.') || !isObject(document.definitions)) {
    throw new Error('expected an OpenAPI (Swagger) 2.0 document with definitions');
  }
  const defs = processDefinitions(document.definitions, strict);
  const schemas = new Map<string, JsonObject>();
  for (const title of titles) {
    const source = defs[title];
    if (!isObject(source)) throw new Error(`no definition ${title}`);
    let spec: JsonObject = structuredClone(source);
    spec.$schema = 'http://json-schema.org/schema#';
    spec.type ??= 'object';
    if (strict) spec.additionalProperties = false;
    if (isObject(spec.properties)) {
      if (strict) denyAdditionalProperties(spec.properties);
      spec.properties = allowNull(replaceIntOrString(spec.properties), undefined, undefined, undefined);
    }
    spec = dereference(spec, defs, [title]) as JsonObject;
    schemas.set(schemaFileName(title), spec);
  }
  return schemas;
}

/** Reads swagger.json and writes one schema file per title into outDir; returns the paths. */
export async function writeJsonSchemas(
  swaggerPath: string,
  outDir: string,
  titles: readonly string[] = DEFAULT_DEFINITIONS,
): Promise<string[]> {
  const document = JSON.parse(await readFile(swaggerPath, 'utf8')) as JsonObject;
  const schemas = openapiToJsonSchemas(document, titles);
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, schema] of schemas) {
    const path = join(outDir, name);
    await writeFile(path, `${JSON.stringify(schema, null, 2)}\n`);
    written.push(path);
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [swagger, outDir, ...titles] = process.argv.slice(2);
  if (!swagger || !outDir) {
    process.stderr.write('usage: openapi-to-jsonschema.ts <swagger.json> <out-dir> [definition...]\n');
    process.exit(2);
  }
  for (const path of await writeJsonSchemas(swagger, outDir, titles.length > 0 ? titles : DEFAULT_DEFINITIONS))
    process.stdout.write(`${path}\n`);
}
