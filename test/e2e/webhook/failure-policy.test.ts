// What happens to Job creation when the webhook process is down but still registered: the
// failurePolicy decides. As shipped, the validating hook fails closed (a clear API error) and the
// mutating hook fails open; with both set to Ignore the Job goes through, without its defaults.
import { afterAll, describe, expect, test } from '@jest/globals';
import { deleteNamespace } from '../helpers/namespace.ts';
import {
  createWebhookNamespace,
  newInstanceName,
  startWebhook,
  stopWebhook,
  webhookLogTail,
  type WebhookInstance,
} from './instance.ts';
import { kubectlRun, show, type RunResult } from './run.ts';

const started: string[] = [];
const namespaces: string[] = [];

afterAll(async () => {
  for (const instance of started) await stopWebhook(instance);
  await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
});

async function startThenKill(
  hint: string,
  failurePolicy?: 'Fail' | 'Ignore',
): Promise<{ webhook: WebhookInstance; ns: string }> {
  const instance = newInstanceName(hint);
  started.push(instance);
  const webhook = await startWebhook(instance, failurePolicy ? { failurePolicy } : {});
  const ns = await createWebhookNamespace(hint, webhook.namespaceLabels);
  namespaces.push(ns);
  // The process stops; the two configurations stay registered and keep pointing at its port.
  await stopWebhook(instance, { keepRegistration: true });
  return { webhook, ns };
}

const JOB = JSON.stringify({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'while-down' },
  spec: {
    template: {
      spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }] },
    },
  },
});

/** apiserver_admission_webhook_fail_open_count for one webhook name (0 when never counted). */
async function failOpenCount(webhookName: string): Promise<number> {
  const metrics = await kubectlRun(['get', '--raw', '/metrics']);
  if (metrics.code !== 0) throw new Error(show(metrics));
  return metrics.stdout
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('apiserver_admission_webhook_fail_open_count{') && line.includes(`name="${webhookName}"`),
    )
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

function context(result: RunResult, webhook: WebhookInstance): string {
  return `${show(result)}\n${webhookLogTail(webhook.instance)}`;
}

describe('webhook process down, registration still in place', () => {
  test('as shipped (validating failurePolicy Fail): kubectl create fails with the API server naming the webhook and the refused connection', async () => {
    const { webhook, ns } = await startThenKill('fail');

    const result = await kubectlRun(['create', '-n', ns, '-f', '-'], JOB);

    if (result.code !== 1) throw new Error(`expected exit 1\n${context(result, webhook)}`);
    expect(result.stderr).toContain(
      `Error from server (InternalError): error when creating "STDIN": Internal error occurred: failed calling webhook "${webhook.validatingWebhook}": ` +
        `failed to call webhook: Post "https://127.0.0.1:${webhook.port}/validate?timeout=5s": dial tcp 127.0.0.1:${webhook.port}: connect: connection refused`,
    );
    const after = await kubectlRun(['get', '-n', ns, 'job', 'while-down']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('NotFound');
  });

  test('with failurePolicy Ignore on both hooks: the Job is created, without the TTL default, and the API server counts both fail-opens', async () => {
    const { webhook, ns } = await startThenKill('ignore', 'Ignore');
    const before = {
      validating: await failOpenCount(webhook.validatingWebhook),
      mutating: await failOpenCount(webhook.mutatingWebhook),
    };

    const result = await kubectlRun(['create', '-n', ns, '-f', '-'], JOB);

    if (result.code !== 0) throw new Error(`expected exit 0\n${context(result, webhook)}`);
    expect(result.stdout.trim()).toBe('job.batch/while-down created');
    expect(result.stderr).toBe('');
    const stored = await kubectlRun([
      'get',
      '-n',
      ns,
      'job',
      'while-down',
      '-o',
      'jsonpath={.spec.ttlSecondsAfterFinished}',
    ]);
    expect({ code: stored.code, ttl: stored.stdout }).toEqual({ code: 0, ttl: '' });
    expect({
      validating: await failOpenCount(webhook.validatingWebhook),
      mutating: await failOpenCount(webhook.mutatingWebhook),
    }).toEqual({
      validating: before.validating + 1,
      mutating: before.mutating + 1,
    });
  });
});
