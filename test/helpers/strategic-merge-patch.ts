// A strategic merge patch of a Job, as `kubectl patch --type=strategic` applies the ones diagnose
// suggests: objects merge, `null` deletes, lists of containers merge by name (their patchMergeKey),
// every other list is replaced whole (podFailurePolicy.rules has no merge key).
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MERGE_BY_NAME = new Set(['containers', 'initContainers']);

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function applyStrategicMergePatch<T>(target: T, patch: Record<string, unknown>): T {
  return merge(structuredClone(target) as Json, patch as Json, '') as T;
}

function merge(target: Json, patch: Json, key: string): Json {
  if (!isObject(patch)) return Array.isArray(patch) && MERGE_BY_NAME.has(key) ? mergeByName(target, patch) : patch;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, value] of Object.entries(patch)) {
    if (value === null) delete out[k];
    else out[k] = merge(out[k] ?? null, value, k);
  }
  return out;
}

function mergeByName(target: Json, patch: Json[]): Json[] {
  const out = Array.isArray(target) ? [...target] : [];
  for (const item of patch) {
    const name = isObject(item) ? item.name : undefined;
    const at = out.findIndex((existing) => isObject(existing) && existing.name === name);
    if (at >= 0) out[at] = merge(out[at]!, item, '');
    else out.push(item);
  }
  return out;
}
