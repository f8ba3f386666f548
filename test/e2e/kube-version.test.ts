// lint --kube-version 1.33 against a real kube-apiserver 1.33 (test/tools/kube-apiserver, started
// beside the testbed: helpers/older-apiserver.ts). The seed manifests, 50 corpus cases and one
// case per entry of the version tables go to it with server-side dry run (as kubectl sends them,
// strict field validation); lint at 1.33 must give the server's verdict on each, a field it reports
// as not served must be refused as an unknown field, and a field it reports as ignored must be
// missing from the object the server would store.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CoreV1Api } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { presentPaths } from '../../kubernetes/index.ts';
import {
  evaluate,
  FIELD_IGNORED,
  FIELD_NOT_SERVED,
  isApiServerRejection,
  resolvePolicy,
  RULES,
  toJobView,
  withKubeVersion,
} from '../../policy/index.ts';
import { loadCorpus, manifestOf } from '../helpers/corpus.ts';
import { REPO_ROOT } from './helpers/cluster.ts';
import {
  OLDER_APISERVER_BUILD_TIMEOUT_MS,
  startOlderApiServer,
  type OlderApiServer,
} from './helpers/older-apiserver.ts';
import { dryRunCreate } from './conformance/dry-run-create.ts';

const NAMESPACE = 'job-x-versions';
const policy = withKubeVersion(resolvePolicy(RULES, undefined), '1.33');
let server: OlderApiServer | undefined;

beforeAll(async () => {
  server = await startOlderApiServer();
  await server.kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: NAMESPACE } } });
}, OLDER_APISERVER_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await server?.stop();
});

const MANIFESTS = join(REPO_ROOT, 'test', 'e2e', 'manifests');
const seeds = readdirSync(MANIFESTS)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map(
    (file) => [`seed ${file}`, parse(readFileSync(join(MANIFESTS, file), 'utf8')) as Record<string, unknown>] as const,
  );

/** 50 corpus cases, spread evenly over the corpus (the same ones every run). */
const corpus = loadCorpus();
const step = Math.max(1, Math.floor(corpus.length / 50));
const sample = corpus
  .filter((_, i) => i % step === 0)
  .slice(0, 50)
  .map((c) => [`corpus ${c.file}: ${c.name}`, manifestOf(c)] as const);

const BASE = parse(readFileSync(join(MANIFESTS, 'pi.yaml'), 'utf8')) as Record<string, unknown>;
/** The seed pi with pod spec fields added (and its first container's). */
function piWith(pod: Record<string, unknown>, container: Record<string, unknown> = {}): Record<string, unknown> {
  const job = structuredClone(BASE) as { spec: { template: { spec: Record<string, unknown> } } };
  const spec = job.spec.template.spec;
  Object.assign(spec, pod);
  const containers = spec.containers as Record<string, unknown>[];
  containers[0] = { ...containers[0], ...container };
  return job as unknown as Record<string, unknown>;
}

/** One case per field of the tables that 1.33 does not serve or drops. */
const versionCases = [
  ['hostnameOverride (not served by 1.33)', piWith({ hostnameOverride: 'worker' })],
  [
    'restartPolicyRules (not served by 1.33)',
    piWith(
      {},
      {
        restartPolicy: 'Never',
        restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }],
      },
    ),
  ],
  [
    'env valueFrom.fileKeyRef (not served by 1.33)',
    piWith(
      { volumes: [{ name: 'env', emptyDir: {} }] },
      { env: [{ name: 'A', valueFrom: { fileKeyRef: { volumeName: 'env', path: 'a.env', key: 'A' } } }] },
    ),
  ],
  [
    'pod-level resources (PodLevelResources off in 1.33)',
    piWith({ resources: { limits: { cpu: '1', memory: '1Gi' } } }),
  ],
  ['lifecycle.stopSignal (ContainerStopSignals off)', piWith({}, { lifecycle: { stopSignal: 'SIGUSR1' } })],
  [
    'image volume (ImageVolume off in 1.33)',
    piWith({ volumes: [{ name: 'data', image: { reference: 'busybox:1.36', pullPolicy: 'IfNotPresent' } }] }),
  ],
  [
    'resourceClaims (DynamicResourceAllocation off in 1.33)',
    piWith({ resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }] }),
  ],
] as const;

describe('lint --kube-version 1.33 agrees with a real kube-apiserver 1.33', () => {
  test('the server is 1.33', () => {
    expect(server?.version).toMatch(/^v1\.33\./);
  });

  test.each([...seeds, ...sample, ...versionCases])('%s', async (_, manifest) => {
    const findings = evaluate(toJobView(manifest), policy, 'lint');
    const lintErrors = findings.filter(isApiServerRejection);
    const answer = await dryRunCreate(server!.kubeConfig, NAMESPACE, manifest);
    const serverRejects = answer.status >= 300;
    const context = `server ${answer.status}: ${answer.message}\nlint: ${lintErrors.map((f) => `${f.path} ${f.ruleId}`).join('; ') || '(accepts)'}`;
    expect({ serverRejects, context }).toEqual({ serverRejects: lintErrors.length > 0, context });
    for (const finding of findings.filter((f) => f.ruleId === FIELD_NOT_SERVED))
      expect(answer.message).toContain(`unknown field "${finding.path}"`);
    for (const finding of findings.filter((f) => f.ruleId === FIELD_IGNORED)) {
      const pattern = finding.path.replace(/\[\d+\]/g, '[*]');
      expect(presentPaths(manifest, pattern)).toContain(finding.path);
      expect({ dropped: finding.path, kept: presentPaths(answer.body, pattern) }).toEqual({
        dropped: finding.path,
        kept: [],
      });
    }
  });

  test.each(versionCases)('%s: lint reports it at 1.33', (_, manifest) => {
    const ids = evaluate(toJobView(manifest), policy, 'lint').map((f) => f.ruleId);
    expect(ids.filter((id) => id === FIELD_NOT_SERVED || id === FIELD_IGNORED).length).toBeGreaterThan(0);
  });
});
