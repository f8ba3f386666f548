// The Helm chart installed on the testbed by real helm, as a user installs it: `helm install` makes
// the chart's objects (the ConfigMap, the Secret with a Helm-made certificate, the Deployment, the
// Service, both webhook configurations with the chart's own clientConfig.service and caBundle), the
// testbed runs the Deployment's pod and publishes it as the Service's endpoint (helm-release.ts),
// and the API server calls it through the Service. It must deny and default exactly as the
// kustomize install does (the same cases against a kustomize instance, webhook-up.sh); `helm
// upgrade` of the inline policy reaches the running webhook (a policy reload, no restart) and keeps
// the certificate; `helm uninstall` removes the registration.
//
// The release is scoped with the chart's `namespaceSelector` value to namespaces labelled for it,
// so that it never sees anyone else's Jobs on the shared testbed.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../helpers/cluster.ts';
import { deleteNamespace } from '../helpers/namespace.ts';
import { waitFor } from '../helpers/wait.ts';
import { CHART, ensureWebhookBuilt, helm, runWebhookPod, type WebhookPod } from './helm-release.ts';
import {
  apiServerHookCalls,
  createWebhookNamespace,
  INSTANCE_LABEL,
  newInstanceName,
  startWebhook,
  stopWebhook,
  type WebhookInstance,
} from './instance.ts';
import { kubectlRun, ok, show } from './run.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const release = newInstanceName('helm');
const releaseNamespace = `whk-${release}`;
let pod: WebhookPod | undefined;
let kustomized: WebhookInstance | undefined;
let installed = false;
const namespaces: string[] = [releaseNamespace];

beforeAll(async () => {
  await ensureWebhookBuilt();
}, 600_000);

afterAll(async () => {
  if (installed) await helm(['uninstall', release, '--namespace', releaseNamespace, '--ignore-not-found']);
  await pod?.stop();
  if (kustomized) await stopWebhook(kustomized.instance);
  await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
});

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
const cronJob = (jobSpec: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'chart' },
  spec: { schedule: '*/5 * * * *', jobTemplate: { spec: job(jobSpec).spec } },
});
/**
 * The cases compared with the kustomize install: a denial, a default, a Job both leave alone, a
 * warning (parallelism 0), and CronJobs (a denial in the jobTemplate, no TTL default,
 * a warning for a TTL in the template).
 */
const CASES = [
  job(EXIT_300),
  job(),
  job({ ttlSecondsAfterFinished: 600 }),
  job({ parallelism: 0 }),
  cronJob(EXIT_300),
  cronJob(),
  cronJob({ ttlSecondsAfterFinished: 600 }),
];

/** What kubectl shows for a dry-run create: exit code, stderr (warnings too), and the stored TTL. */
async function outcome(ns: string, manifest: unknown) {
  const result = await kubectlRun(
    ['create', '--dry-run=server', '-o', 'json', '-n', ns, '-f', '-'],
    JSON.stringify(manifest),
  );
  return {
    code: result.code,
    stderr: result.stderr.replaceAll(ns, 'NS').replace(/validate-[a-z0-9-]+\.jobs/g, 'validate.jobs'),
    ttl: result.code === 0 ? storedTtl(JSON.parse(result.stdout) as Json) : undefined,
  };
}

function storedTtl(object: Json): number | undefined {
  const spec = (object.kind === 'CronJob' ? object.spec.jobTemplate.spec : object.spec) as Json;
  return spec.ttlSecondsAfterFinished as number | undefined;
}

/** The chart's webhook names (the API server's metrics label calls by them). */
const [VALIDATE, MUTATE] = ['validate.jobs.job-x.dev', 'mutate.jobs.job-x.dev'];

/** The CA of the Helm-made certificate (base64), as its Secret holds it. */
async function releaseCa(): Promise<string> {
  const secret = ['secret', 'job-x-webhook-tls', '-o', 'jsonpath={.data.ca\\.crt}'];
  return ok(await kubectlRun(['get', '-n', releaseNamespace, ...secret])).stdout;
}

/** A namespace the release is registered for (its namespaceSelector value). */
async function releaseScoped(hint: string): Promise<string> {
  const ns = await createWebhookNamespace(hint, { [INSTANCE_LABEL]: release });
  namespaces.push(ns);
  return ns;
}

function webhookLog(): string {
  return pod ? `--- webhook log\n${readFileSync(pod.log, 'utf8').slice(-3000)}` : '';
}

describe('the Helm chart installed by real helm on the testbed', () => {
  test('helm install makes the objects a user gets; the API server calls the pod through the chart Service; it denies and defaults as kustomize', async () => {
    const install = await helm([
      'install',
      release,
      CHART,
      '--namespace',
      releaseNamespace,
      '--create-namespace',
      '--set',
      'certificates.source=helm',
      '--set',
      'replicas=1',
      '--set-json',
      `namespaceSelector=${JSON.stringify({ matchLabels: { [INSTANCE_LABEL]: release } })}`,
    ]);
    installed = true; // a failed install may still have made objects: afterAll uninstalls
    if (install.code !== 0) throw new Error(show(install));

    // What Helm made: the Secret (a CA and a serving certificate for the Service's name), the
    // configurations pointing at the chart's Service with that CA, named after the release.
    const secret = JSON.parse(
      ok(await kubectlRun(['get', '-n', releaseNamespace, 'secret', 'job-x-webhook-tls', '-o', 'json'])).stdout,
    ) as Json;
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(Object.keys(secret.data).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
    for (const kind of ['validatingwebhookconfiguration', 'mutatingwebhookconfiguration']) {
      const configuration = JSON.parse(ok(await kubectlRun(['get', kind, release, '-o', 'json'])).stdout) as Json;
      const hook = configuration.webhooks[0] as Json;
      expect(hook.clientConfig).toEqual({
        service: {
          namespace: releaseNamespace,
          name: 'job-x-webhook',
          path: kind.startsWith('validating') ? '/validate' : '/mutate',
          port: 443,
        },
        caBundle: secret.data['ca.crt'],
      });
      expect(hook.namespaceSelector.matchLabels).toEqual({ [INSTANCE_LABEL]: release });
    }
    // The pod the release's Deployment describes is the one kustomize ships: same args, mounts,
    // volumes (file modes included), probes, security context.
    const manifest = ok(await helm(['get', 'manifest', release, '--namespace', releaseNamespace])).stdout;
    const kustomize = ok(await kubectlRun(['kustomize', join(REPO_ROOT, 'manifests', 'base')])).stdout;
    const deploymentOf = (text: string) =>
      parseAllDocuments(text, { version: '1.1' })
        .map((d) => d.toJS() as Json | null)
        .find((o) => o?.kind === 'Deployment')!;
    expect(deploymentOf(manifest).spec.template).toEqual(deploymentOf(kustomize).spec.template);

    // The testbed runs the pod; the API server then calls it at the Service.
    pod = await runWebhookPod(releaseNamespace);
    const ns = await releaseScoped('helm');
    const before = await apiServerHookCalls(VALIDATE);
    let last: Awaited<ReturnType<typeof outcome>> | undefined;
    await waitFor(
      'the API server to call the installed webhook through its Service',
      async () => {
        last = await outcome(ns, job(EXIT_300));
        return last.code === 1 && last.stderr.includes('exit-code-out-of-range') ? true : undefined;
      },
      {
        timeoutMs: 30_000,
        describe: async () =>
          `last outcome: ${JSON.stringify(last)}\n(a testbed started before test/testbed/up.sh had ` +
          `--enable-aggregator-routing=true cannot reach a Service: npm run testbed:down, then up)\n${webhookLog()}`,
      },
    );
    expect(await apiServerHookCalls(VALIDATE)).toBeGreaterThan(before);

    // The same cases against the kustomize install: the same outcome, message for message.
    kustomized = await startWebhook(newInstanceName('helm-kust'));
    const kustomizeNs = await createWebhookNamespace('helm-kust', kustomized.namespaceLabels);
    namespaces.push(kustomizeNs);
    const outcomes = [];
    for (const manifest of CASES) {
      const viaChart = await outcome(ns, manifest);
      expect(viaChart).toEqual(await outcome(kustomizeNs, manifest));
      outcomes.push(viaChart);
    }
    // Each kind of outcome is among them: denied, defaulted, left alone, warned (require-ttl
    // leaves CronJobs alone: docs/webhook.md; a TTL in a CronJob's template is warned about).
    expect(outcomes.map((o) => o.code)).toEqual([1, 0, 0, 0, 1, 0, 0]);
    expect(outcomes.map((o) => o.ttl)).toEqual([undefined, 86_400, 600, 86_400, undefined, undefined, 600]);
    expect(outcomes[3]!.stderr).toContain('Warning: [parallelism-zero]');
    expect(outcomes[6]!.stderr).toContain('Warning: [ttl-in-cronjob]');
    const denied = await outcome(ns, job(EXIT_300));
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('exit-code-out-of-range');
    expect((await outcome(ns, job())).ttl).toBe(86_400);
    expect((await outcome(ns, job({ ttlSecondsAfterFinished: 600 }))).ttl).toBe(600);
  });

  test('helm upgrade of the inline policy reaches the running webhook (a reload, no restart) and keeps the certificate', async () => {
    expect(pod).toBeDefined();
    const ns = await releaseScoped('helm-upg');
    const caBefore = await releaseCa();
    // Audit mode and no defaults, with a per-namespace override: the webhook then watches
    // namespaces under the chart's ServiceAccount and ClusterRole.
    const policy = {
      mode: 'audit',
      defaults: [],
      overrides: [{ namespaceSelector: { matchLabels: { 'job-x.dev/e2e-strict': 'yes' } }, mode: 'deny' }],
    };
    const upgrade = await helm([
      'upgrade',
      release,
      CHART,
      '--namespace',
      releaseNamespace,
      '--reuse-values',
      '--set-json',
      `policy=${JSON.stringify(policy)}`,
    ]);
    if (upgrade.code !== 0) throw new Error(show(upgrade));
    await waitFor(
      'the upgraded policy to be served',
      async () => {
        const audited = await outcome(ns, job(EXIT_300));
        return audited.code === 0 ? audited : undefined;
      },
      { timeoutMs: 30_000, describe: async () => webhookLog() },
    );
    expect(await outcome(ns, job())).toMatchObject({ code: 0, ttl: undefined });
    const log = readFileSync(pod!.log, 'utf8');
    expect(log).toMatch(/"msg":"policy reloaded"/);
    expect(log.match(/"msg":"listening"/g)).toHaveLength(1); // the same process: no restart
    // The override's label, read through the chart's RBAC by the webhook's own watch.
    const strict = await createWebhookNamespace('helm-strict', {
      [INSTANCE_LABEL]: release,
      'job-x.dev/e2e-strict': 'yes',
    });
    namespaces.push(strict);
    await waitFor(
      'the override to deny in the labelled namespace',
      async () => ((await outcome(strict, job(EXIT_300))).code === 1 ? true : undefined),
      { timeoutMs: 15_000, describe: async () => webhookLog() },
    );
    const caAfter = await releaseCa();
    expect(caAfter).toBe(caBefore);
  });

  test('helm uninstall removes the registration: the API server no longer calls the webhook', async () => {
    expect(pod).toBeDefined();
    const ns = await releaseScoped('helm-uninst');
    expect((await outcome(ns, job(EXIT_300))).code).toBe(0); // audit (previous test)
    const uninstall = await helm(['uninstall', release, '--namespace', releaseNamespace]);
    if (uninstall.code !== 0) throw new Error(show(uninstall));
    installed = false;
    for (const kind of ['validatingwebhookconfiguration', 'mutatingwebhookconfiguration']) {
      const result = await kubectlRun(['get', kind, release]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('NotFound');
    }
    // The process still runs and answers, but the API server stops calling it: a create that
    // leaves the API server's call counts as they were, and gets no default.
    await waitFor(
      'the API server to stop calling the uninstalled webhook',
      async () => {
        const [validating, mutating] = [await apiServerHookCalls(VALIDATE), await apiServerHookCalls(MUTATE)];
        const admitted = await outcome(ns, job());
        const called =
          (await apiServerHookCalls(VALIDATE)) > validating || (await apiServerHookCalls(MUTATE)) > mutating;
        return !called && admitted.code === 0 && admitted.ttl === undefined ? true : undefined;
      },
      { timeoutMs: 15_000 },
    );
    expect(await fetch(`http://${pod!.address}:${pod!.metricsPort}/readyz`).then((r) => r.status)).toBe(200);
  });
});
