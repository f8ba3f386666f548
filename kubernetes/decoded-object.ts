import { MAX_NESTING_DEPTH, NestingTooDeepError } from './nesting-depth.ts';

/** A decoded JSON or YAML mapping, read only through decoded-access.ts. */
export type JsonObject = Record<string, unknown>;

/**
 * Decoded objects that inherit nothing. A manifest, a stored object or an AdmissionReview can name
 * a key `constructor`, `toString` or `__proto__` (all valid label keys, for one): on an ordinary
 * object, a lookup of such a key finds Object.prototype's member when the object lacks it, so
 * `labels[key]`, `key in labels` or `schema[key]` answer for a key nobody wrote. Every reader of
 * untrusted JSON/YAML hands out objects built here, and every map built from decoded keys is one.
 *
 * Why not Object.create(null): V8 keeps such objects in dictionary mode, measured 3× slower to
 * build and 3× slower to read by a fixed key. An instance of a constructor whose prototype is a
 * frozen, empty, null-prototype object finds nothing inherited either and keeps fast properties
 * (the pattern of fastify's find-my-way). `__proto__` is then an ordinary own key: no setter is
 * inherited.
 */
const DecodedPrototype: object = Object.freeze(Object.create(null) as object);

const DecodedObject = function DecodedObject(this: unknown) {} as unknown as new () => JsonObject;
DecodedObject.prototype = DecodedPrototype;

/** An empty object for decoded keys: no inherited member answers a lookup. */
export function newDecodedObject(): JsonObject {
  return new DecodedObject();
}

/** Whether a prototype is one a decoded object may have (the one above, or none at all). */
export function isDecodedPrototype(prototype: unknown): boolean {
  return prototype === DecodedPrototype || prototype === null;
}

/**
 * Makes every plain object in a freshly parsed value (JSON.parse, the yaml package's toJS) a
 * decoded object, in place: no copy, so it costs neither the memory of a second tree nor a
 * JSON.parse reviver's call per value. Shared subtrees (YAML aliases) are visited once.
 */
export function toDecodedObjects<T>(value: T): T {
  const pending: object[] = [];
  const seen = new Set<object>();
  const visit = (item: unknown): void => {
    if (typeof item !== 'object' || item === null || seen.has(item)) return;
    const prototype = Object.getPrototypeOf(item) as unknown;
    if (prototype !== Object.prototype && prototype !== Array.prototype && !isDecodedPrototype(prototype)) return;
    seen.add(item);
    pending.push(item);
  };
  visit(value);
  // A loop over a stack, not recursion: decoded nesting can be deeper than the call stack.
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (Array.isArray(item)) {
      for (const element of item) visit(element);
      continue;
    }
    if (Object.getPrototypeOf(item) === Object.prototype) Object.setPrototypeOf(item, DecodedPrototype);
    for (const key in item) visit((item as JsonObject)[key]);
  }
  return value;
}

/**
 * A copy of a value fresh from JSON.parse in which every object is a decoded object (arrays stay
 * arrays, scalars are shared). Cheaper than changing each object's prototype in place,
 * measured 3 to 5 times on an AdmissionReview: V8 has no fast path for Object.setPrototypeOf (a
 * runtime call and a map transition per object), while a new DecodedObject gets its keys along
 * cached transitions. Throws NestingTooDeepError past `limit` levels of mappings and sequences
 * (the copy is recursive, one frame per level: the limit also bounds the stack).
 */
export function toDecodedJsonCopy(value: unknown, limit = MAX_NESTING_DEPTH): unknown {
  return typeof value === 'object' && value !== null ? copyContainer(value, 1, limit) : value;
}

function copyContainer(container: object, depth: number, limit: number): unknown {
  if (depth > limit) throw new NestingTooDeepError(`the value nests deeper than ${limit} levels`);
  if (Array.isArray(container)) {
    const copy = new Array<unknown>(container.length);
    for (let i = 0; i < container.length; i++) {
      const item: unknown = container[i];
      copy[i] = typeof item === 'object' && item !== null ? copyContainer(item, depth + 1, limit) : item;
    }
    return copy;
  }
  const copy = new DecodedObject();
  // for-in: the own enumerable keys in order (JSON.parse's objects inherit no enumerable member),
  // without a keys array. A decoded object inherits no `__proto__` setter: the key is an ordinary one.
  for (const key in container) {
    const item = (container as JsonObject)[key];
    copy[key] = typeof item === 'object' && item !== null ? copyContainer(item, depth + 1, limit) : item;
  }
  return copy;
}
