// The re-create manifest on the real API server and Job controller: `diagnose NAME
// --recreate-manifest | kubectl create -f -` as a user runs it. The server must accept it; a
// re-run of failed indexes must give its pods the old index through JOB_COMPLETION_INDEX (the
// controller leaves a variable a container declares alone: addCompletionIndexEnvVariable); a
// re-created Job must carry the fix (here: the FailJob rule fails it at the first exit).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { V1Job } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { cluster, kubectl } from '../helpers/cluster.ts';
import { loadJob, podsOf, withOutcome, withSpec } from '../helpers/jobs.ts';
import { waitFor, waitForJobCondition } from '../helpers/wait.ts';
import { create, diagnoseJson, inNamespace, jobX } from './diagnose-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'job-x-recreate-'));

/** `diagnose NAME --recreate-manifest`, then `kubectl create -f` of it; the created Jobs' names. */
async function recreate(namespace: string, name: string, extra: string[] = []): Promise<string[]> {
  const result = await jobX(['diagnose', name, '-n', namespace, '--recreate-manifest']);
  expect(result.code).toBe(0);
  const file = join(dir, `${namespace}-${name}.yaml`);
  writeFileSync(file, result.stdout);
  const created = await kubectl(['create', '-f', file, '-n', namespace, '-o', 'name', ...extra]);
  return created
    .trim()
    .split('\n')
    .map((line) => line.replace(/^job\.batch\//, ''));
}

/** The value of JOB_COMPLETION_INDEX in each container of the pod, as the API server stored it. */
async function indexEnvOfPods(namespace: string, name: string): Promise<unknown[][]> {
  const job = await cluster().batch.readNamespacedJob({ namespace, name });
  const pods = await waitFor(`pods of ${name}`, async () => {
    const found = await podsOf(job);
    return found.length > 0 ? found : undefined;
  });
  return pods.map((pod) =>
    pod.spec!.containers.flatMap((c) => (c.env ?? []).filter((e) => e.name === 'JOB_COMPLETION_INDEX')),
  );
}

describe('diagnose --recreate-manifest on the real API server', () => {
  test.concurrent('failed indexes: one Job per index, its pod given the old index', async () => {
    await inNamespace('recreate-index', async (ns) => {
      const job = withOutcome(
        withSpec(loadJob('pi'), { completionMode: 'Indexed', completions: 4, parallelism: 4, backoffLimitPerIndex: 0 }),
        { 'outcome-index-1': 'exit=1', 'outcome-index-3': 'exit=1' },
      );
      delete job.spec!.backoffLimit;
      const name = await create(ns, job);
      await waitForJobCondition(ns, name, 'Failed');
      const out = await diagnoseJson(ns, name);
      expect(out.reason).toBe('FailedIndexes');
      expect(out.recreate).toMatchObject({ scope: 'indexes', indexes: '1,3' });

      const created = await recreate(ns, name);
      expect(created).toHaveLength(2);
      const byIndex = new Map<string, string>();
      for (const jobName of created) {
        const stored = await cluster().batch.readNamespacedJob({ namespace: ns, name: jobName });
        expect(stored.spec).toMatchObject({ completions: 1, completionMode: 'Indexed', backoffLimitPerIndex: 0 });
        expect(stored.metadata!.labels!['job-x.dev/rerun-of']).toBe(name);
        byIndex.set(stored.metadata!.labels!['job-x.dev/completion-index']!, jobName);
      }
      expect([...byIndex.keys()].sort()).toEqual(['1', '3']);
      for (const [index, jobName] of byIndex) {
        // One variable, the old index: the controller added no second one from the pod's label.
        expect(await indexEnvOfPods(ns, jobName)).toEqual([[{ name: 'JOB_COMPLETION_INDEX', value: index }]]);
        await waitForJobCondition(ns, jobName, 'Complete');
      }
    });
  });

  test.concurrent('BackoffLimitExceeded: a new Job with the FailJob rule, which fails at the first exit', async () => {
    await inNamespace('recreate-job', async (ns) => {
      const name = await create(ns, withOutcome(withSpec(loadJob('pi'), { backoffLimit: 1 }), { outcome: 'exit=3' }));
      await waitForJobCondition(ns, name, 'Failed');
      const out = await diagnoseJson(ns, name, ['--logs', '3']);
      expect(out.recreate).toMatchObject({ scope: 'job', fixes: ['fail-job-on-exit'] });
      // The testbed has no kubelet to serve logs: no tail, and no error either.
      expect(out.logTails).toEqual([]);

      const [rerun] = await recreate(ns, name);
      expect(rerun).toMatch(new RegExp(`^${name}-rerun-[a-z0-9]{5}$`));
      const failed = await waitForJobCondition(ns, rerun!, 'Failed');
      expect(failed.status!.conditions!.find((c) => c.type === 'Failed')!.reason).toBe('PodFailurePolicy');
      expect(failed.status!.failed).toBe(1);
    });
  });

  test.concurrent('an Indexed Job whose pods address each other (subdomain): the whole Job, accepted', async () => {
    await inNamespace('recreate-subdomain', async (ns) => {
      const job = withOutcome(
        withSpec(loadJob('pi'), {
          completionMode: 'Indexed',
          completions: 3,
          parallelism: 3,
          backoffLimitPerIndex: 0,
          template: { spec: { subdomain: 'workers' } },
        }),
        { 'outcome-index-2': 'exit=1' },
      );
      delete job.spec!.backoffLimit;
      const name = await create(ns, job);
      await waitForJobCondition(ns, name, 'Failed');
      const out = await diagnoseJson(ns, name);
      expect(out.recreate).toMatchObject({ scope: 'job', indexes: null, notes: [{ code: 'uses-subdomain' }] });
      const manifest = parse((await jobX(['diagnose', name, '-n', ns, '--recreate-manifest'])).stdout) as V1Job;
      expect(manifest.spec!.completions).toBe(3);
      const [rerun] = await recreate(ns, name, ['--dry-run=server']);
      expect(rerun).toMatch(new RegExp(`^${name}-rerun-`));
    });
  });
});
