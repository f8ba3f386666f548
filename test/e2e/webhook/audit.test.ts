// `kubectl job-x audit` on the testbed: objects created while the webhook is off (in a namespace
// it does not watch), then the audit with the shipped policy, then the same objects created again
// where the webhook (the shipped policy, test/testbed/webhook-up.sh) watches. The audit must name
// exactly the objects the webhook denies, and exactly those it defaults.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { jobX } from '../helpers/job-x-cli.ts';
import { deleteNamespace } from '../helpers/namespace.ts';
import {
  createWebhookNamespace,
  newInstanceName,
  startWebhook,
  stopWebhook,
  type WebhookInstance,
} from './instance.ts';
import { kubectlRun, ok } from './run.ts';

const instance = newInstanceName('audit');
let webhook: WebhookInstance;
const namespaces: string[] = [];

const CONTAINERS = [{ name: 'main', image: 'busybox:1.36', command: ['true'] }];
const IGNORE_DISRUPTIONS = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] };

function job(name: string, spec: Record<string, unknown>) {
  // Suspended: no pod runs, the objects are only judged.
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { suspend: true, ...spec, template: { spec: { restartPolicy: 'Never', containers: CONTAINERS } } },
  };
}

function cronJob(name: string, jobSpec: Record<string, unknown>) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '0 0 1 1 *',
      suspend: true,
      jobTemplate: { spec: { ...jobSpec, template: { spec: { restartPolicy: 'Never', containers: CONTAINERS } } } },
    },
  };
}

const OBJECTS = [
  job('clean', { ttlSecondsAfterFinished: 600 }),
  job('no-ttl', {}),
  job('deadline-zero', { ttlSecondsAfterFinished: 600, activeDeadlineSeconds: 0 }),
  job('exit-300', {
    ttlSecondsAfterFinished: 600,
    podFailurePolicy: {
      rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [300] } }, IGNORE_DISRUPTIONS],
    },
  }),
  job('warned-only', { ttlSecondsAfterFinished: 600, parallelism: 0 }),
  cronJob('cron-clean', {}),
  cronJob('cron-exit-300', {
    podFailurePolicy: {
      rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [300] } }, IGNORE_DISRUPTIONS],
    },
  }),
];

beforeAll(async () => {
  webhook = await startWebhook(instance);
});

afterAll(async () => {
  await stopWebhook(instance);
  await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
});

test('the audit names exactly the objects the webhook denies or defaults when they are created again', async () => {
  // Webhook off: a namespace the instance does not watch.
  const before = await createWebhookNamespace('audit-before', {});
  namespaces.push(before);
  ok(
    await kubectlRun(
      ['create', '-n', before, '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: OBJECTS }),
    ),
  );

  const audit = await jobX(['audit', '-n', before, '-o', 'json']);
  expect(audit.code).toBe(1);
  const output = JSON.parse(audit.stdout) as {
    results: { name: string; findings: { admission: string }[] }[];
    summary: { jobs: number; cronJobs: number };
  };
  expect(output.summary).toMatchObject({ jobs: 5, cronJobs: 2 });
  const named = (prefix: string) =>
    output.results
      .filter((r) => r.findings.some((f) => f.admission.startsWith(prefix)))
      .map((r) => r.name)
      .sort();

  // Webhook on: the same objects created again where it watches.
  const after = await createWebhookNamespace('audit-after', webhook.namespaceLabels);
  namespaces.push(after);
  const denied: string[] = [];
  const defaulted: string[] = [];
  for (const object of OBJECTS) {
    const created = await kubectlRun(['create', '-n', after, '-o', 'json', '-f', '-'], JSON.stringify(object));
    if (created.code !== 0) {
      // kubectl prints the webhook's 422 as the API server's own: a cause per finding, naming its rule.
      expect(created.stderr).toMatch(/is invalid: .*\(job-x rule [a-z-]+\)/);
      denied.push(object.metadata.name);
      continue;
    }
    // The mutating webhook's warning per change: `[rule-id] set <field>=<value> ...`.
    if (/^Warning: \[[a-z-]+\] set /m.test(created.stderr)) defaulted.push(object.metadata.name);
  }
  expect({ denied: named('denied'), defaulted: named('defaulted') }).toEqual({
    denied: denied.sort(),
    defaulted: defaulted.sort(),
  });
  // And what the test expects of the shipped policy, so that an empty pair cannot pass.
  expect(denied.sort()).toEqual(['cron-exit-300', 'deadline-zero', 'exit-300']);
  expect(defaulted).toEqual(['no-ttl']);
});

test('a Job with a controller owner: the audit says warned, not defaulted, as the webhook (owner-aware defaults)', async () => {
  const owned = async (ns: string) => {
    // A real owner (a ConfigMap), so that the garbage collector leaves the Job alone.
    const owner = ok(
      await kubectlRun(
        ['create', '-n', ns, '-o', 'json', '-f', '-'],
        JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } }),
      ),
    );
    const { uid } = (JSON.parse(owner.stdout) as { metadata: { uid: string } }).metadata;
    const object = job('owned-no-ttl', {});
    return {
      ...object,
      metadata: {
        ...object.metadata,
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid, controller: true }],
      },
    };
  };
  const before = await createWebhookNamespace('audit-owned-before', {});
  namespaces.push(before);
  ok(await kubectlRun(['create', '-n', before, '-f', '-'], JSON.stringify(await owned(before))));
  const audit = await jobX(['audit', '-n', before, '-o', 'json']);
  const output = JSON.parse(audit.stdout) as {
    results: { name: string; findings: { ruleId: string; admission: string }[] }[];
  };
  expect(output.results.flatMap((r) => r.findings.map((f) => `${r.name} ${f.ruleId} ${f.admission}`))).toContain(
    'owned-no-ttl require-ttl warned',
  );

  const after = await createWebhookNamespace('audit-owned-after', webhook.namespaceLabels);
  namespaces.push(after);
  const created = ok(
    await kubectlRun(['create', '-n', after, '-o', 'json', '-f', '-'], JSON.stringify(await owned(after))),
  );
  // Warned about the missing TTL, not given one.
  expect(created.stderr).toMatch(/^Warning: \[require-ttl\] /m);
  expect(created.stderr).not.toMatch(/^Warning: \[[a-z-]+\] set /m);
  expect(JSON.parse(created.stdout).spec.ttlSecondsAfterFinished).toBeUndefined();
});
