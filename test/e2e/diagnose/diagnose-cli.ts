// Runs the real `kubectl-job_x` executable against the testbed, as a user would (not a test
// file: the diagnose end-to-end tests share it).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import AjvModule from 'ajv';
import type { V1Job } from '@kubernetes/client-node';
import type { DiagnoseOutput } from '../../../schemas/generated/diagnose-output.ts';
import { KUBECONFIG, REPO_ROOT } from '../helpers/cluster.ts';
import { createJob } from '../helpers/jobs.ts';
import { createNamespace, deleteNamespace } from '../helpers/namespace.ts';

/** The executable under test; JOBX_BIN points at a copy (e.g. while others rebuild dist/). */
const BIN = process.env.JOBX_BIN ?? join(REPO_ROOT, 'bin', 'kubectl-job_x.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `kubectl job-x ARGS` with the testbed's kubeconfig (unless `kubeconfig` says otherwise). */
export function jobX(args: string[], options: { kubeconfig?: string | null; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const kubeconfig = options.kubeconfig === undefined ? KUBECONFIG : options.kubeconfig;
  const argv = [BIN, ...args, ...(kubeconfig ? ['--kubeconfig', kubeconfig] : [])];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { encoding: 'utf8', env: options.env ?? { ...process.env, NO_COLOR: '1', JOBX_KUBE_TRACE: '' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

type Validator = ((data: unknown) => boolean) & { errors?: unknown };
let validator: Validator | undefined;

async function validateSchema(output: unknown): Promise<void> {
  if (!validator) {
    const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'diagnose-output.schema.json'), 'utf8'));
    validator = new (Ajv as unknown as new (o: object) => { compile(s: object): Validator })({ allErrors: true, strict: false }).compile(schema);
  }
  expect({ valid: validator(output), errors: validator.errors ?? null }).toEqual({ valid: true, errors: null });
}

/** `diagnose REF -n NAMESPACE -o json`: exit 0, nothing on stderr, valid against the schema. */
export async function diagnoseJson(namespace: string, reference: string, extra: string[] = []): Promise<DiagnoseOutput> {
  const result = await jobX(['diagnose', reference, '-n', namespace, '-o', 'json', ...extra]);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  const output = JSON.parse(result.stdout) as DiagnoseOutput;
  await validateSchema(output);
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
