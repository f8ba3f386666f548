// `kubectl job-x explain NAME` on objects the testbed's API server stores: it must tell the same
// story as `explain -f` on the manifest they were created from.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { stringify } from 'yaml';
import type { Explanation } from '../../../plugin/explain/explanation.ts';
import { kubectl, KUBECONFIG } from '../helpers/cluster.ts';
import { createJob, loadJob, readJob, withOutcome } from '../helpers/jobs.ts';
import { deleteNamespace } from '../helpers/namespace.ts';
import { createExplainNamespace, explainLive, explainManifest, runJobX } from './explain-helpers.ts';

const SUITE = 'explain of live objects on the testbed';
let ns: string;

beforeEach(async () => {
  ns = await createExplainNamespace((expect.getState().currentTestName ?? 'live').replace(SUITE, ''));
});

afterEach(async () => {
  await deleteNamespace(ns);
});

/** Everything that describes behaviour; labels differ (the live pods' labels carry the real uid). */
function behaviour(e: Explanation) {
  const { labels: _labels, ...pods } = e.pods;
  return {
    pattern: e.pattern,
    pods,
    effective: e.effective,
    retries: e.retries,
    podFailurePolicy: e.podFailurePolicy,
    deadline: e.deadline,
    success: e.success,
    successPolicy: e.successPolicy,
    afterFinish: e.afterFinish,
    warnings: e.warnings,
  };
}

const CRONJOB = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'nightly' },
  spec: {
    schedule: '0 3 * * *',
    // Suspended: it must not create Jobs while the test runs.
    suspend: true,
    jobTemplate: {
      spec: {
        completionMode: 'Indexed',
        completions: 3,
        backoffLimitPerIndex: 1,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
      },
    },
  },
};

describe(SUITE, () => {
  test('a Job created through the API: the same behaviour as -f on its manifest; defaults not attributable', async () => {
    const manifest = withOutcome(loadJob('job-pod-failure-policy-example'), { outcome: 'run' });
    const fromFile = await explainManifest(manifest);
    const created = await createJob(ns, manifest);

    const live = await explainLive('job-pod-failure-policy-example', ns);

    expect(behaviour(live)).toEqual(behaviour(fromFile));
    expect(live.rejected).toBe(false);
    expect(live.source).toEqual({ type: 'cluster', uid: created.metadata!.uid });
    expect(live.namespace).toBe(ns);
    expect(live.pods.labels['batch.kubernetes.io/controller-uid']).toBe(created.metadata!.uid);
    // The stored Job is defaulted and there is no kubectl apply record to compare with.
    expect(live.defaulted).toBeNull();
    expect(live.findings.map((f) => f.ruleId).sort()).toEqual(fromFile.findings.map((f) => f.ruleId).sort());
  });

  test('a Job applied with kubectl: its last-applied record tells which values the server defaulted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'job-x-explain-e2e-'));
    const file = join(dir, 'pi-with-ttl.yaml');
    writeFileSync(file, stringify(loadJob('pi-with-ttl')));
    await kubectl(['apply', '-n', ns, '-f', file]);
    const fromFile = await runJobX(['explain', '-f', file, '-o', 'json']);

    const live = await explainLive('job/pi-with-ttl', ns);

    const expected = JSON.parse(fromFile.stdout) as Explanation;
    expect(live.defaulted).toEqual(expected.defaulted);
    expect(live.defaulted).toContain('backoffLimit');
    expect(behaviour(live)).toEqual(behaviour(expected));
  });

  test('cronjob/NAME explains the CronJob (its next Jobs), as -f does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'job-x-explain-e2e-'));
    const file = join(dir, 'cronjob.yaml');
    writeFileSync(file, stringify(CRONJOB));
    await kubectl(['apply', '-n', ns, '-f', file]);
    const expected = JSON.parse((await runJobX(['explain', '-f', file, '-o', 'json'])).stdout) as Explanation;

    const live = await explainLive('cronjob/nightly', ns);

    expect(live.kind).toBe('CronJob');
    expect(behaviour(live)).toEqual(behaviour(expected));
    expect(live.cronJob).toEqual(expected.cronJob);
    // The Jobs it creates get the per-index defaults at their own create.
    expect(live.effective).toMatchObject({ backoffLimit: 2147483647, parallelism: 1, completionMode: 'Indexed' });
  });

  test('text output of a live Job, and a name that is not there (exit 1)', async () => {
    await createJob(ns, withOutcome(loadJob('pi'), { outcome: 'run' }));
    await readJob(ns, 'pi');

    const text = await runJobX(['explain', 'pi', '--kubeconfig', KUBECONFIG, '-n', ns]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(`Job ${ns}/pi  (live)`);
    expect(text.stdout).toContain('Findings (kubectl job-x lint, admission stage)');

    const missing = await runJobX(['explain', 'nope', '--kubeconfig', KUBECONFIG, '-n', ns]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(new RegExp(`^error: jobs.batch "nope" not found in namespace "${ns}"`));
  });
});
