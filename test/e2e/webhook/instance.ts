// A job-x webhook instance of one test file on the shared testbed, started and registered by
// test/testbed/webhook-up.sh (the same path as `npm run testbed:webhook`).
//
// Isolation: other end-to-end tests run on the same testbed at the same time. Each instance is
// registered for namespaces carrying its own label (`job-x.dev/webhook-e2e: <instance>`, added to
// the shipped namespaceSelector), so it never sees anyone else's Jobs; stopWebhook deletes its two
// configurations again.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TESTBED_DIR } from '../helpers/cluster.ts';
import { createNamespace, deleteNamespace } from '../helpers/namespace.ts';
import { kubectlRun, ok, run, show, TESTBED_SCRIPTS } from './run.ts';

export const INSTANCE_LABEL = 'job-x.dev/webhook-e2e';

export interface WebhookInstance {
  instance: string;
  port: number;
  /** With StartOptions.metricsPort: the plain-HTTP port of /healthz, /readyz and /metrics. */
  metricsPort?: number;
  log: string;
  validatingConfig: string;
  mutatingConfig: string;
  /** The webhook names the API server prints in its errors: `failed calling webhook "<name>"`. */
  validatingWebhook: string;
  mutatingWebhook: string;
  /** Namespaces with these labels are sent to this instance. */
  namespaceLabels: Record<string, string>;
}

export interface StartOptions {
  /** Replaces both hooks' failurePolicy (default: as shipped). */
  failurePolicy?: 'Fail' | 'Ignore';
  /** A policy file (default: the shipped policy/default-policy.json). */
  policyFile?: string;
  /** Probes and /metrics on a plain-HTTP port of their own (--metrics-port), as the manifests run it. */
  metricsPort?: boolean;
}

/** A fresh instance name per test file and run: `e2e-<hint>-<hex>`. */
export function newInstanceName(hint: string): string {
  return `e2e-${hint}-${randomBytes(3).toString('hex')}`;
}

/**
 * Starts (or restarts) the instance and waits until the API server demonstrably calls both of
 * its hooks for a dry-run Job in a labelled probe namespace (created here, deleted after).
 */
export async function startWebhook(instance: string, options: StartOptions = {}): Promise<WebhookInstance> {
  const namespaceLabels = { [INSTANCE_LABEL]: instance };
  const probe = await createWebhookNamespace(`${instance}-probe`, namespaceLabels);
  try {
    const result = await run('bash', [join(TESTBED_SCRIPTS, 'webhook-up.sh')], {
      env: {
        JOBX_WEBHOOK_INSTANCE: instance,
        JOBX_WEBHOOK_NAMESPACE_LABEL: `${INSTANCE_LABEL}=${instance}`,
        JOBX_WEBHOOK_PROBE_NAMESPACE: probe,
        JOBX_WEBHOOK_FAILURE_POLICY: options.failurePolicy ?? '',
        ...(options.policyFile ? { JOBX_POLICY: options.policyFile } : {}),
        ...(options.metricsPort ? { JOBX_WEBHOOK_METRICS_PORT: '0' } : {}),
      },
    });
    if (result.code !== 0) throw new Error(`webhook-up.sh failed:\n${show(result)}\n${webhookLogTail(instance)}`);
  } finally {
    await deleteNamespace(probe);
  }
  const env = Object.fromEntries(
    readFileSync(join(TESTBED_DIR, 'webhook', instance, 'env'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
  return {
    instance,
    port: Number(env.PORT),
    ...(env.METRICS_PORT ? { metricsPort: Number(env.METRICS_PORT) } : {}),
    log: env.LOG!,
    validatingConfig: env.VALIDATING_CONFIG!,
    mutatingConfig: env.MUTATING_CONFIG!,
    validatingWebhook: env.VALIDATING_WEBHOOK!,
    mutatingWebhook: env.MUTATING_WEBHOOK!,
    namespaceLabels,
  };
}

/**
 * Deletes the instance's configurations and stops its process; with `keepRegistration` only the
 * process stops, so that the API server's calls fail and the failurePolicy decides.
 */
export async function stopWebhook(instance: string, options: { keepRegistration?: boolean } = {}): Promise<void> {
  const result = await run(
    'bash',
    [join(TESTBED_SCRIPTS, 'webhook-down.sh'), ...(options.keepRegistration ? ['--keep-registration'] : [])],
    {
      env: { JOBX_WEBHOOK_INSTANCE: instance },
    },
  );
  if (result.code !== 0) throw new Error(`webhook-down.sh failed:\n${show(result)}`);
}

/** The end of the instance's log, for failure messages. */
export function webhookLogTail(instance: string, lines = 30): string {
  try {
    const text = readFileSync(join(TESTBED_DIR, 'logs', `webhook-${instance}.log`), 'utf8')
      .trimEnd()
      .split('\n');
    return `--- last lines of the webhook log (${instance})\n${text.slice(-lines).join('\n')}`;
  } catch {
    return `--- no webhook log for ${instance}`;
  }
}

/**
 * A namespace of this area (`whk-...`) created with `labels` from the start (a label added later
 * reaches the API server's webhook matching only through its namespace informer).
 */
export function createWebhookNamespace(hint: string, labels: Record<string, string>): Promise<string> {
  return createNamespace(hint, { prefix: 'whk', labels });
}

/**
 * How many times the API server has called the webhook named `name` (its own metrics, summed over
 * operations and outcomes): tests tell "not called" from "called and allowed" by it.
 */
export async function apiServerHookCalls(name: string): Promise<number> {
  const text = ok(await kubectlRun(['get', '--raw', '/metrics'])).stdout;
  let calls = 0;
  for (const line of text.split('\n'))
    if (
      line.startsWith('apiserver_admission_webhook_admission_duration_seconds_count{') &&
      line.includes(`name="${name}"`)
    )
      calls += Number(line.slice(line.lastIndexOf(' ') + 1));
  return calls;
}
