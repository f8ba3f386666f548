/**
 * `node bench/kube/client-node-cost.ts` (after `npm run build`): the measurements behind the
 * hand-written cluster access in plugin/kube/ (client.ts, kubeconfig.ts), against
 * @kubernetes/client-node, which the project depends on anyway (for proxies and auth-provider
 * plugins only). It prints:
 *
 * 1. Size: what reading a Job and listing its pods through client-node's typed API adds to the
 *    CLI bundle (esbuild, the options of scripts/build-cli.ts), against the whole of
 *    dist/cli/main.cjs.
 * 2. Fidelity: a Job recorded on the testbed (test/fixtures/snapshots/complete/job.json) through
 *    client-node's V1Job model and back: times become Date objects and lose their exact text, and
 *    a field the model does not know (any field newer than the client) is dropped.
 * 3. Kubeconfig: client-node's loadFromDefault on the cases where kubectl (client-go's clientcmd)
 *    decides otherwise: the same name in two KUBECONFIG files, current-context in both, a
 *    missing file, nothing configured.
 *
 * Prints figures; exit 0 (1 when a step fails to run). bench/README.md records a run.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from '../../scripts/esbuild-options.ts';
import { KubeConfig } from '@kubernetes/client-node';
// The model (de)serializer client-node's API classes run every answer through.
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const kb = (bytes: number) => `${Math.round(bytes / 1000)} KB`;

// 1. Size.
const TYPED_FETCH = `
import { BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
export async function fetchJob(namespace, name) {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  const job = await kc.makeApiClient(BatchV1Api).readNamespacedJob({ name, namespace });
  const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace, labelSelector: 'job-name=' + name });
  return { job, pods };
}`;
const bundle = await build({
  ...BUNDLE_OPTIONS,
  stdin: { contents: TYPED_FETCH, resolveDir: ROOT, loader: 'js' },
  write: false,
  logLevel: 'error',
});
const typedSize = bundle.outputFiles[0]!.contents.length;
const mainSize = statSync(join(ROOT, 'dist', 'cli', 'main.cjs')).size;
console.log('1. bundle size (esbuild, minified as scripts/build-cli.ts)');
console.log(`   client-node: read a Job + list its pods     ${kb(typedSize)}`);
console.log(`   dist/cli/main.cjs, the whole CLI             ${kb(mainSize)}`);

// 2. Fidelity.
type Json = Record<string, unknown>;
const recorded = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/snapshots/complete/job.json'), 'utf8')) as Json;
const typed = ObjectSerializer.deserialize(recorded, 'V1Job', '') as { status?: { startTime?: unknown } };
const roundTrip = JSON.parse(JSON.stringify(ObjectSerializer.serialize(typed, 'V1Job', ''))) as Json;
const changed: string[] = [];
const compare = (a: unknown, b: unknown, path: string): void => {
  if (a !== null && typeof a === 'object') {
    for (const [key, value] of Object.entries(a)) {
      const other = b !== null && typeof b === 'object' ? (b as Json)[key] : undefined;
      if (other === undefined) changed.push(`${path}.${key}: dropped`);
      else compare(value, other, `${path}.${key}`);
    }
  } else if (a !== b) changed.push(`${path}: ${JSON.stringify(a)} became ${JSON.stringify(b)}`);
};
compare(recorded, roundTrip, '');
const newer = structuredClone(recorded);
(newer.spec as Json).fieldNewerThanTheClient = 1;
const newerTyped = ObjectSerializer.deserialize(newer, 'V1Job', '') as { spec: Json };
console.log('2. a recorded Job through client-node 2 V1Job and back');
console.log(`   status.startTime is a ${Object.prototype.toString.call(typed.status?.startTime)}`);
for (const line of changed) console.log(`   ${line}`);
console.log(`   spec.fieldNewerThanTheClient kept: ${'fieldNewerThanTheClient' in newerTyped.spec}`);

// 3. Kubeconfig.
const dir = mkdtempSync(join(tmpdir(), 'job-x-client-node-cost-'));
const kubeconfig = (name: string, cluster: string) =>
  `apiVersion: v1\nkind: Config\ncurrent-context: ${name}\ncontexts: [{name: ${name}, context: {cluster: ${cluster}, user: ${name}}}]\nclusters: [{name: ${cluster}, cluster: {server: "https://${name}.example:6443"}}]\nusers: [{name: ${name}, user: {token: t}}]\n`;
const first = join(dir, 'first');
const second = join(dir, 'second');
const other = join(dir, 'other');
writeFileSync(first, kubeconfig('first', 'shared'));
writeFileSync(second, kubeconfig('second', 'shared'));
writeFileSync(other, kubeconfig('other', 'other'));
const attempt = (kubeconfigEnv: string | undefined): string => {
  const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME };
  if (kubeconfigEnv === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = kubeconfigEnv;
  process.env.HOME = dir;
  try {
    const kc = new KubeConfig();
    kc.loadFromDefault();
    return `context ${kc.getCurrentContext()}, server ${kc.getCurrentCluster()?.server}`;
  } catch (error) {
    return `throws: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    for (const [key, value] of Object.entries(saved))
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  }
};
console.log('3. client-node 2 loadFromDefault (kubectl: the first file wins, missing files are skipped)');
const cases: [string, string | undefined][] = [
  ['KUBECONFIG=first:second (both name cluster "shared")', `${first}:${second}`],
  ['KUBECONFIG=first:other (current-context in both)', `${first}:${other}`],
  ['KUBECONFIG=missing:first', `${join(dir, 'missing')}:${first}`],
  ['nothing configured', undefined],
];
for (const [label, value] of cases) console.log(`   ${label.padEnd(52)}  ${attempt(value)}`);
