/**
 * RFC 6902 JSON patches from a diff of two decoded JSON values: the mutating webhook diffs the
 * object it was sent against the object after the defaults, so the patch holds exactly what the
 * defaults changed and nothing the webhook merely read.
 */
export type JsonPatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

/** One JSON pointer token (RFC 6901 §3): `~` first, then `/`, or `a/~b` would not round-trip. */
export function escapePointerToken(token: string): string {
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}

/**
 * The operations that turn `before` into `after`. Objects are diffed member by member (`remove`,
 * `add`, or recursion); an array of unchanged length is diffed index by index, an array whose
 * length changed is replaced whole: inserting or removing items by index would be correct only in
 * one order of application, and a whole replacement is correct in every case. A member whose
 * value is `undefined` does not exist in JSON and counts as absent.
 */
export function toJsonPatch(before: unknown, after: unknown): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  diff(before, after, '', operations);
  return operations;
}

function diff(before: unknown, after: unknown, path: string, out: JsonPatchOperation[]): void {
  if (before === after) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) {
      if (before[key] !== undefined && (!Object.hasOwn(after, key) || after[key] === undefined))
        out.push({ op: 'remove', path: `${path}/${escapePointerToken(key)}` });
    }
    for (const key of Object.keys(after)) {
      const value = after[key];
      if (value === undefined) continue;
      const childPath = `${path}/${escapePointerToken(key)}`;
      if (!Object.hasOwn(before, key) || before[key] === undefined) out.push({ op: 'add', path: childPath, value });
      else diff(before[key], value, childPath, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    for (let i = 0; i < before.length; i++) diff(before[i], after[i], `${path}/${i}`, out);
    return;
  }
  if (!jsonEqual(before, after)) out.push({ op: 'replace', path, value: after });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of decoded JSON values (members compared as sets, `undefined` members absent). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const aKeys = Object.keys(a).filter((k) => a[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => b[k] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}
