// `diagnose -n NS` without a name on the testbed: the failed and the stuck Job are listed, the
// complete one is not, each with the state and reason `diagnose NAME` gives; and the number of
// requests does not grow with the number of Jobs.
import { expect, test } from '@jest/globals';
import type { V1Job } from '@kubernetes/client-node';
import type { DiagnoseOutput } from '../../../schemas/generated/diagnose-output.ts';
import { loadJob, withOutcome, withSpec } from '../helpers/jobs.ts';
import { expectValidOutput } from '../helpers/job-x-cli.ts';
import { writeUnmanagedJobs } from '../helpers/unmanaged-jobs.ts';
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

/**
 * `diagnose -n NS -o json` with JOBX_KUBE_TRACE=1: the outputs, and each request's path with NS
 * written `NS`, sorted (the trace logs a request when its answer is in, and the lists run side by side).
 */
async function tracedSweep(namespace: string): Promise<{ outputs: DiagnoseOutput[]; requests: string[] }> {
  const result = await jobX(['diagnose', '-n', namespace, '-o', 'json'], {
    env: { ...process.env, NO_COLOR: '1', JOBX_KUBE_TRACE: '1' },
  });
  expect(result.code).toBe(0);
  const requests = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('job-x: GET '))
    .map((line) => line.split(' ')[2]!.replaceAll(`/namespaces/${namespace}/`, '/namespaces/NS/'))
    .sort();
  return { outputs: JSON.parse(result.stdout) as DiagnoseOutput[], requests };
}

test('the sweep sends the same four list requests for 2 Jobs and for 40: none per Job', async () => {
  const [few, many] = await Promise.all([
    inNamespace('sweep-calls-few', async (ns) => {
      const jobs = await writeUnmanagedJobs(ns, { jobs: 2, podsPerJob: 2, failingEvery: 2 });
      return { jobs, ...(await tracedSweep(ns)) };
    }),
    inNamespace('sweep-calls-many', async (ns) => {
      const jobs = await writeUnmanagedJobs(ns, { jobs: 40, podsPerJob: 2, failingEvery: 2 });
      return { jobs, ...(await tracedSweep(ns)) };
    }),
  ]);
  // Every failing Job is a row, diagnosed from its own two pods and its pod's Warning Event.
  for (const { jobs, outputs } of [few, many]) {
    expect(outputs.map((o) => o.job.name)).toEqual([...jobs.failing].sort());
    for (const output of outputs) {
      expect(output.progress).toMatchObject({ failed: 1, podsFound: 2 });
      expect(output.attempts.map((a) => a.exitCode).sort()).toEqual([0, 1]);
    }
  }
  expect(many.outputs).toHaveLength(20);
  // The Jobs, the pods, the Jobs' Events, the pods' Warning Events: each one page here.
  expect(many.requests).toEqual(few.requests);
  expect(many.requests.map((r) => r.split('?')[0])).toEqual([
    '/api/v1/namespaces/NS/events',
    '/api/v1/namespaces/NS/events',
    '/api/v1/namespaces/NS/pods',
    '/apis/batch/v1/namespaces/NS/jobs',
  ]);
});
