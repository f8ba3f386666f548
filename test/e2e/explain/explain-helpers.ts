// What the explain end-to-end tests share: a namespace of their own (prefixed explain-) and the
// real executable, run against the testbed.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { V1Job } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { Explanation } from '../../../plugin/explain/explanation.ts';
import { KUBECONFIG, REPO_ROOT } from '../helpers/cluster.ts';
import { createNamespace } from '../helpers/namespace.ts';

const BIN = join(REPO_ROOT, 'bin', 'kubectl-job_x.js');

/** A fresh namespace `explain-<hint>-<random>`, ready for pods (its default ServiceAccount exists). */
export function createExplainNamespace(hint: string): Promise<string> {
  return createNamespace(hint, { prefix: 'explain' });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kubectl-job_x <args>` (built bundle), with standard input when given. */
export async function runJobX(args: string[], input?: string): Promise<RunResult> {
  const child = promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 });
  child.child.stdin?.end(input ?? '');
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** explain's prediction for a manifest: `explain -f - -o json` on the Job as it will be created. */
export async function explainManifest(job: V1Job): Promise<Explanation> {
  const result = await runJobX(['explain', '-f', '-', '-o', 'json'], stringify(job));
  if (result.code !== 0) throw new Error(`explain -f failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Explanation;
}

/** explain of a live object: `explain REF -n NAMESPACE -o json` against the testbed. */
export async function explainLive(reference: string, namespace: string): Promise<Explanation> {
  const result = await runJobX(['explain', reference, '--kubeconfig', KUBECONFIG, '-n', namespace, '-o', 'json']);
  if (result.code !== 0) throw new Error(`explain ${reference} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Explanation;
}
