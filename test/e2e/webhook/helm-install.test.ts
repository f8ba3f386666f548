// The Helm chart installed on the testbed the way the testbed runs the webhook (webhook-up.sh):
// its rendered webhook configurations registered (only clientConfig pointed at the process on
// loopback), its rendered policy ConfigMap served. It must deny and default as the kustomize
// install does (test/e2e/webhook/admission.test.ts, defaults.test.ts): a Job the shipped policy
// denies is denied with the same message, a Job without a TTL gets the same default, and the
// chart's own values (an inline policy) take effect.
import { afterAll, describe, expect, test } from '@jest/globals';
import { deleteNamespace } from '../helpers/namespace.ts';
import {
  createWebhookNamespace,
  newInstanceName,
  startWebhook,
  stopWebhook,
  type WebhookInstance,
} from './instance.ts';
import { kubectlRun } from './run.ts';

const instances: string[] = [];
const namespaces: string[] = [];

afterAll(async () => {
  for (const instance of instances) await stopWebhook(instance);
  await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
});

async function install(hint: string, helm: string[] = [], kustomize = false): Promise<WebhookInstance> {
  const instance = newInstanceName(hint);
  instances.push(instance);
  return startWebhook(instance, kustomize ? {} : { helm });
}

async function namespace(webhook: WebhookInstance, hint: string): Promise<string> {
  const ns = await createWebhookNamespace(hint, webhook.namespaceLabels);
  namespaces.push(ns);
  return ns;
}

const job = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'chart' },
  spec: {
    ...spec,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
  },
});
const EXIT_300 = {
  podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [300] } }] },
};

/** What kubectl shows for a dry-run create: exit code, stderr, and the stored TTL. */
async function outcome(ns: string, manifest: unknown) {
  const result = await kubectlRun(
    ['create', '--dry-run=server', '-o', 'json', '-n', ns, '-f', '-'],
    JSON.stringify(manifest),
  );
  return {
    code: result.code,
    stderr: result.stderr.replaceAll(ns, 'NS').replace(/validate-[a-z0-9-]+\.jobs/g, 'validate.jobs'),
    ttl: result.code === 0 ? (JSON.parse(result.stdout).spec.ttlSecondsAfterFinished as number | undefined) : undefined,
  };
}

describe('an installed Helm chart admits, denies and defaults as the kustomize install does', () => {
  test('the default values: the same denial and the same TTL default as kustomize', async () => {
    const chart = await install('helm');
    const kustomized = await install('kust', [], true);
    const [chartNs, kustomizeNs] = [await namespace(chart, 'helm'), await namespace(kustomized, 'kust')];
    for (const manifest of [job(EXIT_300), job()]) {
      const viaChart = await outcome(chartNs, manifest);
      expect(viaChart).toEqual(await outcome(kustomizeNs, manifest));
    }
    const denied = await outcome(chartNs, job(EXIT_300));
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('exit-code-out-of-range');
    expect((await outcome(chartNs, job())).ttl).toBe(86_400);
  });

  test('an inline policy in the values is the one served', async () => {
    const chart = await install('helm-pol', [
      '--set-json',
      `policy=${JSON.stringify({ apiVersion: 'job-x.dev/v1alpha1', kind: 'Policy', mode: 'audit', defaults: [] })}`,
    ]);
    const ns = await namespace(chart, 'helm-pol');
    const audited = await outcome(ns, job(EXIT_300));
    expect(audited.code).toBe(0);
    expect(audited.ttl).toBeUndefined();
  });
});
