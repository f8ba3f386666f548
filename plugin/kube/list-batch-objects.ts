// The audit's reading of the cluster: every Job and CronJob of a namespace or of all of them, a
// page at a time (kubectl's chunk size, 500), each object handed on as its page arrives and then
// dropped, so memory holds a page or two whatever the cluster's size. The items' managedFields are
// cut from the answer before it is parsed (the audit never reads them, and they are a large part
// of a stored object). Needs `list` on jobs and cronjobs only; a 403 names the missing right.
import { isObject, type JsonObject } from '../../kubernetes/index.ts';
import type { KubeClient } from './client.ts';

export type BatchPlural = 'jobs' | 'cronjobs';

/** Lists every object of `plural` (in `namespace`, or in every namespace when null) and hands each to `each`. */
export async function listBatchObjects(
  client: KubeClient,
  plural: BatchPlural,
  namespace: string | null,
  each: (object: JsonObject) => void,
): Promise<{ serverDate: string | null }> {
  const path =
    namespace === null
      ? `/apis/batch/v1/${plural}`
      : `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/${plural}`;
  const { serverDate } = await client.list<unknown, never>(
    path,
    {},
    {
      dropManagedFields: true,
      keep: (item) => {
        // Decoded data: an item that is not an object is nothing to judge.
        if (isObject(item)) each(item);
        return undefined;
      },
    },
  );
  return { serverDate };
}

/** GET a ConfigMap's data (string values only: decoded data, read by type). */
export async function fetchConfigMapData(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<Record<string, string>> {
  const { body } = await client.get<unknown>(
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(name)}`,
  );
  const data = isObject(body) && isObject(body.data) ? body.data : {};
  const out = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}
