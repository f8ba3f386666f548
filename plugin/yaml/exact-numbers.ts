import { recordExactInteger } from '../../kubernetes/index.ts';

/**
 * The passes over a decoded document for the numbers kubectl treats specially, run only when the
 * scalar resolvers met one (see go-yaml-scalars.ts):
 *
 * - an integer that a number cannot print exactly arrives as a bigint; it becomes a number, and
 *   its digits are recorded (kubernetes/exact-integers.ts) for the checks that decide int64
 *   ranges and print the value as kubectl and the API server do;
 * - `.inf` and `.nan` make kubectl refuse the whole document (encoding/json cannot write them).
 */

/** Replaces every bigint in the document by a number, recording its digits; returns the new root. */
export function settleExactIntegers(root: unknown): unknown {
  if (typeof root === 'bigint') return Number(root);
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    const entries = node as Record<string | number, unknown>;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      const value = entries[key];
      if (typeof value !== 'bigint') {
        visit(value);
        continue;
      }
      // defineProperty: an own `__proto__` key stays a property.
      Object.defineProperty(node, key, { value: Number(value), writable: true, enumerable: true, configurable: true });
      recordExactInteger(node, key, value.toString());
    }
  };
  visit(root);
  return root;
}

export interface UnsupportedNumber {
  /** Where it is, as a printed field path (`spec.template.x[0]`). */
  readonly path: string;
  readonly message: string;
}

/**
 * The infinity or NaN that kubectl stops at: the first one encoding/json meets, which writes map
 * keys in sorted order. Undefined when the document has none.
 */
export function firstUnsupportedNumber(root: unknown): UnsupportedNumber | undefined {
  const seen = new Set<object>();
  const visit = (node: unknown, path: string): UnsupportedNumber | undefined => {
    if (typeof node === 'number') {
      if (Number.isFinite(node)) return undefined;
      const text = node !== node ? 'NaN' : node > 0 ? '+Inf' : '-Inf';
      return { path, message: `error converting YAML to JSON: json: unsupported value: ${text}` };
    }
    if (typeof node !== 'object' || node === null || seen.has(node)) return undefined;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const found = visit(node[i], `${path}[${i}]`);
        if (found) return found;
      }
      return undefined;
    }
    const object = node as Record<string, unknown>;
    for (const key of Object.keys(object).sort(compareUtf8)) {
      const found = visit(object[key], /[.[\]]/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  };
  return visit(root, '');
}

/** Go compares strings by their UTF-8 bytes. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
