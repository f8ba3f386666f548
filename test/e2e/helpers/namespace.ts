// Every test gets a namespace of its own, so that tests never see each other's Jobs and pods
// (the Job controller, the node simulator and the garbage collector are shared).
import { randomBytes } from 'node:crypto';
import { cluster } from './cluster.ts';

export interface NamespaceOptions {
  /** First part of the name, which says which suite made it (default `e2e`). */
  prefix?: string;
  /** Extra labels, e.g. the one a test webhook's namespaceSelector matches. */
  labels?: Record<string, string>;
}

export async function createNamespace(hint: string, options: NamespaceOptions = {}): Promise<string> {
  const slug = hint
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const name = `${options.prefix ?? 'e2e'}-${slug || 'test'}-${randomBytes(3).toString('hex')}`;
  await cluster().core.createNamespace({
    body: { metadata: { name, labels: { 'testbed.job-x.dev/e2e': 'true', ...options.labels } } },
  });
  // Pods need the "default" ServiceAccount, which the serviceaccount controller adds shortly
  // after the namespace exists; the Job controller would retry, but waiting keeps events clean.
  for (let i = 0; i < 100; i++) {
    try {
      await cluster().core.readNamespacedServiceAccount({ name: 'default', namespace: name });
      return name;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`ServiceAccount default never appeared in namespace ${name}`);
}

/**
 * Starts the deletion and returns; the namespace controller finishes it in the background.
 *
 * The Jobs go first, explicitly. Since Kubernetes 1.34 (OrderedNamespaceDeletion, GA) the
 * namespace controller deletes the pods and waits until they are gone before it deletes anything
 * else. With backoffLimitPerIndex the Job controller keeps its finalizer on the last failed pod
 * of an index until the replacement pod exists, and a terminating namespace refuses that pod: the
 * namespace would stay Terminating for good. A Job being deleted releases all its pods.
 */
export async function deleteNamespace(name: string): Promise<void> {
  try {
    await cluster().batch.deleteCollectionNamespacedJob({ namespace: name, propagationPolicy: 'Background' });
  } catch {
    // no Jobs, or the namespace is gone
  }
  try {
    await cluster().core.deleteNamespace({ name });
  } catch {
    // already gone
  }
}
