// The interim "Failing" state, a disruption the pod failure policy ignores, and the ways to name
// the Job: cronjob/NAME (its most recent Job) and -A.
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import type { V1Job } from '@kubernetes/client-node';
import { cluster } from '../helpers/cluster.ts';
import { condition, loadJob, podsOf, readJob, withOutcome, withSpec } from '../helpers/jobs.ts';
import { describeJob, waitFor, waitForJobCondition } from '../helpers/wait.ts';
import { create, diagnoseJson, inNamespace, jobX } from './diagnose-cli.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A scheduler nobody runs: the node simulator binds only default-scheduler pods, so the test binds them. */
const MANUAL_SCHEDULER = 'job-x-manual';
/** No kubelet acts on pods bound to a node that does not exist: once deleted they stay Terminating. */
const GONE_NODE = 'testbed-node-gone';

async function bind(namespace: string, pod: string, node: string): Promise<void> {
  await cluster().core.createNamespacedPodBinding({
    name: pod,
    namespace,
    body: {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: pod, namespace },
      target: { apiVersion: 'v1', kind: 'Node', name: node },
    },
  });
}

describe('diagnose, interim states and policies', () => {
  test.concurrent('Failing: FailureTarget set while a pod is still terminating', async () => {
    await inNamespace('failing', async (ns) => {
      const job = withOutcome(
        withSpec(loadJob('pi'), {
          completions: 2,
          parallelism: 2,
          completionMode: 'Indexed',
          podFailurePolicy: {
            rules: [{ action: 'FailJob', onExitCodes: { containerName: 'pi', operator: 'In', values: [3] } }],
          },
          template: { spec: { schedulerName: MANUAL_SCHEDULER, terminationGracePeriodSeconds: 1 } },
        }),
        { 'outcome-index-0': 'exit=3', 'outcome-index-1': 'run' },
      );
      const name = await create(ns, job);
      const pods = await waitFor('both pods', async () => {
        const current = await podsOf(await readJob(ns, name));
        return current.length === 2 ? current : undefined;
      });
      for (const pod of pods) {
        const index = pod.metadata!.annotations!['batch.kubernetes.io/job-completion-index'];
        await bind(ns, pod.metadata!.name!, index === '0' ? 'testbed-node-1' : GONE_NODE);
      }
      await waitFor(
        'FailureTarget with a pod terminating',
        async () => {
          const current = await readJob(ns, name);
          return condition(current, 'FailureTarget') && current.status?.terminating === 1 ? true : undefined;
        },
        { describe: () => describeJob(ns, name) },
      );
      const out = await diagnoseJson(ns, name);
      const after = await readJob(ns, name);
      // Still in the interim when diagnosed (the pod garbage collector ends it about a minute later).
      expect({ failureTarget: condition(after, 'FailureTarget')?.reason, failed: condition(after, 'Failed') }).toEqual({
        failureTarget: 'PodFailurePolicy',
        failed: undefined,
      });
      expect(out).toMatchObject({ state: 'Failing', reason: 'PodFailurePolicy' });
      expect(out.podFailurePolicy).toMatchObject({ matchedRule: 0, action: 'FailJob', container: 'pi', exitCode: 3 });
      expect(out.progress.terminating).toBe(1);
      expect(out.attempts.find((a) => a.index === 1)).toMatchObject({ terminating: true });
    });
  });

  test.concurrent('an evicted pod that an Ignore rule keeps out of the count; the Job completes', async () => {
    await inNamespace('evicted-ignored', async (ns) => {
      const name = await create(
        ns,
        withOutcome(loadJob('job-pod-failure-policy-example'), { outcome: 'evict;succeed' }),
      );
      const job = await waitForJobCondition(ns, name, 'Complete');
      expect(job.status?.failed ?? 0).toBe(0);
      const out = await diagnoseJson(ns, name);
      expect(out).toMatchObject({ state: 'Complete', reason: condition(job, 'Complete')!.reason });
      const evicted = out.attempts.filter((a) => a.disruption !== null);
      expect(evicted).toHaveLength(1);
      expect(evicted[0]).toMatchObject({
        disruption: { reason: 'TerminationByKubelet' },
        failed: true,
        counted: false,
        policyRule: 1,
        policyAction: 'Ignore',
        exitCode: 137,
      });
      expect(out.retries).toMatchObject({ counted: 0, ignored: 1 });
    });
  });
});

describe('diagnose, naming the Job', () => {
  const cronJob = (name: string) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '0 3 * * *',
      suspend: true,
      jobTemplate: {
        spec: {
          backoffLimit: 0,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
        },
      },
    },
  });

  /** A Job owned by the CronJob, as `kubectl create job --from=cronjob/...` and the CronJob controller make them. */
  function ownedJob(name: string, owner: { name: string; uid: string }, outcome: string): V1Job {
    const job = withOutcome(cronJob('x').spec.jobTemplate as V1Job, { outcome });
    return {
      ...job,
      metadata: {
        name,
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: owner.name,
            uid: owner.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
    };
  }

  test.concurrent(
    "cronjob/NAME diagnoses the CronJob's most recent Job (not a newer Job it does not own)",
    async () => {
      await inNamespace('cronjob', async (ns) => {
        const cj = await cluster().batch.createNamespacedCronJob({ namespace: ns, body: cronJob('nightly') });
        const owner = { name: 'nightly', uid: cj.metadata!.uid! };
        await create(ns, ownedJob('nightly-100', owner, 'succeed'));
        await sleep(1100); // creationTimestamp has second precision
        await create(ns, ownedJob('nightly-200', owner, 'exit=1'));
        await sleep(1100);
        await create(
          ns,
          withOutcome(
            { ...(cronJob('x').spec.jobTemplate as V1Job), metadata: { name: 'nightly-300' } },
            { outcome: 'succeed' },
          ),
        );
        await waitForJobCondition(ns, 'nightly-200', 'Failed');

        const out = await diagnoseJson(ns, 'cronjob/nightly');
        expect(out.job).toMatchObject({ name: 'nightly-200', owner: { kind: 'CronJob', name: 'nightly' } });
        expect(out).toMatchObject({ state: 'Failed', reason: 'BackoffLimitExceeded' });

        const text = await jobX(['diagnose', 'cj/nightly', '-n', ns]);
        expect(text.code).toBe(0);
        expect(text.stderr).toBe('note: cronjob/nightly → its most recent Job, job/nightly-200\n');
        // The CronJob first (diagnose cronjob/NAME, issue 17), then, after a blank line, its Job's verdict.
        const [cronJobPart, jobPart] = text.stdout.split('\n\n');
        expect(cronJobPart!.split('\n')[0]).toMatch(/^CronJob nightly: "0 3 \* \* \*"/);
        expect(jobPart!.split('\n')[0]).toContain(out.verdict.split(' — ')[0]!);
      });
    },
  );

  test.concurrent(
    'a CronJob without Jobs: exit 0 with its view and what to do; one that does not exist: exit 1',
    async () => {
      await inNamespace('cronjob-empty', async (ns) => {
        await cluster().batch.createNamespacedCronJob({ namespace: ns, body: cronJob('weekly') });
        const none = await jobX(['diagnose', 'cronjob/weekly', '-n', ns]);
        expect({ code: none.code, stderr: none.stderr }).toEqual({ code: 0, stderr: '' });
        expect(none.stdout).toMatch(/^CronJob weekly: "0 3 \* \* \*" .*, SUSPENDED\n/);
        expect(none.stdout).toContain(`kubectl create job --from=cronjob/weekly weekly-manual -n ${ns}`);
        expect(none.stdout).toMatch(/\ncronjob\/weekly has not started a Job yet: it is suspended\n$/);
        const missing = await jobX(['diagnose', 'cronjob/weekyl', '-n', ns]);
        expect({ code: missing.code, stderr: missing.stderr }).toEqual({
          code: 1,
          stderr: `error: cronjobs.batch "weekyl" not found in namespace "${ns}"\nDid you mean "weekly"?\n`,
        });
      });
    },
  );

  test.concurrent('-A finds the Job in whichever namespace holds it', async () => {
    await inNamespace('all-namespaces', async (ns) => {
      const unique = `diag-a-${randomBytes(3).toString('hex')}`;
      const name = await create(ns, { ...loadJob('pi'), metadata: { name: unique } });
      await waitForJobCondition(ns, name, 'Complete');
      const result = await jobX(['diagnose', unique, '-A', '-o', 'json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ job: { namespace: ns, name: unique }, state: 'Complete' });
      const missing = await jobX(['diagnose', `${unique}-nope`, '-A']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(
        `error: jobs.batch "${unique}-nope" not found\nNo namespace has a Job of that name; did you mean "${unique}"?`,
      );
    });
  });
});
