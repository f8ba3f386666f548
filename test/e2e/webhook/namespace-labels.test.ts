// Namespace labels changed on a live namespace, on the testbed's real API server: the admission
// outcome follows within seconds (docs/deploy.md, "Scope, exemptions and overrides"), both where
// the API server decides (the registration's namespaceSelector leaves out namespaces labelled
// job-x.dev/exempt=true: the webhook is not even called) and where the webhook decides (the
// policy's namespaceSelector and its per-namespace overrides, from the webhook's own watch of
// namespaces). production.test.ts covers labels present from the namespace's creation; here the
// labels change afterwards, which neither side can learn from the request.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteNamespace } from '../helpers/namespace.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  apiServerHookCalls,
  createWebhookNamespace,
  newInstanceName,
  startWebhook,
  stopWebhook,
  webhookLogTail,
  type WebhookInstance,
} from './instance.ts';
import { kubectlRun, ok, show } from './run.ts';

/** docs/deploy.md: "a label change takes effect within seconds". */
const LABEL_CHANGE_BOUND_MS = 10_000;

const instance = newInstanceName('nslabels');
let webhook: WebhookInstance;
let dir: string;
const namespaces: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-nslabels-'));
  const policyFile = join(dir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      apiVersion: 'job-x.dev/v1alpha1',
      kind: 'Policy',
      rules: { 'parallelism-zero': 'deny' },
      defaults: ['require-ttl'],
      namespaceSelector: { matchExpressions: [{ key: 'job-x.dev/skip', operator: 'DoesNotExist' }] },
      overrides: [{ namespaceSelector: { matchLabels: { stage: 'dev' } }, mode: 'warn' }],
    }),
  );
  webhook = await startWebhook(instance, { policyFile });
});

afterAll(async () => {
  await stopWebhook(instance);
  await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function namespace(hint: string): Promise<string> {
  const ns = await createWebhookNamespace(hint, webhook.namespaceLabels);
  namespaces.push(ns);
  return ns;
}

/** parallelism: 0 (denied by the policy) and no TTL (the mutating hook's default adds one). */
const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'labels' },
  spec: {
    parallelism: 0,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
  },
};

type Outcome = 'denied' | 'warned' | 'allowed';

interface Admission {
  outcome: Outcome;
  /** The TTL the stored object would have: the mutating hook's default, when it ran. */
  ttl: number | undefined;
  stderr: string;
}

async function admit(ns: string): Promise<Admission> {
  const result = await kubectlRun(
    ['create', '--dry-run=server', '-o', 'json', '-n', ns, '-f', '-'],
    JSON.stringify(job),
  );
  if (result.code !== 0) {
    if (!result.stderr.includes('parallelism-zero')) throw new Error(`unexpected failure:\n${show(result)}`);
    return { outcome: 'denied', ttl: undefined, stderr: result.stderr };
  }
  const ttl = (JSON.parse(result.stdout) as { spec: { ttlSecondsAfterFinished?: number } }).spec
    .ttlSecondsAfterFinished;
  const outcome = /Warning: \[parallelism-zero\]/.test(result.stderr) ? 'warned' : 'allowed';
  return { outcome, ttl, stderr: result.stderr };
}

/** Changes the namespace's labels (kubectl label: `key=value` adds, `key-` removes). */
async function label(ns: string, ...changes: string[]): Promise<void> {
  ok(await kubectlRun(['label', '--overwrite', 'namespace', ns, ...changes]));
}

/** Waits until a dry-run create in `ns` has `outcome`; returns it with the milliseconds it took. */
async function until(ns: string, outcome: Outcome, since: number): Promise<Admission & { ms: number }> {
  let last: Admission | undefined;
  const admission = await waitFor(
    `a Job in ${ns} to be ${outcome}`,
    async () => {
      last = await admit(ns);
      return last.outcome === outcome ? last : undefined;
    },
    {
      timeoutMs: LABEL_CHANGE_BOUND_MS,
      describe: async () => `last outcome: ${last?.outcome}\n${last?.stderr}\n${webhookLogTail(instance)}`,
    },
  );
  return { ...admission, ms: Date.now() - since };
}

describe('namespace labels changed on a live namespace', () => {
  test('labelled job-x.dev/exempt=true: the API server stops calling the webhook; unlabelled: it calls it again', async () => {
    const ns = await namespace('nsl-exempt');
    const before = await admit(ns);
    expect(before.outcome).toBe('denied');

    let since = Date.now();
    await label(ns, 'job-x.dev/exempt=true');
    const exempt = await until(ns, 'allowed', since);
    // Neither hook ran: no default, and the API server's own call counters stand still.
    expect(exempt.ttl).toBeUndefined();
    const [validating, mutating] = [
      await apiServerHookCalls(webhook.validatingWebhook),
      await apiServerHookCalls(webhook.mutatingWebhook),
    ];
    expect(await admit(ns)).toMatchObject({ outcome: 'allowed', ttl: undefined });
    expect(await apiServerHookCalls(webhook.validatingWebhook)).toBe(validating);
    expect(await apiServerHookCalls(webhook.mutatingWebhook)).toBe(mutating);

    since = Date.now();
    await label(ns, 'job-x.dev/exempt-');
    const back = await until(ns, 'denied', since);
    expect(back.stderr).toContain('parallelism-zero');
    expect((await admit(ns)).outcome).toBe('denied');
    expect(await apiServerHookCalls(webhook.validatingWebhook)).toBeGreaterThan(validating);
    process.stdout.write(`exempt label: followed in ${exempt.ms} ms, removal in ${back.ms} ms\n`);
  });

  test("the policy's namespaceSelector: a namespace labelled job-x.dev/skip is called but not judged; unlabelled it is judged again", async () => {
    const ns = await namespace('nsl-skip');
    expect((await admit(ns)).outcome).toBe('denied');

    let since = Date.now();
    await label(ns, 'job-x.dev/skip=yes');
    const validating = await apiServerHookCalls(webhook.validatingWebhook);
    const skipped = await until(ns, 'allowed', since);
    // The API server still calls the webhook (the registration knows nothing of job-x.dev/skip):
    // the webhook itself leaves the namespace out, defaults included.
    expect(await apiServerHookCalls(webhook.validatingWebhook)).toBeGreaterThan(validating);
    expect(skipped.ttl).toBeUndefined();

    since = Date.now();
    await label(ns, 'job-x.dev/skip-');
    const judged = await until(ns, 'denied', since);
    expect((await admit(ns)).outcome).toBe('denied');
    process.stdout.write(`policy selector: followed in ${skipped.ms} ms, removal in ${judged.ms} ms\n`);
  });

  test('an override chosen by a label (stage=dev: mode warn) applies once the label is added and stops once it is removed', async () => {
    const ns = await namespace('nsl-override');
    expect((await admit(ns)).outcome).toBe('denied');

    let since = Date.now();
    await label(ns, 'stage=dev');
    const warned = await until(ns, 'warned', since);
    expect(warned.stderr).toMatch(/Warning: \[parallelism-zero\] .*denied when the policy enforces this rule/);
    // The rest of the policy still applies there: the TTL default.
    expect(warned.ttl).toBe(86_400);

    since = Date.now();
    await label(ns, 'stage-');
    const denied = await until(ns, 'denied', since);
    expect((await admit(ns)).outcome).toBe('denied');

    process.stdout.write(`override: followed in ${warned.ms} ms, removal in ${denied.ms} ms\n`);
  });
});
