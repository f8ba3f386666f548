// The webhook's production features against the testbed's real API server: policy reload from a
// ConfigMap-style directory (symlink swap), the rollout modes deny -> warn -> audit, exempt users
// (kubectl --as), per-namespace overrides and the policy's namespaceSelector (from the webhook's
// own watch of namespaces), the exempt namespace label of the registration, owner-aware defaults
// on a Job with a controller ownerReference, and probes and /metrics on --metrics-port.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get as httpsGet } from 'node:https';
import { TESTBED_DIR } from '../helpers/cluster.ts';
import { deleteNamespace } from '../helpers/namespace.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  createWebhookNamespace,
  newInstanceName,
  startWebhook,
  stopWebhook,
  webhookLogTail,
  type WebhookInstance,
} from './instance.ts';
import { kubectlRun, ok, show } from './run.ts';

const instance = newInstanceName('prod');
let webhook: WebhookInstance;
let dir: string;
const namespaces: string[] = [];
let generation = 0;

/** parallelism-zero denies; namespaces labelled stage=dev only warn; ci-bot is exempt. */
function policy(mode: 'deny' | 'warn' | 'audit'): string {
  return JSON.stringify({
    apiVersion: 'job-x.dev/v1alpha1',
    kind: 'Policy',
    mode,
    rules: { 'parallelism-zero': 'deny' },
    defaults: ['require-ttl'],
    exemptUsers: ['ci-bot'],
    namespaceSelector: { matchExpressions: [{ key: 'job-x.dev/skip', operator: 'DoesNotExist' }] },
    overrides: [{ namespaceSelector: { matchLabels: { stage: 'dev' } }, mode: 'warn' }],
  });
}

/** As kubelet updates a ConfigMap volume: a new directory, then `..data` renamed over. */
function writeConfigMap(text: string): void {
  const data = `..gen_${generation++}`;
  mkdirSync(join(dir, data));
  writeFileSync(join(dir, data, 'policy.json'), text);
  symlinkSync(data, join(dir, '..data_tmp'));
  renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-prod-'));
  writeConfigMap(policy('deny'));
  symlinkSync('..data/policy.json', join(dir, 'policy.json'));
  webhook = await startWebhook(instance, { policyFile: join(dir, 'policy.json'), metricsPort: true });
});

afterAll(async () => {
  await stopWebhook(instance);
  await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function namespace(hint: string, labels: Record<string, string> = {}): Promise<string> {
  const ns = await createWebhookNamespace(hint, { ...webhook.namespaceLabels, ...labels });
  namespaces.push(ns);
  return ns;
}

const job = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, ...extra },
  spec: {
    parallelism: 0,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
  },
});

const dryRun = (ns: string, manifest: unknown, as: string[] = []) =>
  kubectlRun(['create', '--dry-run=server', '-o', 'json', '-n', ns, ...as, '-f', '-'], JSON.stringify(manifest));

async function metrics(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${webhook.metricsPort}/metrics`);
  return response.text();
}

/** Swaps in the policy of `mode` and waits for the log line naming the change of mode. */
async function reload(mode: 'deny' | 'warn' | 'audit'): Promise<void> {
  writeConfigMap(policy(mode));
  await waitFor(
    `the webhook to reload its policy (mode ${mode})`,
    async () =>
      readFileSync(webhook.log, 'utf8')
        .split('\n')
        .some(
          (line) =>
            line.includes('"msg":"policy reloaded"') && line.includes(`"mode":"`) && line.includes(`-> ${mode}"`),
        )
        ? true
        : undefined,
    { timeoutMs: 10_000, describe: async () => webhookLogTail(instance) },
  );
}

describe('the webhook in production on the real API server', () => {
  test('metrics port: probes and /metrics over plain HTTP with the policy hash; the admission port serves admission only', async () => {
    expect((await fetch(`http://127.0.0.1:${webhook.metricsPort}/readyz`)).status).toBe(200);
    const text = await metrics();
    expect(text).toMatch(/^jobx_webhook_policy_info\{hash="[0-9a-f]{16}",source=".*policy\.json"\} 1$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
    // The admission port (HTTPS) has no probes and no /metrics any more.
    const ca = readFileSync(join(TESTBED_DIR, 'webhook', instance, 'ca.crt'));
    const status = await new Promise<number | undefined>((resolve, reject) =>
      httpsGet({ host: '127.0.0.1', port: webhook.port, path: '/metrics', ca }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject),
    );
    expect(status).toBe(404);
  });

  test('exempt users, the namespace selector (from the watch of namespaces) and the exempt namespace label', async () => {
    const ns = await namespace('prod-scope');
    const denied = await dryRun(ns, job('scoped'));
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('parallelism-zero');
    // kubectl --as: the API server puts the impersonated user into request.userInfo.
    const asBot = await dryRun(ns, job('scoped'), ['--as=ci-bot', '--as-group=system:masters']);
    expect(asBot.code).toBe(0);
    const skipped = await namespace('prod-skip', { 'job-x.dev/skip': 'yes' });
    await waitFor(
      'the webhook to see the labels of the new namespace',
      async () => ((await dryRun(skipped, job('scoped'))).code === 0 ? true : undefined),
      { timeoutMs: 10_000, describe: async () => webhookLogTail(instance) },
    );
    // Labelled exempt: the registration's namespaceSelector keeps the API server from calling job-x.
    const exempt = await namespace('prod-exempt', { 'job-x.dev/exempt': 'true' });
    expect((await dryRun(exempt, job('scoped'))).code).toBe(0);
  });

  test('a per-namespace override (stage=dev: mode warn) turns the denial into a warning there', async () => {
    const dev = await namespace('prod-dev', { stage: 'dev' });
    await waitFor(
      'the override to apply in the new namespace',
      async () => ((await dryRun(dev, job('dev'))).code === 0 ? true : undefined),
      { timeoutMs: 10_000, describe: async () => webhookLogTail(instance) },
    );
    const result = await dryRun(dev, job('dev'));
    expect(result.stderr).toMatch(/Warning: \[parallelism-zero\] .*denied when the policy enforces this rule/);
  });

  test('owner-aware defaults: the TTL default skips a Job with a controller owner', async () => {
    const ns = await namespace('prod-owner');
    const owner = JSON.parse(
      ok(
        await kubectlRun(
          ['create', '-n', ns, '-o', 'json', '-f', '-'],
          JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } }),
        ),
      ).stdout,
    ) as { metadata: { uid: string } };
    const clean = (name: string, extra: Record<string, unknown> = {}) => {
      const manifest = job(name, extra);
      manifest.spec.parallelism = 1;
      return manifest;
    };
    const plain = ok(await dryRun(ns, clean('plain')));
    expect(JSON.parse(plain.stdout).spec.ttlSecondsAfterFinished).toBe(86_400);
    const ownerReferences = [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, controller: true },
    ];
    const created = await kubectlRun(
      ['create', '-n', ns, '-o', 'json', '-f', '-'],
      JSON.stringify(clean('owned', { ownerReferences })),
    );
    if (created.code !== 0) throw new Error(show(created));
    expect(JSON.parse(created.stdout).spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(created.stderr).not.toContain('[require-ttl] set');
  });

  test('reload: the policy file swapped as kubelet does takes effect; modes deny -> warn -> audit', async () => {
    const ns = await namespace('prod-modes');
    expect((await dryRun(ns, job('modes'))).code).toBe(1);

    await reload('warn');
    const warned = await dryRun(ns, job('modes'));
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/Warning: \[parallelism-zero\]/);

    await reload('audit');
    const audited = await dryRun(ns, job('modes'));
    expect(audited.code).toBe(0);
    expect(audited.stderr).not.toContain('parallelism-zero');
    expect(await metrics()).toMatch(/^jobx_webhook_findings_total\{rule="parallelism-zero",action="audit"\} [1-9]/m);

    // A broken policy is refused; audit stays in force.
    writeConfigMap('{"apiVersion": "job-x.dev/v1alpha1", "kind": "Policy", "mode": "loud"}');
    await waitFor(
      'the refused reload',
      async () =>
        (await metrics()).includes('jobx_webhook_policy_reloads_total{result="failure"} 1') ? true : undefined,
      { timeoutMs: 10_000, describe: async () => webhookLogTail(instance) },
    );
    expect((await dryRun(ns, job('modes'))).code).toBe(0);
  });
});
