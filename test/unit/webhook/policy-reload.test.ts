import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { policyHash } from '../../../webhook/server/policy-reload.ts';
import { reviewText } from './fixtures.ts';
import { httpsClient, makeCertificate, startWebhook, tempDir, type Client, type Webhook } from './webhook-process.ts';

/**
 * Policy reload on the real executable, with the directory layout kubelet gives a ConfigMap volume:
 * `policy.yaml -> ..data/policy.yaml`, `..data -> ..<timestamp>/`, and an update that writes a new
 * timestamped directory and renames a new `..data` symlink over the old one (atomic_writer.go).
 */
const policy = (level: string): string =>
  `apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n  parallelism-zero: "${level}"\n`;

let generation = 0;
function writeConfigMap(dir: string, text: string): void {
  const data = `..2026_12_06_${generation++}`;
  mkdirSync(join(dir, data));
  writeFileSync(join(dir, data, 'policy.yaml'), text);
  symlinkSync(data, join(dir, '..data_tmp'));
  renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
}

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('policy reload from a ConfigMap volume', () => {
  let dir: string;
  let webhook: Webhook;
  let client: Client;
  beforeAll(async () => {
    const certDir = tempDir();
    const cert = makeCertificate(certDir, 'policy-reload');
    dir = join(certDir, 'config');
    mkdirSync(dir);
    writeConfigMap(dir, policy('warn'));
    symlinkSync('..data/policy.yaml', join(dir, 'policy.yaml'));
    webhook = await startWebhook([
      '--tls-cert-file',
      cert.certFile,
      '--tls-private-key-file',
      cert.keyFile,
      '--policy',
      join(dir, 'policy.yaml'),
      '--shutdown-delay',
      '0',
    ]);
    client = httpsClient(webhook.port, cert.pem);
  });
  afterAll(async () => {
    client.close();
    webhook.child.kill('SIGINT');
    expect(await webhook.exited).toBe(0);
  });

  const validate = async () =>
    JSON.parse((await client.request('POST', '/validate', reviewText('job-create-warn'), JSON_HEADERS)).body)
      .response as { allowed: boolean; warnings?: string[] };

  test('a new policy takes effect without a restart; a bad one is refused and the last good one stays', async () => {
    expect(await validate()).toMatchObject({
      allowed: true,
      warnings: expect.arrayContaining([expect.stringMatching(/^\[parallelism-zero\]/)]),
    });
    let metrics = (await client.request('GET', '/metrics')).body;
    expect(metrics).toContain(
      `jobx_webhook_policy_info{hash="${policyHash(policy('warn'))}",source="${join(dir, 'policy.yaml')}"} 1`,
    );

    const started = Date.now();
    writeConfigMap(dir, policy('deny'));
    const reloaded = await webhook.waitForLog((l) => l.msg === 'policy reloaded');
    // Within a few seconds (the watch sees the symlink swap at once; polling every 2 s backs it up).
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(reloaded).toMatchObject({
      hash: policyHash(policy('deny')),
      previousHash: policyHash(policy('warn')),
      change: { rules: { 'parallelism-zero': 'warn -> deny' } },
    });
    expect(await validate()).toMatchObject({ allowed: false });

    writeConfigMap(dir, policy('loud'));
    const refused = await webhook.waitForLog(
      (l) => l.msg === 'policy reload refused; still serving the last good policy',
    );
    expect(refused).toMatchObject({ servedHash: policyHash(policy('deny')), refusedHash: policyHash(policy('loud')) });
    expect(refused.error).toMatch(/rules\.parallelism-zero/);
    expect(await validate()).toMatchObject({ allowed: false });

    // Broken YAML is refused the same way, once per content (not on every poll).
    writeConfigMap(dir, 'rules: [\n');
    await webhook.waitForLog(
      (l) => l.msg === 'policy reload refused; still serving the last good policy' && l !== refused,
    );
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(
      webhook.logs.filter((l) => l.msg === 'policy reload refused; still serving the last good policy'),
    ).toHaveLength(2);

    metrics = (await client.request('GET', '/metrics')).body;
    expect(metrics).toMatch(/^jobx_webhook_policy_reloads_total\{result="success"\} 1$/m);
    expect(metrics).toMatch(/^jobx_webhook_policy_reloads_total\{result="failure"\} 2$/m);
    expect(metrics).toContain(`jobx_webhook_policy_info{hash="${policyHash(policy('deny'))}"`);

    // Back to a good policy: served again.
    writeConfigMap(dir, policy('off'));
    await webhook.waitForLog((l) => l.msg === 'policy reloaded' && l.hash === policyHash(policy('off')));
    const final = await validate();
    expect(final.allowed).toBe(true);
    expect(final.warnings?.filter((w) => w.startsWith('[parallelism-zero]'))).toEqual([]);
  }, 30_000);
});
