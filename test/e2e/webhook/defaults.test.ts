// Every default job-x can apply (each rule with a defaulter, not only the shipped policy's
// `defaults`) leaves an object the real API server accepts: created for real, no error. The
// policy here is the shipped one with all defaults switched on. The disruption-ignore-rule default
// is also run by the real Job controller: an evicted pod (node simulator) is ignored instead of
// failing a Job with backoffLimit 0.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../../policy/index.ts';
import { REPO_ROOT } from '../helpers/cluster.ts';
import { condition, readJob } from '../helpers/jobs.ts';
import { deleteNamespace } from '../helpers/namespace.ts';
import { waitForJobCondition } from '../helpers/wait.ts';
import {
  createWebhookNamespace,
  newInstanceName,
  startWebhook,
  stopWebhook,
  webhookLogTail,
  type WebhookInstance,
} from './instance.ts';
import { kubectlRun, show, type RunResult } from './run.ts';

const DEFAULTERS = RULES.filter((rule) => rule.applyDefault).map((rule) => rule.id);
const shipped = JSON.parse(readFileSync(join(REPO_ROOT, 'policy', 'default-policy.json'), 'utf8')) as {
  defaults?: string[];
};

// Named before it starts, so that afterAll cleans up even after a failed start.
const instance = newInstanceName('defaults');
let webhook: WebhookInstance;
let policyDir: string;
const namespaces: string[] = [];
/** Rule ids named by the default warnings of every object created in this file. */
const appliedDefaults = new Set<string>();

beforeAll(async () => {
  policyDir = mkdtempSync(join(tmpdir(), 'job-x-defaults-'));
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ ...shipped, defaults: DEFAULTERS }, null, 2));
  webhook = await startWebhook(instance, { policyFile });
});

afterAll(async () => {
  await stopWebhook(instance);
  await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
  if (policyDir) rmSync(policyDir, { recursive: true, force: true });
});

async function namespace(hint: string): Promise<string> {
  const ns = await createWebhookNamespace(hint, webhook.namespaceLabels);
  namespaces.push(ns);
  return ns;
}

const POD_TEMPLATE = {
  spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }] },
};
/** No Ignore rule for DisruptionTarget: disruption-ignore-rule's default adds one first. */
const FAIL_ON_42 = {
  rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }],
};
const IGNORE_DISRUPTIONS = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] };

/** Creates for real; fails with kubectl's output and the webhook log unless kubectl exits 0. */
async function createForReal(ns: string, manifest: unknown): Promise<RunResult> {
  const result = await kubectlRun(['create', '-n', ns, '-f', '-'], JSON.stringify(manifest));
  if (result.code !== 0)
    throw new Error(
      `the API server refused an object job-x defaulted:\n${show(result)}\n${webhookLogTail(webhook.instance)}`,
    );
  for (const line of result.stderr.split('\n')) {
    const id = /^Warning: \[([a-z0-9-]+)\] (set|added) /.exec(line)?.[1];
    if (id) appliedDefaults.add(id);
  }
  return result;
}

describe('every job-x default leaves an object the real API server accepts', () => {
  test('policy under test: the shipped policy with every defaulter on', () => {
    expect(DEFAULTERS.length).toBeGreaterThan(0);
    for (const id of shipped.defaults ?? []) expect(DEFAULTERS).toContain(id);
  });

  test('a Job with a podFailurePolicy and no TTL: both defaults applied, created, and run by the Job controller (an eviction is ignored)', async () => {
    const ns = await namespace('job');
    const manifest = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'evicted-once' },
      spec: {
        backoffLimit: 0,
        podFailurePolicy: FAIL_ON_42,
        template: { ...POD_TEMPLATE, metadata: { annotations: { 'testbed.job-x.dev/outcome': 'evict;succeed' } } },
      },
    };

    const result = await createForReal(ns, manifest);

    expect(result.stdout.trim()).toBe('job.batch/evicted-once created');
    expect(result.stderr).toContain('Warning: [require-ttl] set spec.ttlSecondsAfterFinished=86400');
    expect(result.stderr).toContain(
      'Warning: [disruption-ignore-rule] added rule {action: Ignore, onPodConditions: [{type: DisruptionTarget}]} first in spec.podFailurePolicy.rules',
    );
    const stored = await readJob(ns, 'evicted-once');
    expect(stored.spec?.ttlSecondsAfterFinished).toBe(86400);
    expect(stored.spec?.podFailurePolicy?.rules).toEqual([IGNORE_DISRUPTIONS, FAIL_ON_42.rules[0]]);

    // backoffLimit 0: the eviction is ignored, a second pod runs and succeeds.
    const done = await waitForJobCondition(ns, 'evicted-once', 'Complete');
    expect(condition(done, 'Failed')).toBeUndefined();
    expect(done.status?.succeeded).toBe(1);

    // Control: the same Job where the webhook does not look fails on the eviction.
    const unwatched = await createWebhookNamespace('job-control', {});
    namespaces.push(unwatched);
    const control = await kubectlRun(['create', '-n', unwatched, '-f', '-'], JSON.stringify(manifest));
    expect({ code: control.code, stderr: control.stderr }).toEqual({ code: 0, stderr: '' });
    const failed = await waitForJobCondition(unwatched, 'evicted-once', 'Failed');
    expect(condition(failed, 'Failed')?.reason).toBe('BackoffLimitExceeded');
  });

  test('a CronJob with a podFailurePolicy in its jobTemplate: the default goes into the template, and the CronJob is created', async () => {
    const ns = await namespace('cronjob');
    const manifest = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hourly' },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { podFailurePolicy: FAIL_ON_42, template: POD_TEMPLATE } } },
    };

    const result = await createForReal(ns, manifest);

    expect(result.stdout.trim()).toBe('cronjob.batch/hourly created');
    expect(result.stderr).toContain(
      'Warning: [disruption-ignore-rule] added rule {action: Ignore, onPodConditions: [{type: DisruptionTarget}]} first in spec.jobTemplate.spec.podFailurePolicy.rules',
    );
    // require-ttl is for standalone Jobs; a CronJob's history limits clean up its Jobs.
    expect(result.stderr).not.toContain('[require-ttl]');
    const stored = JSON.parse((await kubectlRun(['get', '-n', ns, 'cronjob/hourly', '-o', 'json'])).stdout);
    expect(stored.spec.jobTemplate.spec.podFailurePolicy.rules).toEqual([IGNORE_DISRUPTIONS, FAIL_ON_42.rules[0]]);
    expect(stored.spec.jobTemplate.spec.ttlSecondsAfterFinished).toBeUndefined();
  });

  test('the objects above exercised every defaulter', () => {
    expect([...appliedDefaults].sort()).toEqual([...DEFAULTERS].sort());
  });
});
