// A strategic merge patch of a Job, as `kubectl patch --type=strategic` applies the patches
// diagnose suggests (k8s.io/apimachinery/pkg/util/strategicpatch): objects merge, `null` deletes a
// key, the pod template's container lists merge by their patchMergeKey `name`, and every other
// list is replaced whole (podFailurePolicy.rules and successPolicy.rules have no merge key, and
// the suggestions give them complete). Only what those patches use is supported: no `$patch`,
// `$retainKeys` or `$setElementOrder` directives.
import { cloneDecoded } from './clone-decoded.ts';
import { isObject, type JsonObject } from './decoded-access.ts';
import { newDecodedObject } from './decoded-object.ts';

/** Lists of the pod spec whose items merge by `name` (v1.PodSpec's patchMergeKey). */
const MERGE_BY_NAME = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** The target with the patch applied; neither is changed. Decoded input: own keys only. */
export function applyStrategicMergePatch<T extends object>(target: T, patch: JsonObject): T {
  return mergeObject(cloneDecoded(target) as JsonObject, patch) as T;
}

function mergeObject(target: JsonObject, patch: JsonObject): JsonObject {
  const out = newDecodedObject();
  for (const key of Object.keys(target)) out[key] = target[key];
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    if (value === null) delete out[key];
    else if (isObject(value)) out[key] = mergeObject(isObject(current) ? current : newDecodedObject(), value);
    else if (Array.isArray(value) && MERGE_BY_NAME.has(key)) out[key] = mergeByName(current, value);
    else out[key] = cloneValue(value);
  }
  return out;
}

function mergeByName(target: unknown, patch: readonly unknown[]): unknown[] {
  const out = Array.isArray(target) ? [...(target as unknown[])] : [];
  for (const item of patch) {
    const name = isObject(item) && Object.hasOwn(item, 'name') ? item.name : undefined;
    const at = out.findIndex((existing) => isObject(existing) && existing.name === name);
    const existing = at >= 0 ? out[at] : undefined;
    if (isObject(existing) && isObject(item)) out[at] = mergeObject(existing, item);
    else out.push(cloneValue(item));
  }
  return out;
}

const cloneValue = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? cloneDecoded(value) : value;
