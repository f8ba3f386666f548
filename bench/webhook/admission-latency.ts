/**
 * Admission latency on the testbed: what the job-x webhook adds to a Job create as the API server
 * sees it. A benchmark, not a test: it prints figures and exits 0 (1 when something fails to run,
 * 2 on bad arguments).
 *
 *   node bench/webhook/admission-latency.ts [--requests N] [--warmup N]
 *
 * Needs the testbed running (npm run testbed:up) and the webhook built (npm run build; the
 * start-up script builds when stale). It starts its own webhook instance through
 * test/testbed/webhook-up.sh, registered as shipped (validating + mutating, manifests/base) but only
 * for namespaces with its label, and makes two namespaces: one the webhook sees, one it does not.
 * Then N server-side dry-run Job creates in each (dryRun=All: full admission chain, nothing
 * stored), interleaved one by one (off, on, off, on, ...) so that both arms share the same
 * moment's load, one request at a time over one keep-alive connection, timed at the client.
 * The Job is a plain one, so the mutating hook applies the TTL default (a patch) and the
 * validating hook evaluates every rule: the common path.
 *
 * A third arm runs the same creates in a namespace bound to the exported admission policies of the
 * same (shipped) policy (kubectl job-x export admission-policy: ValidatingAdmissionPolicy and
 * MutatingAdmissionPolicy, evaluated inside the API server), interleaved with the other two.
 *
 * Reported: p50 / p90 / p99 / mean of each arm and the differences; the API server's own
 * per-webhook histogram (apiserver_admission_webhook_admission_duration_seconds, deltas over the
 * run) and the webhook's in-process handler time (jobx_webhook_request_duration_seconds); the
 * webhook's resident memory at the end. Raw figures: bench/out/admission-latency.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { V1Job } from '@kubernetes/client-node';
import { cluster, TESTBED_DIR } from '../../test/e2e/helpers/cluster.ts';
import { deleteNamespace } from '../../test/e2e/helpers/namespace.ts';
import {
  createWebhookNamespace,
  newInstanceName,
  startWebhook,
  stopWebhook,
  type WebhookInstance,
} from '../../test/e2e/webhook/instance.ts';
import { kubectlRun, run } from '../../test/e2e/webhook/run.ts';
import { parseBenchOptions } from '../bench-options.ts';
import { exportAdmissionPolicy } from '../../plugin/export/index.ts';
import { loadDefaultPolicy } from '../../policy/index.ts';
import { createNamespace } from '../../test/e2e/helpers/namespace.ts';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { percentile } from '../statistics.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const { values: argv, positiveInt } = parseBenchOptions(
  'admission-latency',
  'admission-latency.ts [--requests N] [--warmup N]',
  { requests: { type: 'string' }, warmup: { type: 'string' } },
);
const REQUESTS = positiveInt('requests', argv.requests, 200);
const WARMUP = positiveInt('warmup', argv.warmup, 20);

// ---------------------------------------------------------------- statistics

interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

// ---------------------------------------------------------------- Prometheus text

interface Histogram {
  count: number;
  sum: number;
  buckets: Map<string, number>;
}

/** Sums the histogram series `name` whose labels include every `match` pair. */
function readHistogram(text: string, name: string, match: Record<string, string>): Histogram {
  const out: Histogram = { count: 0, sum: 0, buckets: new Map() };
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const [, series, labels, value] = m;
    if (!Object.entries(match).every(([k, v]) => labels!.includes(`${k}="${v}"`))) continue;
    const n = Number(value);
    if (series === `${name}_count`) out.count += n;
    else if (series === `${name}_sum`) out.sum += n;
    else if (series === `${name}_bucket`) {
      const le = /le="([^"]+)"/.exec(labels!)?.[1] ?? '';
      out.buckets.set(le, (out.buckets.get(le) ?? 0) + n);
    }
  }
  return out;
}

function delta(after: Histogram, before: Histogram): Histogram {
  const buckets = new Map<string, number>();
  for (const [le, n] of after.buckets) buckets.set(le, n - (before.buckets.get(le) ?? 0));
  return { count: after.count - before.count, sum: after.sum - before.sum, buckets };
}

async function apiserverMetrics(): Promise<string> {
  const result = await kubectlRun(['get', '--raw', '/metrics']);
  if (result.code !== 0) throw new Error(`kubectl get --raw /metrics failed: ${result.stderr}`);
  return result.stdout;
}

async function webhookMetrics(webhook: WebhookInstance, caFile: string): Promise<string> {
  const result = await run('curl', ['-fsS', '--cacert', caFile, `https://127.0.0.1:${webhook.port}/metrics`]);
  if (result.code !== 0) throw new Error(`webhook /metrics failed: ${result.stderr}`);
  return result.stdout;
}

// ---------------------------------------------------------------- the run

function plainJob(): V1Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { generateName: 'latency-' },
    spec: {
      backoffLimit: 2,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] }],
        },
      },
    },
  };
}

async function timedDryRunCreate(namespace: string): Promise<number> {
  const start = process.hrtime.bigint();
  await cluster().batch.createNamespacedJob({ namespace, body: plainJob(), dryRun: 'All' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const ms = (x: number): string => x.toFixed(2).padStart(8);

const POLICY_LABEL = 'job-x.dev/bench-policies';

/** The shipped policy's export under names of this run, bound to namespaces with this run's label. */
async function applyExportedPolicies(instance: string, dir: string): Promise<string[]> {
  const items = exportAdmissionPolicy(loadDefaultPolicy()).objects.map((object) => {
    const copy = structuredClone(object) as { kind: string; metadata: { name: string }; spec: Record<string, unknown> };
    copy.metadata.name = `${copy.metadata.name}-${instance}`;
    if (typeof copy.spec.policyName === 'string') {
      copy.spec.policyName = `${copy.spec.policyName}-${instance}`;
      copy.spec.matchResources = { namespaceSelector: { matchLabels: { [POLICY_LABEL]: instance } } };
    }
    return copy;
  });
  const file = join(dir, 'export.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const applied = await kubectlRun(['apply', '-f', file]);
  if (applied.code !== 0) throw new Error(`the exported policies did not apply: ${applied.stderr}`);
  return items.map((item) => `${item.kind.toLowerCase()}/${item.metadata.name}`);
}

async function main(): Promise<number> {
  const instance = newInstanceName('bench');
  let webhook: WebhookInstance | undefined;
  const namespaces: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'admission-latency-'));
  let policies: string[] = [];
  try {
    policies = await applyExportedPolicies(instance, dir);
    const withPolicies = await createNamespace('bench-policies', { labels: { [POLICY_LABEL]: instance } });
    namespaces.push(withPolicies);
    process.stderr.write(`admission-latency: starting webhook instance ${instance}\n`);
    webhook = await startWebhook(instance);
    const on = await createWebhookNamespace('bench-on', webhook.namespaceLabels);
    const off = await createWebhookNamespace('bench-off', {});
    namespaces.push(on, off);
    const caFile = join(TESTBED_DIR, 'webhook', instance, 'ca.crt');

    // Sanity: the webhook really acts in one namespace and not in the other.
    const check = await cluster().batch.createNamespacedJob({ namespace: on, body: plainJob(), dryRun: 'All' });
    const checkOff = await cluster().batch.createNamespacedJob({ namespace: off, body: plainJob(), dryRun: 'All' });
    // The admission policies' informers take a moment to see a new binding.
    let checkPolicies: V1Job | undefined;
    for (let i = 0; i < 100 && checkPolicies?.spec?.ttlSecondsAfterFinished !== 86400; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200));
      checkPolicies = await cluster().batch.createNamespacedJob({
        namespace: withPolicies,
        body: plainJob(),
        dryRun: 'All',
      });
    }
    if (
      check.spec?.ttlSecondsAfterFinished !== 86400 ||
      checkOff.spec?.ttlSecondsAfterFinished !== undefined ||
      checkPolicies?.spec?.ttlSecondsAfterFinished !== 86400
    ) {
      throw new Error(
        `the webhook is not acting as expected (TTL with webhook: ${check.spec?.ttlSecondsAfterFinished}, without: ${checkOff.spec?.ttlSecondsAfterFinished})`,
      );
    }

    for (let i = 0; i < WARMUP; i++) {
      await timedDryRunCreate(off);
      await timedDryRunCreate(on);
      await timedDryRunCreate(withPolicies);
    }
    const names = { validating: webhook.validatingWebhook, mutating: webhook.mutatingWebhook };
    const apiBefore = await apiserverMetrics();
    const hookBefore = await webhookMetrics(webhook, caFile);
    const without: number[] = [];
    const withHook: number[] = [];
    const withExport: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      without.push(await timedDryRunCreate(off));
      withHook.push(await timedDryRunCreate(on));
      withExport.push(await timedDryRunCreate(withPolicies));
    }
    const apiAfter = await apiserverMetrics();
    const hookAfter = await webhookMetrics(webhook, caFile);

    const a = summarize(without);
    const b = summarize(withHook);
    const c = summarize(withExport);
    const apiserverSeen = Object.fromEntries(
      Object.entries(names).map(([type, name]) => [
        type,
        delta(
          readHistogram(apiAfter, 'apiserver_admission_webhook_admission_duration_seconds', { name }),
          readHistogram(apiBefore, 'apiserver_admission_webhook_admission_duration_seconds', { name }),
        ),
      ]),
    );
    const handler = Object.fromEntries(
      (['validate', 'mutate'] as const).map((endpoint) => [
        endpoint,
        delta(
          readHistogram(hookAfter, 'jobx_webhook_request_duration_seconds', { endpoint }),
          readHistogram(hookBefore, 'jobx_webhook_request_duration_seconds', { endpoint }),
        ),
      ]),
    );
    const rss = Number(/^process_resident_memory_bytes(?:\{\})? (\S+)$/m.exec(hookAfter)?.[1] ?? NaN);

    const lines = [
      `Admission latency on the testbed: ${REQUESTS} server-side dry-run Job creates per arm, interleaved, one at a time (after ${WARMUP} warm-up each)`,
      '',
      '                              p50      p90      p99     mean      max  (ms, client-side)',
      `without webhook         ${ms(a.p50)} ${ms(a.p90)} ${ms(a.p99)} ${ms(a.mean)} ${ms(a.max)}`,
      `with job-x (mut.+val.)  ${ms(b.p50)} ${ms(b.p90)} ${ms(b.p99)} ${ms(b.mean)} ${ms(b.max)}`,
      `difference              ${ms(b.p50 - a.p50)} ${ms(b.p90 - a.p90)} ${ms(b.p99 - a.p99)} ${ms(b.mean - a.mean)}`,
      `exported policies       ${ms(c.p50)} ${ms(c.p90)} ${ms(c.p99)} ${ms(c.mean)} ${ms(c.max)}`,
      `difference              ${ms(c.p50 - a.p50)} ${ms(c.p90 - a.p90)} ${ms(c.p99 - a.p99)} ${ms(c.mean - a.mean)}`,
      '',
      'API server, apiserver_admission_webhook_admission_duration_seconds over the run (call incl. TLS and HTTP):',
      ...Object.entries(apiserverSeen).map(
        ([type, h]) =>
          `  ${type.padEnd(10)} calls ${String(h.count).padStart(5)}  mean ${(h.count ? (h.sum / h.count) * 1000 : NaN).toFixed(2)} ms  ` +
          `<=5 ms ${h.count ? (((h.buckets.get('0.005') ?? 0) / h.count) * 100).toFixed(1) : '-'}%  <=25 ms ${h.count ? (((h.buckets.get('0.025') ?? 0) / h.count) * 100).toFixed(1) : '-'}%`,
      ),
      'Webhook, jobx_webhook_request_duration_seconds over the run (in-process, headers to response):',
      ...Object.entries(handler).map(
        ([endpoint, h]) =>
          `  ${endpoint.padEnd(10)} requests ${String(h.count).padStart(5)}  mean ${(h.count ? (h.sum / h.count) * 1000 : NaN).toFixed(3)} ms  ` +
          `<=1 ms ${h.count ? (((h.buckets.get('0.001') ?? 0) / h.count) * 100).toFixed(1) : '-'}%`,
      ),
      `Webhook resident memory at the end: ${(rss / 1024 / 1024).toFixed(0)} MiB`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
    const toJson = (h: Histogram) => ({ count: h.count, sum: h.sum, buckets: Object.fromEntries(h.buckets) });
    writeFileSync(
      join(ROOT, 'bench', 'out', 'admission-latency.json'),
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          requests: REQUESTS,
          warmup: WARMUP,
          withoutWebhookMs: a,
          withWebhookMs: b,
          withExportedPoliciesMs: c,
          apiserver: Object.fromEntries(Object.entries(apiserverSeen).map(([k, h]) => [k, toJson(h)])),
          handler: Object.fromEntries(Object.entries(handler).map(([k, h]) => [k, toJson(h)])),
          webhookRssBytes: rss,
          rawMs: { without, with: withHook, exportedPolicies: withExport },
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  } finally {
    await stopWebhook(instance);
    if (policies.length > 0) await kubectlRun(['delete', '--ignore-not-found', ...policies]);
    await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`admission-latency: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
