import type { ResolvedPolicy } from '../../policy/index.ts';
import type { JsonObject, RawObjectMeta } from '../../kubernetes/index.ts';
import { explainObject } from './explain-object.ts';
import type { Explanation } from './explanation.ts';

/**
 * `explain NAME`: a Job or CronJob as the cluster returned it, already read into the Raw* shapes
 * (plugin/kube's fetch). A single GET answers with apiVersion and kind; they are set when absent
 * anyway, on the object itself, so it stays one that inherits nothing.
 */
export function explainLiveObject(
  object: JsonObject & { metadata: RawObjectMeta },
  kind: 'Job' | 'CronJob',
  policy: ResolvedPolicy,
): Explanation {
  object.apiVersion ??= 'batch/v1';
  object.kind ??= kind;
  const uid = object.metadata.uid;
  return explainObject(object, { policy, source: { type: 'cluster', ...(uid !== undefined ? { uid } : {}) } });
}
