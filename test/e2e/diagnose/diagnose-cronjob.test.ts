// `diagnose cronjob/NAME` with the testbed's real CronJob controller: a CronJob running every
// minute that succeeds, one whose Jobs fail, and one with concurrencyPolicy Forbid whose first Job
// keeps running, so that the controller skips the next start time (its JobAlreadyActive Event).
// The controller's clock cannot be faked: the test waits for the second start time (under 2.5 min).
// A CronJob that has not started a Job (suspended, or its first start time still ahead) gets the
// CronJob view and exit 0, not an error.
import { expect, test } from '@jest/globals';
import type { DiagnoseOutput } from '../../../schemas/generated/diagnose-output.ts';
import { expectValidOutput } from '../helpers/job-x-cli.ts';
import { kubectlRun, ok } from '../webhook/run.ts';
import { waitFor } from '../helpers/wait.ts';
import { diagnoseJson, inNamespace, jobX } from './diagnose-cli.ts';

function cronJob(
  name: string,
  extra: { concurrencyPolicy?: string; outcome?: string; suspend?: boolean; schedule?: string } = {},
) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: extra.schedule ?? '* * * * *',
      ...(extra.concurrencyPolicy ? { concurrencyPolicy: extra.concurrencyPolicy } : {}),
      ...(extra.suspend ? { suspend: true } : {}),
      jobTemplate: {
        spec: {
          backoffLimit: 0,
          template: {
            metadata: { annotations: extra.outcome ? { 'testbed.job-x.dev/outcome': extra.outcome } : {} },
            spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }] },
          },
        },
      },
    },
  };
}

test('healthy, failing and Forbid-skipping CronJobs, as the real controller leaves them; ones without Jobs', async () => {
  await inNamespace('cronjobs', async (ns) => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        cronJob('healthy'),
        cronJob('failing', { outcome: 'exit=1' }),
        cronJob('forbid', { concurrencyPolicy: 'Forbid', outcome: 'run' }),
        cronJob('paused', { suspend: true }),
        // 00:00 on 1 January: no start time during the test.
        cronJob('later', { schedule: '0 0 1 1 *' }),
      ],
    };
    ok(await kubectlRun(['create', '-n', ns, '-f', '-'], JSON.stringify(list)));
    const forbid = await waitFor(
      'a Forbid skip',
      async () => {
        const output = await diagnoseJson(ns, 'cronjob/forbid');
        return output.cronjob?.missedRuns.some((m) => m.why === 'forbid-skip') ? output : undefined;
      },
      { timeoutMs: 180_000 },
    );
    expect(forbid.cronjob).toMatchObject({ name: 'forbid', concurrencyPolicy: 'Forbid', suspended: false });
    expect(forbid.cronjob!.active).toHaveLength(1);
    expect(forbid.cronjob!.nextRuns).toHaveLength(3);
    const healthy: DiagnoseOutput = await diagnoseJson(ns, 'cronjob/healthy');
    // The newest Job may have just started: one before it completed.
    expect(healthy.cronjob!.history.map((h) => [h.state, h.reason])).toContainEqual(['Complete', 'CompletionsReached']);
    expect(healthy.cronjob!.lastSuccessfulTime).not.toBeNull();
    expect(healthy.cronjob!.missedRuns).toEqual([]);
    // Its latest Job failed (each fails within seconds of its start time).
    const failing = await waitFor('the latest Job of cronjob/failing to fail', async () => {
      const output = await diagnoseJson(ns, 'cronjob/failing');
      return output.state === 'Failed' ? output : undefined;
    });
    expect(failing.cronjob!.history[0]).toMatchObject({ state: 'Failed', reason: 'BackoffLimitExceeded' });
    expect(failing.cronjob!.lastSuccessfulTime).toBeNull();
    expect(failing).toMatchObject({ state: 'Failed', reason: 'BackoffLimitExceeded' });
    const paused = await jobX(['diagnose', 'cronjob/paused', '-n', ns]);
    expect({ code: paused.code, stderr: paused.stderr }).toEqual({ code: 0, stderr: '' });
    expect(paused.stdout).toMatch(/^CronJob paused: "\* \* \* \* \*" .*, SUSPENDED\n/);
    expect(paused.stdout).toMatch(/\n {4}no Job yet\n/);
    expect(paused.stdout).toMatch(/\ncronjob\/paused has not started a Job yet: it is suspended\n$/);
    const later = await jobX(['diagnose', 'cronjob/later', '-n', ns, '-o', 'json']);
    expect({ code: later.code, stderr: later.stderr }).toEqual({ code: 0, stderr: '' });
    const laterOutput = JSON.parse(later.stdout) as { job: null; verdict: string; cronjob: DiagnoseOutput['cronjob'] };
    await expectValidOutput('diagnose-output', laterOutput);
    await expectValidOutput('diagnose-output#CronJobWithoutJob', laterOutput);
    expect(laterOutput.job).toBeNull();
    expect(laterOutput.verdict).toMatch(
      /^cronjob\/later has not started a Job yet: its next start time is \d{4}-01-01T00:00:00Z/,
    );
    expect(laterOutput.cronjob).toMatchObject({ lastScheduleTime: null, history: [], missedRuns: [], events: [] });
  });
}, 240_000);
