// Jobs that will not finish without a change: diagnose must say "Stuck" (or Suspended) with the
// cause, checked against what the testbed really shows (pod conditions, the Job's events).
import { describe, expect, test } from '@jest/globals';
import { cluster, kubectl } from '../helpers/cluster.ts';
import { condition, loadJob, podsOf, readJob, withOutcome, withSpec } from '../helpers/jobs.ts';
import { describeJob, waitFor, waitForJobCondition } from '../helpers/wait.ts';
import { create, diagnoseJson, inNamespace } from './diagnose-cli.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForPod(
  ns: string,
  name: string,
  what: string,
  check: (pod: Awaited<ReturnType<typeof podsOf>>[number]) => boolean,
): Promise<void> {
  await waitFor(
    what,
    async () => {
      const job = await readJob(ns, name);
      return job.status?.active === 1 && (await podsOf(job)).some(check) ? true : undefined;
    },
    { describe: () => describeJob(ns, name) },
  );
}

describe('diagnose, stuck Jobs', () => {
  test.concurrent('unschedulable pod: Stuck, PodsUnschedulable', async () => {
    await inNamespace('unschedulable', async (ns) => {
      const name = await create(ns, withOutcome(loadJob('pi'), { outcome: 'unschedulable' }));
      await waitForPod(ns, name, 'an unschedulable pod', (p) =>
        (p.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable'),
      );
      const out = await diagnoseJson(ns, name);
      expect(out).toMatchObject({ state: 'Stuck', reason: 'PodsUnschedulable' });
      expect(out.attempts).toHaveLength(1);
      expect(out.attempts[0]).toMatchObject({ phase: 'Pending', node: null, reason: 'Unschedulable', exitCode: null });
    });
  });

  test.concurrent('image that cannot be pulled: Stuck, ImagePullFailing', async () => {
    await inNamespace('image-pull', async (ns) => {
      const name = await create(ns, withOutcome(loadJob('pi'), { outcome: 'image-pull-error' }));
      await waitForPod(
        ns,
        name,
        'a pod in ImagePullBackOff',
        (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff',
      );
      const out = await diagnoseJson(ns, name);
      expect(out).toMatchObject({ state: 'Stuck', reason: 'ImagePullFailing' });
      expect(out.attempts[0]).toMatchObject({ phase: 'Pending', reason: 'ImagePullBackOff', container: 'pi' });
      // The pod's Warning events are in the snapshot: the pull failure is quoted as evidence.
      expect(out.evidence.some((e) => e.message.includes('Failed to pull image'))).toBe(true);
    });
  });

  test.concurrent(
    'pods refused by a ResourceQuota: Stuck, PodCreationFailing, quoting the FailedCreate event',
    async () => {
      await inNamespace('failed-create', async (ns) => {
        await kubectl(['create', 'quota', 'pods', '--hard=pods=0', '-n', ns]);
        // The testbed runs no quota controller: the status it would write is written here.
        await kubectl([
          'patch',
          'resourcequota',
          'pods',
          '-n',
          ns,
          '--subresource=status',
          '--type=merge',
          '-p',
          JSON.stringify({ status: { hard: { pods: '0' }, used: { pods: '0' } } }),
        ]);
        const name = await create(ns, loadJob('pi'));
        await waitFor(
          'a FailedCreate event on the Job',
          async () => {
            const events = await cluster().core.listNamespacedEvent({
              namespace: ns,
              fieldSelector: `involvedObject.name=${name},reason=FailedCreate`,
            });
            return events.items.length > 0 ? true : undefined;
          },
          { describe: () => describeJob(ns, name) },
        );
        const out = await diagnoseJson(ns, name);
        expect(out).toMatchObject({ state: 'Stuck', reason: 'PodCreationFailing', attempts: [] });
        expect(out.evidence.some((e) => e.message.includes('exceeded quota'))).toBe(true);
      });
    },
  );

  test.concurrent('suspended: Suspended, JobSuspended', async () => {
    await inNamespace('suspended', async (ns) => {
      const name = await create(ns, loadJob('myjob'));
      const job = await waitForJobCondition(ns, name, 'Suspended');
      const out = await diagnoseJson(ns, name);
      expect(condition(job, 'Suspended')!.reason).toBe('JobSuspended');
      expect(out).toMatchObject({ state: 'Suspended', reason: 'JobSuspended', attempts: [] });
    });
  });

  test.concurrent('parallelism 0: Stuck, ParallelismZero', async () => {
    await inNamespace('parallelism-zero', async (ns) => {
      const name = await create(ns, withSpec(loadJob('pi'), { completions: 3, parallelism: 0 }));
      await waitFor('startTime', async () => ((await readJob(ns, name)).status?.startTime ? true : undefined));
      await sleep(1000);
      const job = await readJob(ns, name);
      expect({ active: job.status?.active ?? 0, pods: (await podsOf(job)).length }).toEqual({ active: 0, pods: 0 });
      const out = await diagnoseJson(ns, name);
      expect(out).toMatchObject({ state: 'Stuck', reason: 'ParallelismZero', attempts: [] });
    });
  });

  test.concurrent(
    'managedBy another controller: the built-in controller leaves it alone; ManagedElsewhere',
    async () => {
      await inNamespace('managed-by', async (ns) => {
        const name = await create(ns, withSpec(loadJob('pi'), { managedBy: 'example.com/batch-operator' }));
        await sleep(3000);
        const job = await readJob(ns, name);
        // What the real controller did: nothing at all.
        expect({ status: job.status ?? {}, pods: (await podsOf(job)).length }).toEqual({ status: {}, pods: 0 });
        const out = await diagnoseJson(ns, name);
        // Untouched (no status, no pods): nothing will act on it unless that controller runs.
        expect(out).toMatchObject({ state: 'Stuck', reason: 'ManagedElsewhere', attempts: [] });
      });
    },
  );
});
