// Runs the real `kubectl-job_x` executable against the testbed, as a user would (not a test
// file: the diagnose end-to-end tests share it).
import { expect } from '@jest/globals';
import type { V1Job } from '@kubernetes/client-node';
import type { DiagnoseOutput } from '../../../schemas/generated/diagnose-output.ts';
import { createJob } from '../helpers/jobs.ts';
import { expectValidOutput, jobX } from '../helpers/job-x-cli.ts';
import { createNamespace, deleteNamespace } from '../helpers/namespace.ts';

export { jobX, type CliResult } from '../helpers/job-x-cli.ts';

/** `diagnose REF -n NAMESPACE -o json`: exit 0, nothing on stderr, valid against the schema. */
export async function diagnoseJson(
  namespace: string,
  reference: string,
  extra: string[] = [],
): Promise<DiagnoseOutput> {
  const result = await jobX(['diagnose', reference, '-n', namespace, '-o', 'json', ...extra]);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  const output = JSON.parse(result.stdout) as DiagnoseOutput;
  await expectValidOutput('diagnose-output', output);
  return output;
}

/** Runs `body` in a fresh namespace, deleted afterwards (tests in a file run concurrently). */
export async function inNamespace<T>(hint: string, body: (namespace: string) => Promise<T>): Promise<T> {
  const namespace = await createNamespace(`diag-${hint}`);
  try {
    return await body(namespace);
  } finally {
    await deleteNamespace(namespace);
  }
}

/** Creates the Job and returns its name. */
export async function create(namespace: string, job: V1Job): Promise<string> {
  const created = await createJob(namespace, job);
  return created.metadata!.name!;
}

/** The conditions as diagnose reports them, from the Job the API server holds. */
export function conditionsOf(job: V1Job): { type: string; status: string; reason: string | null }[] {
  return (job.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? null }));
}
