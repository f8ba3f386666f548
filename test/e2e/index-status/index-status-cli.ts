// Runs the real `kubectl-job_x index-status` against the testbed, as a user would (not a test
// file: the index-status end-to-end tests share it).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { parseIndexesLenient } from '../../../policy/index.ts';
import type { IndexStatusOutput } from '../../../schemas/generated/index-status-output.ts';
import { KUBECONFIG, REPO_ROOT } from '../helpers/cluster.ts';
import { createNamespace, deleteNamespace } from '../helpers/namespace.ts';

const BIN = join(REPO_ROOT, 'bin', 'kubectl-job_x.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `kubectl job-x ARGS --kubeconfig .testbed/kubeconfig`. */
export function jobX(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args, '--kubeconfig', KUBECONFIG],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', JOBX_KUBE_TRACE: '' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

type Validator = ((data: unknown) => boolean) & { errors?: unknown };
let validator: Validator | undefined;

async function validateSchema(output: unknown): Promise<void> {
  if (!validator) {
    const { default: AjvModule } = await import('ajv');
    const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'index-status-output.schema.json'), 'utf8'));
    validator = new (Ajv as unknown as new (o: object) => { compile(s: object): Validator })({ allErrors: true }).compile(schema);
  }
  expect({ valid: validator(output), errors: validator.errors ?? null }).toEqual({ valid: true, errors: null });
}

/** `index-status NAME -n NAMESPACE -o json`: exit 0, nothing on stderr, valid against the schema. */
export async function indexStatusJson(namespace: string, name: string, extra: string[] = []): Promise<IndexStatusOutput> {
  const result = await jobX(['index-status', name, '-n', namespace, '-o', 'json', ...extra]);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  const output = JSON.parse(result.stdout) as IndexStatusOutput;
  await validateSchema(output);
  return output;
}

/** Runs `body` in a fresh namespace (e2e-idx-...), deleted afterwards. */
export async function inNamespace<T>(hint: string, body: (namespace: string) => Promise<T>): Promise<T> {
  const namespace = await createNamespace(`idx-${hint}`);
  try {
    return await body(namespace);
  } finally {
    await deleteNamespace(namespace);
  }
}

/** The indexes of an interval string, read as the controller reads it. */
export function indexSet(text: string | undefined | null, completions: number): Set<number> {
  const set = new Set<number>();
  for (const { first, last } of parseIndexesLenient(text ?? '', completions)) for (let i = first; i <= last; i++) set.add(i);
  return set;
}

export const isSubset = (a: Set<number>, b: Set<number>): boolean => [...a].every((x) => b.has(x));
