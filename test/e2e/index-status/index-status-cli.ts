// Runs the real `kubectl-job_x index-status` against the testbed, as a user would (not a test
// file: the index-status end-to-end tests share it).
import { expect } from '@jest/globals';
import { parseIndexesLenient } from '../../../kubernetes/index.ts';
import type { IndexStatusOutput } from '../../../schemas/generated/index-status-output.ts';
import { expectValidOutput, jobX } from '../helpers/job-x-cli.ts';
import { createNamespace, deleteNamespace } from '../helpers/namespace.ts';

export { jobX, type CliResult } from '../helpers/job-x-cli.ts';

/** `index-status NAME -n NAMESPACE -o json`: exit 0, nothing on stderr, valid against the schema. */
export async function indexStatusJson(
  namespace: string,
  name: string,
  extra: string[] = [],
): Promise<IndexStatusOutput> {
  const result = await jobX(['index-status', name, '-n', namespace, '-o', 'json', ...extra]);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  const output = JSON.parse(result.stdout) as IndexStatusOutput;
  await expectValidOutput('index-status-output', output);
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
  for (const { first, last } of parseIndexesLenient(text ?? '', completions))
    for (let i = first; i <= last; i++) set.add(i);
  return set;
}

export const isSubset = (a: Set<number>, b: Set<number>): boolean => [...a].every((x) => b.has(x));
