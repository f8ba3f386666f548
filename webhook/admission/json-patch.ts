// A CommonJS package whose named exports Node cannot see from an ES module: the default import is its exports.
import jsonPatch, { type Operation } from 'fast-json-patch';

/**
 * RFC 6902 JSON patches from a diff of two decoded JSON values: the mutating webhook diffs the
 * object it was sent against the object after the defaults, so the patch holds exactly what the
 * defaults changed and nothing the webhook merely read. fast-json-patch's `compare` does the
 * diff: members are removed, added or diffed in turn, and arrays item by item (a longer array
 * gets `add`s at its end, a shorter one `remove`s from its end, in an order that applies
 * correctly); its values are copies, so the patch shares nothing with the objects.
 */
export type JsonPatchOperation = Operation;

/**
 * The operations that turn `before` into `after`. `before` is decoded JSON (the request's
 * object); a member of `after` whose value is `undefined` does not exist in JSON and is left out
 * (or removed). `compare` diffs the members of two objects or the items of two arrays; any other
 * pair of roots is one `replace` of the whole document, when they differ.
 */
export function toJsonPatch(before: unknown, after: unknown): JsonPatchOperation[] {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after))
    return jsonPatch.compare(before, after);
  return before === after ? [] : [{ op: 'replace', path: '', value: after }];
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
