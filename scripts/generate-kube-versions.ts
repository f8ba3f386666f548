/**
 * Generates kubernetes/versions/version-tables.generated.ts, the tables behind `lint
 * --kube-version`, from the Kubernetes source of each version in the Go module cache
 * (`go mod download k8s.io/kubernetes@VERSION` fetches what is missing):
 *
 * - the Job and CronJob fields each version serves, from its OpenAPI document
 *   (api/openapi-spec/v3/apis__batch__v1_openapi.json): a field the newest version serves and an
 *   older one does not is unknown to that one;
 * - the default of each feature gate that drops a field of a pod template, from its
 *   pkg/features/kube_features.go (defaultVersionedKubernetesFeatureGates: the last entry at or
 *   before the version); each gate is checked to be read by the function cited for it in that
 *   version's source, so that a citation cannot go stale.
 *
 * `--check` fails when the committed file is out of date (npm run check:generated).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join('kubernetes', 'versions', 'version-tables.generated.ts');

/** The release of each minor the tables cover; the newest is the testbed's (test/testbed/k8s/go.mod). */
const RELEASES: Readonly<Record<string, string>> = {
  '1.33': 'v1.33.13',
  '1.34': 'v1.34.4',
  '1.35': 'v1.35.4',
  '1.36': pinnedRelease(),
};
const MINORS = Object.keys(RELEASES);
const NEWEST = MINORS.at(-1)!;

/**
 * Gates that make the API server drop a pod template field on create when they are off, and the
 * upstream function that drops it. Paths are Job paths with `[*]` for list items (a CronJob's are
 * the same under spec.jobTemplate).
 */
const GATED: readonly { gate: string; paths: string[]; file: string; funcs: string[] }[] = (
  [
    ['PodLevelResources', ['spec.template.spec.resources'], ['dropDisabledPodLevelResources']],
    ['ImageVolume', ['spec.template.spec.volumes[*].image'], ['dropImageVolumes']],
    ['HostnameOverride', ['spec.template.spec.hostnameOverride'], ['dropDisabledFields']],
    ['ContainerRestartRules', containers('restartPolicyRules'), ['dropDisabledFields']],
    ['EnvFiles', containers('env[*].valueFrom.fileKeyRef'), ['dropFileKeyRefInUse']],
    ['ContainerStopSignals', containers('lifecycle.stopSignal'), ['dropContainerStopSignals']],
    [
      'ClusterTrustBundleProjection',
      ['spec.template.spec.volumes[*].projected.sources[*].clusterTrustBundle'],
      ['dropDisabledClusterTrustBundleProjection'],
    ],
    [
      'PodCertificateRequest',
      ['spec.template.spec.volumes[*].projected.sources[*].podCertificate'],
      ['dropDisabledPodCertificateProjection'],
    ],
    [
      'DynamicResourceAllocation',
      ['spec.template.spec.resourceClaims', ...containers('resources.claims')],
      ['dropDisabledDynamicResourceAllocationFields'],
    ],
  ] as const
).map(([gate, paths, funcs]) => ({ gate, paths: [...paths], file: 'pkg/api/pod/util.go', funcs: [...funcs] }));

function containers(field: string): string[] {
  return ['containers', 'initContainers'].map((list) => `spec.template.spec.${list}[*].${field}`);
}

function pinnedRelease(): string {
  const goMod = readFileSync(join('test', 'testbed', 'k8s', 'go.mod'), 'utf8');
  const match = /^\s*(?:require\s+)?k8s\.io\/kubernetes\s+(v\S+)/m.exec(goMod);
  if (!match) throw new Error('k8s.io/kubernetes is not required in test/testbed/k8s/go.mod');
  return match[1]!;
}

function go(args: string[]): string {
  const goBin = existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
  return execFileSync(goBin, args, {
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-modcacherw', GOTOOLCHAIN: 'local' },
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/** The source folder of a release in the module cache, downloaded when missing. */
function sourceOf(release: string, cache: string): string {
  const dir = join(cache, 'k8s.io', `kubernetes@${release}`);
  if (!existsSync(dir)) {
    console.error(`generate-kube-versions: downloading k8s.io/kubernetes@${release}`);
    go(['mod', 'download', `k8s.io/kubernetes@${release}`]);
  }
  return dir;
}

/** The text of Go function `name` in a file (up to the next top-level func), if it is there. */
function functionBody(text: string, name: string): string | undefined {
  const start = text.search(new RegExp(`^func ${name}\\(`, 'm'));
  if (start < 0) return undefined;
  const next = text.slice(start + 1).search(/^func /m);
  return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
}

type Schema = Record<string, unknown>;

/** Every field path under a kind's spec that the OpenAPI document serves (`[*]` for list items; maps are leaves). */
function servedPaths(openapi: { components: { schemas: Record<string, Schema> } }, kind: string): Set<string> {
  const schemas = openapi.components.schemas;
  const paths = new Set<string>();
  const resolve = (schema: Schema): Schema => {
    const ref = (schema.$ref ?? (schema.allOf as Schema[] | undefined)?.[0]?.$ref) as string | undefined;
    return ref ? resolve(schemas[ref.replace('#/components/schemas/', '')]!) : schema;
  };
  const walk = (schema: Schema, path: string, open: Set<Schema>): void => {
    const resolved = resolve(schema);
    if (open.has(resolved)) return;
    if (resolved.type === 'array' && resolved.items) {
      walk(resolved.items as Schema, `${path}[*]`, open);
      return;
    }
    const properties = resolved.properties as Record<string, Schema> | undefined;
    if (!properties) return;
    open.add(resolved);
    for (const [name, child] of Object.entries(properties)) {
      const childPath = `${path}.${name}`;
      paths.add(childPath);
      walk(child, childPath, open);
    }
    open.delete(resolved);
  };
  const root = schemas[`io.k8s.api.batch.v1.${kind}`]!;
  walk((root.properties as Record<string, Schema>).spec!, 'spec', new Set());
  return paths;
}

/** The default of each gate at a version (undefined: the gate is not in its table). */
function gateDefaults(source: string, minor: string): Map<string, boolean> {
  const text = readFileSync(join(source, 'pkg', 'features', 'kube_features.go'), 'utf8');
  const table = text.slice(text.indexOf('defaultVersionedKubernetesFeatureGates'));
  const defaults = new Map<string, boolean>();
  const entry = /\n\t(?:\w+\.)?(\w+): \{\n((?:\t\t\{[^\n]*\},?\n)+)\t\}/g;
  const target = Number(minor.split('.')[1]);
  for (const match of table.matchAll(entry)) {
    let value: boolean | undefined;
    for (const spec of match[2]!.matchAll(/Version: version\.MustParse\("1\.(\d+)"\), Default: (true|false)/g))
      if (Number(spec[1]) <= target) value = spec[2] === 'true';
    if (value !== undefined) defaults.set(match[1]!, value);
  }
  return defaults;
}

function generate(): string {
  const cache = go(['env', 'GOMODCACHE']);
  const served: Record<string, Record<string, Set<string>>> = {};
  const gates: Record<string, Map<string, boolean>> = {};
  for (const minor of MINORS) {
    const source = sourceOf(RELEASES[minor]!, cache);
    const openapi = JSON.parse(
      readFileSync(join(source, 'api', 'openapi-spec', 'v3', 'apis__batch__v1_openapi.json'), 'utf8'),
    );
    served[minor] = { Job: servedPaths(openapi, 'Job'), CronJob: servedPaths(openapi, 'CronJob') };
    gates[minor] = gateDefaults(source, minor);
    for (const { gate, file, funcs } of GATED) {
      if (!gates[minor].has(gate)) continue;
      const text = readFileSync(join(source, file), 'utf8');
      if (!funcs.some((func) => functionBody(text, func)?.includes(`features.${gate})`)))
        throw new Error(
          `${RELEASES[minor]} ${file}: none of ${funcs.join(', ')} reads features.${gate}; update the citation`,
        );
    }
  }
  const notServed: Record<string, Record<string, [string, string][]>> = {};
  for (const minor of MINORS.slice(0, -1)) {
    notServed[minor] = {};
    for (const kind of ['Job', 'CronJob']) {
      const older = served[minor]![kind]!;
      const missing = [...served[NEWEST]![kind]!].filter((path) => !older.has(path)).sort();
      // Only the outermost: a field's own fields go with it.
      const outermost = missing.filter(
        (path) => !missing.some((other) => path.startsWith(`${other}.`) || path.startsWith(`${other}[`)),
      );
      notServed[minor][kind] = outermost.map((path) => [path, MINORS.find((m) => served[m]![kind]!.has(path))!]);
    }
  }
  const gated = GATED.map(({ gate, paths, file, funcs }) => ({
    gate,
    paths,
    droppedBy: `${funcs.join(', ')} (${file})`,
    defaults: Object.fromEntries(MINORS.map((minor) => [minor, gates[minor]!.get(gate) ?? null])),
  }));
  return `${[
    '// Generated by scripts/generate-kube-versions.ts from the Kubernetes source of each release',
    '// (their OpenAPI documents and pkg/features/kube_features.go). DO NOT EDIT: npm run generate.',
    '',
    `export const KUBE_MINORS = ${JSON.stringify(MINORS)} as const;`,
    'export type KubeMinor = (typeof KUBE_MINORS)[number];',
    '',
    "/** The release each minor's tables were read from. */",
    `export const KUBE_RELEASES: Readonly<Record<KubeMinor, string>> = ${JSON.stringify(RELEASES)};`,
    '',
    '/**',
    ` * The Job and CronJob spec fields (\`[*]\` for list items) that the newest minor serves and an older one`,
    ' * does not, outermost only, each with the first minor that serves it.',
    ' */',
    'export const NOT_SERVED: Readonly<',
    '  Record<string, Readonly<Record<"Job" | "CronJob", readonly (readonly [path: string, since: KubeMinor])[]>>>',
    `> = ${JSON.stringify(notServed)};`,
    '',
    '/**',
    ' * Pod template fields the API server drops on create while their feature gate is off, with the',
    " * gate's default in each minor (null: the gate does not exist there, and the field is not served",
    ' * or always on), and the upstream function that drops them.',
    ' */',
    'export const GATED_FIELDS: readonly {',
    '  readonly gate: string;',
    '  readonly paths: readonly string[];',
    '  readonly droppedBy: string;',
    '  readonly defaults: Readonly<Record<KubeMinor, boolean | null>>;',
    `}[] = ${JSON.stringify(gated)};`,
  ].join('\n')}\n`;
}

async function main(): Promise<void> {
  const { format, resolveConfig } = await import('prettier');
  const text = await format(generate(), { ...(await resolveConfig(OUT)), filepath: OUT });
  const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error(`out of date (run npm run generate): ${OUT}`);
      process.exitCode = 1;
    }
    return;
  }
  if (current !== text) writeFileSync(OUT, text);
}

await main();
