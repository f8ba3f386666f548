// What the explain end-to-end tests share: a namespace of their own (prefixed explain-) and the
// real executable, run against the testbed.
import type { V1Job } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { Explanation } from '../../../plugin/explain/explanation.ts';
import { KUBECONFIG } from '../helpers/cluster.ts';
import { jobX, type CliResult } from '../helpers/job-x-cli.ts';
import { createNamespace } from '../helpers/namespace.ts';

/** A fresh namespace `explain-<hint>-<random>`, ready for pods (its default ServiceAccount exists). */
export function createExplainNamespace(hint: string): Promise<string> {
  return createNamespace(hint, { prefix: 'explain' });
}

export type RunResult = CliResult;

/** Runs `kubectl-job_x <args>` (built bundle) with no kubeconfig flag, with standard input when given. */
export function runJobX(args: string[], input?: string): Promise<RunResult> {
  return jobX(args, { kubeconfig: null, input });
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
