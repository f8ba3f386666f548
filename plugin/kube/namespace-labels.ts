// The labels of namespaces, for a policy whose namespaceSelector or per-namespace overrides the
// audit must judge as the webhook does (the webhook watches namespaces for the same reason).
import { isObject, obj, str, stringMap } from '../../kubernetes/index.ts';
import type { KubeClient } from './client.ts';

/**
 * Namespace name → labels: one GET for a namespace, one paged LIST of the metadata for all of them
 * (null). Needs `get` (or `list`, with -A) on namespaces; the caller names the right on a 403.
 */
export async function fetchNamespaceLabels(
  client: KubeClient,
  namespace: string | null,
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  const add = (item: unknown): undefined => {
    const metadata = isObject(item) ? obj(item, 'metadata') : undefined;
    const name = str(metadata, 'name');
    if (name !== undefined) out.set(name, stringMap(metadata, 'labels') ?? {});
    return undefined;
  };
  if (namespace !== null) {
    const { body } = await client.get<unknown>(`/api/v1/namespaces/${encodeURIComponent(namespace)}`);
    add(body);
  } else {
    await client.list<unknown, never>('/api/v1/namespaces', {}, { dropManagedFields: true, keep: add });
  }
  return out;
}
