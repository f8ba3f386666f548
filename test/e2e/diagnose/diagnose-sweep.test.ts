// `diagnose -n NS` without a name on the testbed: the failed and the stuck Job are listed, the
// complete one is not, each with the state and reason `diagnose NAME` gives.
import { expect, test } from '@jest/globals';
import type { V1Job } from '@kubernetes/client-node';
import type { DiagnoseOutput } from '../../../schemas/generated/diagnose-output.ts';
import { loadJob, withOutcome, withSpec } from '../helpers/jobs.ts';
import { expectValidOutput } from '../helpers/job-x-cli.ts';
import { waitFor, waitForJobCondition } from '../helpers/wait.ts';
import { create, diagnoseJson, inNamespace, jobX } from './diagnose-cli.ts';

/** The same manifest under another name: three Jobs in one namespace. */
function named(job: V1Job, name: string): V1Job {
  return { ...job, metadata: { ...job.metadata, name } };
}

test('the sweep lists the failed and the stuck Job of the namespace, as diagnose NAME sees them', async () => {
  await inNamespace('sweep', async (ns) => {
    const complete = await create(ns, named(withSpec(loadJob('pi'), { ttlSecondsAfterFinished: 600 }), 'done'));
    const failed = await create(ns, withOutcome(withSpec(loadJob('pi'), { backoffLimit: 0 }), { outcome: 'exit=3' }));
    const stuck = await create(ns, named(withSpec(loadJob('pi'), { parallelism: 0 }), 'idle'));
    await waitForJobCondition(ns, complete, 'Complete');
    await waitForJobCondition(ns, failed, 'Failed');
    const outputs = await waitFor('the sweep to list both', async () => {
      const result = await jobX(['diagnose', '-n', ns, '-o', 'json']);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const parsed = JSON.parse(result.stdout) as DiagnoseOutput[];
      return parsed.length === 2 ? parsed : undefined;
    });
    for (const output of outputs) await expectValidOutput('diagnose-output', output);
    const single = await Promise.all([failed, stuck].map((name) => diagnoseJson(ns, name)));
    expect(outputs.map((o) => [o.job.name, o.state, o.reason])).toEqual(
      single.map((o) => [o.job.name, o.state, o.reason]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(outputs.map((o) => o.state).sort()).toEqual(['Failed', 'Stuck']);
    const text = await jobX(['diagnose', '-n', ns]);
    expect(text.stdout).toMatch(/^NAMESPACE +NAME +STATE +REASON +AGE +CAUSE\n/);
    expect(text.stdout).not.toContain(` ${complete} `);
  });
});
