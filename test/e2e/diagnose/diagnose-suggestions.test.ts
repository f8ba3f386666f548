// diagnose's suggested spec changes, given to the real API server: for a Job the controller failed,
// each suggested patch is applied to the Job as stored (strategic merge, as `kubectl patch` does)
// and the result is created again with a server-side dry run, as a user would for the next run.
// The server must accept every one: a suggestion that cannot be applied does not fit the Job.
import { describe, expect, test } from '@jest/globals';
import type { V1Job } from '@kubernetes/client-node';
import { applyStrategicMergePatch } from '../../helpers/strategic-merge-patch.ts';
import { cluster, kubectl } from '../helpers/cluster.ts';
import { loadJob, withOutcome, withSpec } from '../helpers/jobs.ts';
import { waitForJobCondition } from '../helpers/wait.ts';
import { dryRunCreate } from '../conformance/dry-run-create.ts';
import { create, diagnoseJson, inNamespace } from './diagnose-cli.ts';

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The stored Job as the manifest of a new one: what the API server set (uid, status, the generated selector and its labels) removed. */
function asNewJob(stored: Loose, name: string): Loose {
  const generated = (labels: Loose | undefined) =>
    Object.fromEntries(Object.entries(labels ?? {}).filter(([key]) => !/(^|\/)(controller-uid|job-name)$/.test(key)));
  const { selector: _selector, manualSelector: _manual, ...spec } = stored.spec as Loose;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: generated(stored.metadata.labels) },
    spec: {
      ...spec,
      template: {
        ...spec.template,
        metadata: { ...spec.template.metadata, labels: generated(spec.template.metadata?.labels) },
      },
    },
  };
}

/** Diagnoses the failed Job, and dry-runs the creation of a new Job with each suggested patch. */
async function suggestionsOnTheServer(namespace: string, job: V1Job): Promise<{ code: string; answer: string }[]> {
  const name = await create(namespace, job);
  await waitForJobCondition(namespace, name, 'Failed');
  const out = await diagnoseJson(namespace, name);
  const stored = JSON.parse(await kubectl(['get', 'job', name, '-n', namespace, '-o', 'json'])) as Loose;
  const answers = [];
  for (const [i, s] of out.suggestions.entries()) {
    if (!s.patch) continue;
    const manifest = applyStrategicMergePatch(asNewJob(stored, `${name}-next-${i}`), s.patch);
    const answer = await dryRunCreate(cluster().kubeConfig, namespace, manifest);
    answers.push({ code: s.code, answer: answer.status < 300 ? 'accepted' : answer.message });
  }
  return answers;
}

describe('diagnose, suggested changes on the real API server', () => {
  test.concurrent('BackoffLimitExceeded on one exit code: the FailJob rule is accepted', async () => {
    await inNamespace('suggest-exit', async (ns) => {
      const job = withOutcome(withSpec(loadJob('pi'), { backoffLimit: 1 }), { outcome: 'exit=3' });
      const answers = await suggestionsOnTheServer(ns, job);
      expect(answers.map((a) => a.code)).toContain('fail-job-on-exit');
      expect(answers).toEqual(answers.map(({ code }) => ({ code, answer: 'accepted' })));
    });
  });

  test.concurrent('evictions counted: the Ignore rule for DisruptionTarget is accepted', async () => {
    await inNamespace('suggest-evict', async (ns) => {
      const job = withOutcome(withSpec(loadJob('pi'), { backoffLimit: 0 }), { outcome: 'evict' });
      const answers = await suggestionsOnTheServer(ns, job);
      expect(answers.map((a) => a.code)).toContain('ignore-disruptions');
      expect(answers).toEqual(answers.map(({ code }) => ({ code, answer: 'accepted' })));
    });
  });

  test.concurrent(
    'MaxFailedIndexesExceeded: the FailIndex rule and a larger maxFailedIndexes are accepted',
    async () => {
      await inNamespace('suggest-index', async (ns) => {
        const job = withOutcome(
          withSpec(loadJob('pi'), {
            completionMode: 'Indexed',
            completions: 3,
            parallelism: 3,
            backoffLimitPerIndex: 0,
            maxFailedIndexes: 0,
          }),
          { outcome: 'exit=1' },
        );
        const answers = await suggestionsOnTheServer(ns, job);
        expect(answers.map((a) => a.code)).toEqual(
          expect.arrayContaining(['fail-index-on-exit', 'raise-max-failed-indexes']),
        );
        expect(answers).toEqual(answers.map(({ code }) => ({ code, answer: 'accepted' })));
      });
    },
  );
});
