import type { ParsedSource } from '../../plugin/yaml/parsed-source.ts';
import { kubectlNumberText } from '../../kubernetes/index.ts';

/**
 * Compares two readings of one source on everything the linter uses: values (strictly: key
 * order, -0, prototypes, shared objects, the digits of numbers), problems, document counts and
 * the position of every field path. Shared by the fast reader's and the chunked reading's tests.
 */

/** undefined when equal; else where they differ. Strict: key order, -0, prototypes, shared objects. */
function difference(a: unknown, b: unknown, where = '$', seen = new Map<object, object>()): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? undefined : `${where}: ${String(a)} vs ${String(b)}`;
  }
  // An object met again (an alias) must be the same object on both sides.
  if (seen.has(a)) return seen.get(a) === b ? undefined : `${where}: sharing differs`;
  seen.set(a, b);
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b))
    return `${where}: different kinds`;
  const keysA = Reflect.ownKeys(a);
  const keysB = Reflect.ownKeys(b);
  if (keysA.join('\0') !== keysB.join('\0'))
    return `${where}: keys ${keysA.map(String).join(',')} vs ${keysB.map(String).join(',')}`;
  for (const key of keysA) {
    const itemA = (a as Record<PropertyKey, unknown>)[key];
    // Numbers: the digits kubectl sends too (exact int64s are recorded beside the value).
    if (typeof itemA === 'number' && typeof key === 'string') {
      const textA = kubectlNumberText(a, key, itemA);
      const textB = kubectlNumberText(b, key, (b as Record<string, unknown>)[key] as number);
      if (textA !== textB) return `${where}.${key}: ${textA} vs ${textB}`;
    }
    const d = difference(
      (a as Record<PropertyKey, unknown>)[key],
      (b as Record<PropertyKey, unknown>)[key],
      `${where}.${String(key)}`,
      seen,
    );
    if (d) return d;
  }
  return undefined;
}

/** Printed paths to every key and item (in both the `.name` and `[key]` forms), and some that do not exist. */
function pathsOf(value: unknown): string[] {
  const paths = ['', 'missing', 'spec.missing[0]'];
  const walked = new Set<object>();
  const walk = (node: unknown, prefix: string): void => {
    if (typeof node !== 'object' || node === null || paths.length > 2000 || walked.has(node)) return;
    walked.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        paths.push(`${prefix}[${i}]`);
        walk(item, `${prefix}[${i}]`);
      });
      paths.push(`${prefix}[${node.length}]`, `${prefix}.x`);
      return;
    }
    for (const key of Object.keys(node)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      paths.push(path, `${prefix}[${key}]`, `${path}.missing`, `${path}[0]`);
      walk((node as Record<string, unknown>)[key], path);
    }
  };
  walk(value, '');
  return paths;
}

/** undefined when both readings agree on everything the linter uses. */
export function disagreement(fast: ParsedSource, full: ParsedSource): string | undefined {
  if (JSON.stringify(fast.problems) !== JSON.stringify(full.problems))
    return `problems ${JSON.stringify(fast.problems)} vs ${JSON.stringify(full.problems)}`;
  if (fast.emptyDocuments !== full.emptyDocuments) return 'empty documents';
  if (fast.documents !== full.documents) return `${fast.documents} vs ${full.documents} documents`;
  if (fast.objects.length !== full.objects.length) return `${fast.objects.length} vs ${full.objects.length} objects`;
  for (const [i, object] of fast.objects.entries()) {
    const other = full.objects[i]!;
    if (object.document !== other.document || object.item !== other.item) return `object ${i}: index`;
    const d = difference(object.value, other.value);
    if (d) return `object ${i}: ${d}`;
    for (const path of pathsOf(other.value)) {
      const a = object.locate(path);
      const b = other.locate(path);
      if (a.line !== b.line || a.column !== b.column)
        return `object ${i}: ${JSON.stringify(path)} at ${a.line}:${a.column} vs ${b.line}:${b.column}`;
    }
  }
  return undefined;
}
