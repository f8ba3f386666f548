/**
 * Generates kubernetes/generated/decode-types.ts: the table lint's strict decoding walks (field
 * names, Go types, int ranges, embedded structs, types with their own UnmarshalJSON) for a whole
 * batch/v1 Job and CronJob, pod template included.
 *
 * The source is the pinned Kubernetes itself: test/testbed/k8s/decode-types (a Go program in the
 * testbed's module, so a Kubernetes bump changes it) prints the Go types the API server decodes
 * into, by reflection, since the messages name Go types and embedded structs that the OpenAPI
 * document does not carry (`Go struct field Volume.spec.template.spec.volumes.VolumeSource.hostPath
 * of type v1.HostPathVolumeSource`). Every struct is checked against its definition in the
 * release's OpenAPI document (api/openapi-spec/swagger.json): same fields, same integer formats.
 *
 * `--check` (CI, no Go needed) fails when the file's recorded inputs (the pinned version, the Go
 * program, this script) differ from the repository's, i.e. after a bump that was not regenerated.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { goBinary, goEnv, kubernetesVersion, REPO_ROOT, swaggerPath, TESTBED_MODULE } from './kubernetes-module.ts';

const OUT = join(REPO_ROOT, 'kubernetes', 'generated', 'decode-types.ts');
const GO_PROGRAM = join(TESTBED_MODULE, 'decode-types', 'main.go');

interface GoType {
  kind: 'struct' | 'slice' | 'map' | 'string' | 'bool' | 'int' | 'uint' | 'float' | 'interface' | 'custom' | 'bytes';
  name: string;
  short?: string;
  package?: string;
  bits?: number;
  elem?: string;
  fields?: { json: string; type: string; via?: string[] }[];
}
interface GoTypes {
  roots: { Job: string; CronJob: string };
  types: GoType[];
}

async function inputsDigest(version: string): Promise<string> {
  const hash = createHash('sha256').update(version);
  for (const file of [GO_PROGRAM, import.meta.filename]) hash.update(await readFile(file));
  return hash.digest('hex').slice(0, 16);
}

/** `k8s.io/api/core/v1` → `io.k8s.api.core.v1`, the OpenAPI definition prefix. */
function definitionPrefix(goPackage: string): string {
  const [domain = '', ...rest] = goPackage.split('/');
  return [...domain.split('.').reverse(), ...rest].join('.');
}

type Definitions = Record<string, { properties?: Record<string, { type?: string; format?: string }> }>;

/** Differences between the Go structs and the OpenAPI definitions (empty: they agree). */
function openapiDifferences(types: GoType[], definitions: Definitions): string[] {
  const byName = new Map(types.map((t) => [t.name, t]));
  const problems: string[] = [];
  for (const type of types) {
    if (type.kind !== 'struct' || !type.package) continue;
    const definition = definitions[`${definitionPrefix(type.package)}.${type.short}`];
    if (!definition) {
      problems.push(`${type.name}: no OpenAPI definition`);
      continue;
    }
    const properties = definition.properties ?? {};
    const goFields = new Map((type.fields ?? []).map((f) => [f.json, f]));
    for (const name of Object.keys(properties))
      if (!goFields.has(name)) problems.push(`${type.name}.${name}: in OpenAPI, not in Go`);
    for (const [name, field] of goFields) {
      const property = properties[name];
      if (!property) {
        problems.push(`${type.name}.${name}: in Go, not in OpenAPI`);
        continue;
      }
      const goType = byName.get(field.type);
      const format = property.format;
      if ((format === 'int32' || format === 'int64') && !(goType?.kind === 'int' && `int${goType.bits}` === format))
        problems.push(`${type.name}.${name}: OpenAPI ${format}, Go ${field.type}`);
    }
  }
  return problems;
}

/** One line per type: `<name> <kind> ...` (kubernetes/decode-types.ts reads it back). */
function row(type: GoType): string {
  if (/[\s=@]/.test(type.name)) throw new Error(`unexpected Go type name ${JSON.stringify(type.name)}`);
  switch (type.kind) {
    case 'struct':
      return [
        type.name,
        'struct',
        type.short,
        ...(type.fields ?? []).map((f) => `${f.json}=${f.type}${f.via?.length ? `@${f.via.join('.')}` : ''}`),
      ].join(' ');
    case 'slice':
    case 'map':
      return `${type.name} ${type.kind} ${type.elem}`;
    case 'int':
    case 'uint':
    case 'float':
      return `${type.name} ${type.kind} ${type.bits}`;
    case 'custom':
      if (!['intstr.IntOrString', 'resource.Quantity', 'v1.Time', 'v1.MicroTime', 'v1.FieldsV1'].includes(type.name))
        throw new Error(`${type.name} has its own UnmarshalJSON: teach kubernetes/decode-problems.ts how it decodes`);
      return `${type.name} custom`;
    default:
      return `${type.name} ${type.kind}`;
  }
}

async function render(version: string, digest: string): Promise<string> {
  const goTypes = JSON.parse(
    execFileSync(goBinary(), ['run', '-mod=readonly', './decode-types'], {
      cwd: TESTBED_MODULE,
      env: goEnv(),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  ) as GoTypes;
  const swagger = JSON.parse(await readFile(swaggerPath(version), 'utf8')) as { definitions: Definitions };
  const differences = openapiDifferences(goTypes.types, swagger.definitions);
  if (differences.length > 0) throw new Error(`Go types and OpenAPI disagree:\n  ${differences.join('\n  ')}`);
  const source = [
    '// Generated by scripts/generate-strict-decoding.ts (npm run generate) from the Go types the API server',
    `// decodes a batch/v1 Job and CronJob into, k8s.io/kubernetes ${version}, checked against its OpenAPI document.`,
    '// DO NOT EDIT: a Kubernetes bump regenerates it.',
    '',
    `export const DECODE_TYPES_SOURCE = { kubernetes: '${version}', inputs: '${digest}' } as const;`,
    '',
    `export const DECODE_ROOTS = { Job: '${goTypes.roots.Job}', CronJob: '${goTypes.roots.CronJob}' } as const;`,
    '',
    '/**',
    ' * One Go type per entry, `<name> <kind> ...`: `struct <Short> <json>=<type>[@<Embedded>.<...>]...`,',
    ' * `slice|map <element>`, `int|uint|float <bits>`, or just the kind (string, bool, custom, ...).',
    ' */',
    'export const DECODE_TYPES: readonly string[] = [',
    ...goTypes.types.map((t) => `  ${JSON.stringify(row(t)).replace(/^"|"$/g, "'")},`),
    '];',
    '',
  ].join('\n');
  const options = await prettier.resolveConfig(OUT);
  return prettier.format(source, { ...options, filepath: OUT });
}

async function main(): Promise<void> {
  const version = kubernetesVersion();
  const digest = await inputsDigest(version);
  const current = await readFile(OUT, 'utf8').catch(() => '');
  if (process.argv.includes('--check')) {
    if (!current.includes(`inputs: '${digest}'`)) {
      console.error(`out of date (run npm run generate): ${OUT} (Kubernetes ${version})`);
      process.exitCode = 1;
    }
    return;
  }
  const next = await render(version, digest);
  if (next !== current) await writeFile(OUT, next);
}

await main();
