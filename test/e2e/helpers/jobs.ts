// Job manifests for end-to-end tests: the seed examples in test/e2e/manifests/, the node
// simulator's outcome annotations, and creating them on the testbed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { cluster } from './cluster.ts';

const MANIFESTS = join(import.meta.dirname, '..', 'manifests');

/** A seed manifest from test/e2e/manifests/<name>.yaml. */
export function loadJob(name: string): V1Job {
  return parse(readFileSync(join(MANIFESTS, `${name}.yaml`), 'utf8')) as V1Job;
}

/**
 * The node-simulator annotations (test/testbed/README.md, "Node simulator"), set on the pod
 * template, e.g. `{ outcome: 'exit=1;succeed', 'outcome-index-2': 'succeed', seconds: '2' }`.
 */
export function withOutcome(job: V1Job, annotations: Record<string, string>): V1Job {
  const copy = structuredClone(job);
  const template = copy.spec!.template;
  template.metadata ??= {};
  template.metadata.annotations ??= {};
  for (const [key, value] of Object.entries(annotations)) {
    template.metadata.annotations[`testbed.job-x.dev/${key}`] = value;
  }
  return copy;
}

/** Deep-merges `spec` into the Job's spec (objects merge, anything else replaces). */
export function withSpec(job: V1Job, spec: Record<string, unknown>): V1Job {
  const copy = structuredClone(job);
  copy.spec = merge(copy.spec, spec) as V1Job['spec'];
  return copy;
}

function merge(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(out[key], value);
  return out;
}

export async function createJob(namespace: string, job: V1Job): Promise<V1Job> {
  return cluster().batch.createNamespacedJob({ namespace, body: job });
}

export async function readJob(namespace: string, name: string): Promise<V1Job> {
  return cluster().batch.readNamespacedJob({ namespace, name });
}

/** The Job's pods (by its controller-uid label), oldest first. */
export async function podsOf(job: V1Job): Promise<V1Pod[]> {
  const uid = job.metadata!.uid!;
  const list = await cluster().core.listNamespacedPod({
    namespace: job.metadata!.namespace!,
    labelSelector: `batch.kubernetes.io/controller-uid=${uid}`,
  });
  return [...list.items].sort(
    (a, b) =>
      new Date(a.metadata!.creationTimestamp!).getTime() - new Date(b.metadata!.creationTimestamp!).getTime() ||
      a.metadata!.name!.localeCompare(b.metadata!.name!),
  );
}

export function condition(job: V1Job, type: string) {
  return job.status?.conditions?.find((c) => c.type === type);
}
