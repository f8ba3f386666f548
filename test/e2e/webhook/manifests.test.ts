// The deployment manifests (manifests/, kustomize) against the testbed's real API server: each
// overlay builds with the testbed's kubectl (kustomize v5) and every object it produces passes
// `kubectl apply --dry-run=server` (schema, defaulting, validation and admission, nothing stored).
//
// The namespace job-x-system is created for real, from the overlay's own Namespace object (so
// its Pod Security labels are the shipped ones), and deleted afterwards: namespaced objects need
// an existing namespace even in a dry run. The ServiceAccount is created for real too, because
// the ServiceAccount admission plugin looks it up when the pod check below creates a Pod. The
// webhook configurations are only ever dry-run: registering them for real would send every Job
// on the testbed to a Service that does not exist.
//
// cert-manager is not installed on the testbed: stand-in CRDs for Certificate and Issuer
// (test/e2e/manifests/webhook/cert-manager-crds.yaml) let the dry run include those objects, but
// they check their shape only loosely (kinds, scope, spec.secretName and spec.issuerRef.name).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../helpers/cluster.ts';
import { waitFor } from '../helpers/wait.ts';
import { kubectlRun, ok, run, show } from './run.ts';

const NAMESPACE = 'job-x-system';
const CRDS = join(REPO_ROOT, 'test', 'e2e', 'manifests', 'webhook', 'cert-manager-crds.yaml');
const CRD_NAMES = ['certificates.cert-manager.io', 'issuers.cert-manager.io', 'servicemonitors.monitoring.coreos.com'];
const SERVICE_MONITOR_CRD = join(REPO_ROOT, 'test', 'e2e', 'manifests', 'webhook', 'service-monitor-crd.yaml');
const CHART = join(REPO_ROOT, 'manifests', 'helm', 'job-x');
/** Every value combination docs/deploy.md documents for the Helm chart. */
const HELM_COMBINATIONS: Record<string, string[]> = {
  'defaults (cert-manager certificates, NetworkPolicy)': [],
  'certificates made by Helm': ['--set', 'certificates.source=helm'],
  'ServiceMonitor, no NetworkPolicy, replicas, failure policies, timeouts, exemptions, namespace selector, metrics port':
    [
      '--set',
      'serviceMonitor.enabled=true',
      '--set',
      'networkPolicy.enabled=false',
      '--set',
      'replicas=3',
      '--set',
      'validating.failurePolicy=Ignore',
      '--set',
      'mutating.timeoutSeconds=2',
      '--set',
      'exemptNamespaces={ci,staging}',
      '--set-json',
      'namespaceSelector={"matchLabels":{"job-x.dev/enabled":"true"},"matchExpressions":[{"key":"team","operator":"Exists"}]}',
      '--set',
      'metricsPort=9090',
    ],
  'inline policy and resources': [
    '--set-json',
    'policy={"apiVersion":"job-x.dev/v1alpha1","kind":"Policy","mode":"audit","rules":{"parallelism-zero":"deny"}}',
    '--set',
    'resources.requests.cpu=50m',
  ],
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let work: string;
let createdCrds = false;
const built: Record<string, { yaml: string; objects: Json[] }> = {};

function objectsOf(yaml: string): Json[] {
  return parseAllDocuments(yaml).map((doc) => doc.toJS() as Json);
}

function find(objects: Json[], kind: string, name?: string): Json {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (!found)
    throw new Error(
      `no ${kind}${name ? ` ${name}` : ''} in ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`,
    );
  return found;
}

async function namespacePhase(): Promise<string | undefined> {
  const result = await kubectlRun([
    'get',
    'namespace',
    NAMESPACE,
    '-o',
    'jsonpath={.status.phase}',
    '--ignore-not-found',
  ]);
  return ok(result).stdout.trim() || undefined;
}

beforeAll(async () => {
  // A copy of manifests/: the self-signed overlay needs generated certificates, and the test must
  // not write into the working tree.
  work = mkdtempSync(join(tmpdir(), 'job-x-manifests-'));
  cpSync(join(REPO_ROOT, 'manifests'), join(work, 'manifests'), {
    recursive: true,
    filter: (source) => !source.includes(join('self-signed', 'generated')),
  });
  ok(await run('bash', [join(work, 'manifests', 'scripts', 'generate-certs.sh')]));
  for (const overlay of ['base', 'overlays/cert-manager', 'overlays/self-signed']) {
    const yaml = ok(await kubectlRun(['kustomize', join(work, 'manifests', overlay)])).stdout;
    built[overlay] = { yaml, objects: objectsOf(yaml) };
  }

  const crdsBefore = ok(await kubectlRun(['get', 'crd', ...CRD_NAMES, '--ignore-not-found', '-o', 'name'])).stdout;
  if (crdsBefore.trim().split('\n').filter(Boolean).length < CRD_NAMES.length) {
    ok(await kubectlRun(['apply', '-f', CRDS]));
    ok(await kubectlRun(['apply', '-f', SERVICE_MONITOR_CRD]));
    createdCrds = true;
  }
  ok(await kubectlRun(['wait', '--for=condition=Established', '--timeout=60s', ...CRD_NAMES.map((n) => `crd/${n}`)]));

  // A job-x-system left Terminating by an earlier run has to go before it can be created again.
  await waitFor(`namespace ${NAMESPACE} from an earlier run to be gone`, async () =>
    (await namespacePhase()) === 'Terminating' ? undefined : true,
  );
  const namespace = find(built['overlays/cert-manager']!.objects, 'Namespace', NAMESPACE);
  const serviceAccount = find(built['overlays/cert-manager']!.objects, 'ServiceAccount');
  ok(
    await kubectlRun(
      ['apply', '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [namespace, serviceAccount] }),
    ),
  );
});

afterAll(async () => {
  await kubectlRun(['delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=false']);
  if (createdCrds) await kubectlRun(['delete', 'crd', ...CRD_NAMES, '--ignore-not-found', '--wait=false']);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('deployment manifests on the real API server', () => {
  test('base builds: namespace, service account and its namespace reader role, policy, deployment, service, PDB, network policy, both webhook configurations', () => {
    const kinds = built.base!.objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(kinds).toEqual(
      [
        'ClusterRole/job-x-webhook-namespace-reader',
        'ClusterRoleBinding/job-x-webhook-namespace-reader',
        'ConfigMap/job-x-policy',
        'Deployment/job-x-webhook',
        'NetworkPolicy/job-x-webhook',
        'MutatingWebhookConfiguration/job-x',
        'Namespace/job-x-system',
        'PodDisruptionBudget/job-x-webhook',
        'Service/job-x-webhook',
        'ServiceAccount/job-x-webhook',
        'ValidatingWebhookConfiguration/job-x',
      ].sort(),
    );
    // No content hash in the policy ConfigMap's name: the webhook reloads the mounted file in place.
    const configMap = find(built.base!.objects, 'ConfigMap');
    const volumes = find(built.base!.objects, 'Deployment').spec.template.spec.volumes as Json[];
    expect(volumes.find((v) => v.name === 'policy')?.configMap?.name).toBe(configMap.metadata.name);
    expect(JSON.parse(configMap.data['policy.json'])).toEqual(
      JSON.parse(readFileSync(join(REPO_ROOT, 'policy', 'default-policy.json'), 'utf8')),
    );
  });

  test.each(['overlays/cert-manager', 'overlays/self-signed'])(
    '%s: every object passes kubectl apply --dry-run=server, without warnings',
    async (overlay) => {
      const { yaml, objects } = built[overlay]!;
      const result = await kubectlRun(['apply', '--dry-run=server', '-f', '-'], yaml);

      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(objects.length);
      for (const line of lines) expect(line).toMatch(/ \(server dry run\)$/);
      for (const object of objects) {
        const group = object.apiVersion.includes('/') ? `.${object.apiVersion.split('/')[0]}` : '';
        expect(result.stdout).toContain(`${object.kind.toLowerCase()}${group}/${object.metadata.name} `);
      }
    },
  );

  test('cert-manager overlay: CA chain (self-signed Issuer, CA Certificate, CA Issuer, serving Certificate) and CA injection into both configurations', () => {
    const { objects } = built['overlays/cert-manager']!;
    const serving = find(objects, 'Certificate', 'job-x-webhook');
    expect(serving.spec).toMatchObject({
      secretName: find(objects, 'Deployment').spec.template.spec.volumes.find((v: Json) => v.name === 'tls').secret
        .secretName,
      dnsNames: expect.arrayContaining(['job-x-webhook.job-x-system.svc']),
      issuerRef: { kind: 'Issuer', name: 'job-x-webhook-ca' },
    });
    expect(find(objects, 'Issuer', 'job-x-webhook-ca').spec).toEqual({
      ca: { secretName: find(objects, 'Certificate', 'job-x-webhook-ca').spec.secretName },
    });
    expect(find(objects, 'Certificate', 'job-x-webhook-ca').spec).toMatchObject({
      isCA: true,
      issuerRef: { name: 'job-x-selfsigned' },
    });
    for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
      expect(find(objects, kind).metadata.annotations).toEqual({
        'cert-manager.io/inject-ca-from': 'job-x-system/job-x-webhook',
      });
    }
  });

  test('self-signed overlay: caBundle is the generated CA and the serving certificate chains to it for the Service name', async () => {
    const { objects } = built['overlays/self-signed']!;
    const generated = join(work, 'manifests', 'overlays', 'self-signed', 'generated');
    const ca = readFileSync(join(generated, 'ca.crt'));
    for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
      for (const webhook of find(objects, kind).webhooks as Json[]) {
        expect(Buffer.from(String(webhook.clientConfig.caBundle).replace(/\s/g, ''), 'base64').equals(ca)).toBe(true);
      }
    }
    const secret = find(objects, 'Secret', 'job-x-webhook-tls');
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(Object.keys(secret.data).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
    const verify = await run('openssl', ['verify', '-CAfile', join(generated, 'ca.crt'), join(generated, 'tls.crt')]);
    expect(verify.code).toBe(0);
    const text = ok(
      await run('openssl', ['x509', '-in', join(generated, 'tls.crt'), '-noout', '-ext', 'subjectAltName']),
    ).stdout;
    expect(text).toContain('DNS:job-x-webhook.job-x-system.svc');
  });

  test('the webhook pod passes Pod Security "restricted" (enforced on job-x-system); the same pod without its securityContext is refused', async () => {
    const deployment = find(built['overlays/self-signed']!.objects, 'Deployment');
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'job-x-webhook-pod-security-check',
        namespace: NAMESPACE,
        labels: deployment.spec.template.metadata.labels,
      },
      spec: deployment.spec.template.spec,
    };
    const admitted = await kubectlRun(['create', '--dry-run=server', '-f', '-'], JSON.stringify(pod));
    expect({ code: admitted.code, stdout: admitted.stdout.trim(), stderr: admitted.stderr }).toEqual({
      code: 0,
      stdout: 'pod/job-x-webhook-pod-security-check created (server dry run)',
      stderr: '',
    });

    // Control: the namespace really enforces "restricted", so the check above can fail.
    const loose = structuredClone(pod);
    delete loose.spec.securityContext;
    for (const container of loose.spec.containers as Json[]) delete container.securityContext;
    const refused = await kubectlRun(['create', '--dry-run=server', '-f', '-'], JSON.stringify(loose));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('violates PodSecurity "restricted:latest"');
  });

  test('the API server stores the webhook configurations as shipped: scope, failure policies, timeouts, selector', async () => {
    const result = ok(
      await kubectlRun(
        ['apply', '--dry-run=server', '-o', 'json', '-f', '-'],
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'List',
          items: built['overlays/self-signed']!.objects.filter((o) => o.kind.endsWith('WebhookConfiguration')),
        }),
      ),
    );
    const stored = JSON.parse(result.stdout) as Json;
    const items = (stored.items ?? [stored]) as Json[];
    const byKind = Object.fromEntries(items.map((o) => [o.kind, o.webhooks[0]]));
    const selector = {
      matchExpressions: [
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'job-x-system'] },
        { key: 'job-x.dev/exempt', operator: 'NotIn', values: ['true'] },
      ],
    };
    const common = {
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      matchPolicy: 'Equivalent',
      namespaceSelector: selector,
      objectSelector: {},
      clientConfig: { service: { namespace: 'job-x-system', name: 'job-x-webhook', port: 443 } },
    };
    expect(byKind.ValidatingWebhookConfiguration).toMatchObject({
      ...common,
      name: 'validate.jobs.job-x.dev',
      failurePolicy: 'Fail',
      timeoutSeconds: 5,
      rules: [
        {
          apiGroups: ['batch'],
          apiVersions: ['v1'],
          resources: ['jobs', 'cronjobs'],
          operations: ['CREATE', 'UPDATE'],
          scope: 'Namespaced',
        },
      ],
      matchConditions: [{ name: 'not-being-deleted', expression: '!has(object.metadata.deletionTimestamp)' }],
    });
    expect(byKind.ValidatingWebhookConfiguration.clientConfig.service.path).toBe('/validate');
    expect(byKind.MutatingWebhookConfiguration).toMatchObject({
      ...common,
      name: 'mutate.jobs.job-x.dev',
      failurePolicy: 'Ignore',
      timeoutSeconds: 3,
      reinvocationPolicy: 'IfNeeded',
      rules: [
        {
          apiGroups: ['batch'],
          apiVersions: ['v1'],
          resources: ['jobs', 'cronjobs'],
          operations: ['CREATE'],
          scope: 'Namespaced',
        },
      ],
    });
    expect(byKind.MutatingWebhookConfiguration.clientConfig.service.path).toBe('/mutate');
    expect(show(result)).not.toContain('Warning');
  });
});

describe('the Helm chart (manifests/helm/job-x, generated from the same sources) with real helm', () => {
  let helm: string;
  beforeAll(async () => {
    helm = ok(await run('bash', [join(REPO_ROOT, 'test', 'tools', 'helm', 'build.sh')])).stdout.trim();
  }, 600_000);

  test.each(Object.entries(HELM_COMBINATIONS))(
    '%s: helm lint passes and every rendered object passes kubectl apply --dry-run=server',
    async (_name, args) => {
      const lint = await run(helm, ['lint', '--strict', CHART, ...args]);
      expect(lint.code).toBe(0);
      const rendered = ok(await run(helm, ['template', 'job-x', CHART, '--namespace', NAMESPACE, ...args])).stdout;
      const objects = objectsOf(rendered).filter((o) => o !== null);
      const result = await kubectlRun(['apply', '--dry-run=server', '-n', NAMESPACE, '-f', '-'], rendered);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      expect(result.stdout.trim().split('\n')).toHaveLength(objects.length);
      // The same objects as the kustomize install, but the Namespace (helm install --create-namespace).
      const kinds = new Set(objects.map((o) => o.kind));
      for (const kind of ['Deployment', 'Service', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'])
        expect(kinds).toContain(kind);
    },
  );
});
