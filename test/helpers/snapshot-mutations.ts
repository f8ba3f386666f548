// fast-check mutations of recorded snapshots (test/fixtures/snapshots/*): the shapes a hand-edited
// support bundle, a `kubectl get … -o yaml` List or a hostile file can take. Each mutation picks a
// node of the snapshot (the Job, a pod, an Event, or any field inside them) and gives it another
// shape: a string where an object goes, a number as a string, an array where a map goes, nothing
// at all, a key named after Object.prototype's members, a value carrying `toString`, or text with
// control characters for the outputs to escape.
import fc from 'fast-check';
import { edgeNumber, edgeString, hostileValue, objectOf, PROTOTYPE_NAMES, toStringCarrying } from './hostile-values.ts';

/** A path into the snapshot: keys and array indexes from the root. */
export type NodePath = readonly (string | number)[];

/** Every path of a JSON tree, root first (the root itself is the empty path). */
export function nodePaths(value: unknown, path: NodePath = [], out: NodePath[] = []): NodePath[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => nodePaths(item, [...path, index], out));
  else if (typeof value === 'object' && value !== null)
    for (const key of Object.keys(value)) nodePaths((value as Record<string, unknown>)[key], [...path, key], out);
  return out;
}

/** What one mutation does to the node it picks. */
export type Mutation =
  | { readonly op: 'replace'; readonly target: number; readonly value: unknown }
  | { readonly op: 'delete'; readonly target: number }
  | { readonly op: 'add-key'; readonly target: number; readonly key: string; readonly value: unknown }
  | { readonly op: 'stringify'; readonly target: number }
  | { readonly op: 'wrap'; readonly target: number; readonly asArray: boolean }
  | {
      readonly op: 'same-type';
      readonly target: number;
      readonly text: string;
      readonly number: number;
    }
  | { readonly op: 'printed'; readonly target: number; readonly text: string };

const shapeChange: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'x', '3', '-1', '1e400', 'true', 'null', '2026-13-45T99:99:99Z', 'not a time'),
  edgeNumber,
  edgeString,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom(['a', 1], [{}], [null], [[]]),
  toStringCarrying,
  hostileValue,
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.constantFrom(
    '\u001b[31mred\u001b[0m',
    '::error file=x::owned',
    'line\nbreak',
    '\r\u0007\u202e',
    '1.5',
    'Infinity',
    '1,3-5',
    '5-3',
    '-1',
    '99999999999999999999',
    '0-2147483647',
  ),
);

/**
 * Values of the type a field already has, which no reader drops: they test what the analyses and
 * the text outputs do with hostile content (names with escape sequences, condition reasons named
 * after prototype members, index lists out of order, counts at the int32 limits, odd times).
 */
const sameTypeText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.constantFrom(
    '',
    '\u001b[31mred\u001b[0m',
    '\u001b]0;title\u0007',
    '::error file=x::owned',
    'line\nbreak\r\n',
    '\t\u0000\u007f\u009b\u2028\u202e\u2066',
    '\ud800',
    'True',
    'False',
    'Unknown',
    'Failed',
    'Complete',
    'FailureTarget',
    'SuccessCriteriaMet',
    'Suspended',
    'Running',
    'Pending',
    'Succeeded',
    'OOMKilled',
    'Evicted',
    'DisruptionTarget',
    'PodFailurePolicy',
    'BackoffLimitExceeded',
    '0',
    '1,3-5',
    '5-3',
    '0-2147483646',
    '2147483647',
    '-1',
    '1,1,1',
    ',',
    '1-',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-01-01T00:00:00.123456789+14:00',
    '1970-01-01T00:00:00Z',
    'Indexed',
    'NonIndexed',
    'OnFailure',
    'Never',
    'Always',
    'batch.kubernetes.io/job-completion-index',
    'x'.repeat(5000),
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Text a terminal or a CI log would act on, alone or inside ordinary words. */
const controlText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', 'pi-', 'Error: '),
    fc.constantFrom(
      '\u001b[31m',
      '\u001b]0;title\u0007',
      '\n::error file=x::owned',
      '\r',
      '\u0000',
      '\u007f',
      '\u009b2J',
      '\u2028',
      '\u202e',
      '\u2066',
      '\ud800',
    ),
    fc.constantFrom('', '-x', ' tail'),
  )
  .map((parts) => parts.join(''));

const sameTypeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 3, 137, 143, 255, 256, -(2 ** 31), 2 ** 31 - 1, 100_000, 100_001, 1e6),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  edgeNumber,
);

/** Keys whose strings the views print: a `printed` mutation gives one of them hostile text. */
const PRINTED_KEYS = new Set([
  'name',
  'namespace',
  'generateName',
  'reason',
  'message',
  'type',
  'status',
  'image',
  'containerName',
  'nodeName',
  'managedBy',
  'schedulerName',
  'component',
  'reportingComponent',
  'completionMode',
  'restartPolicy',
  'operator',
  'action',
  'phase',
  'batch.kubernetes.io/job-completion-index',
  'kueue.x-k8s.io/queue-name',
]);

const prototypeKey = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 8 }));

/** One mutation; `target` is reduced modulo the number of nodes when applied. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('replace' as const), target: fc.nat(), value: shapeChange }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), target: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add-key' as const),
      target: fc.nat(),
      key: prototypeKey,
      value: shapeChange,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stringify' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), target: fc.nat(), asArray: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('same-type' as const),
      target: fc.nat(),
      text: sameTypeText,
      number: sameTypeNumber,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('printed' as const),
      target: fc.nat(),
      text: fc.oneof({ weight: 2, arbitrary: controlText }, { weight: 1, arbitrary: sameTypeText }),
    }),
  },
);

/** A deep copy that keeps an own `__proto__` key an own key. */
export function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (typeof value !== 'object' || value === null) return value;
  return objectOf(Object.entries(value).map(([key, item]) => [key, copyJson(item)])) as T;
}

function setAt(root: Record<string, unknown>, path: NodePath, value: unknown, remove = false): void {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const last = path.at(-1)!;
  if (Array.isArray(node) && typeof last === 'number') {
    if (remove) node.splice(last, 1);
    else node[last] = value;
  } else if (typeof node === 'object' && node !== null) {
    if (remove) delete (node as Record<string, unknown>)[last];
    else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
}

function getAt(root: unknown, path: NodePath): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

/**
 * Applies the mutations to a copy of `root` (paths below the root only: the root stays an object).
 * Nodes are listed again after each mutation, so later ones can reach into what earlier ones made.
 */
export function mutate<T extends object>(root: T, mutations: readonly Mutation[]): T {
  const copy = copyJson(root) as Record<string, unknown>;
  for (const m of mutations) {
    const all = nodePaths(copy).slice(1);
    // same-type changes leaves: pick among them, or it would mostly land on a mapping.
    const paths =
      m.op === 'same-type'
        ? all.filter((p) => ['string', 'number', 'boolean'].includes(typeof getAt(copy, p)))
        : m.op === 'printed'
          ? all.filter((p) => typeof getAt(copy, p) === 'string' && PRINTED_KEYS.has(String(p.at(-1))))
          : all;
    if (paths.length === 0) continue;
    const path = paths[m.target % paths.length]!;
    const current = getAt(copy, path);
    switch (m.op) {
      case 'replace':
        setAt(copy, path, copyJson(m.value));
        break;
      case 'delete':
        setAt(copy, path, undefined, true);
        break;
      case 'add-key':
        if (typeof current === 'object' && current !== null && !Array.isArray(current))
          Object.defineProperty(current, m.key, {
            value: copyJson(m.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else setAt(copy, path, objectOf([[m.key, copyJson(m.value)]]));
        break;
      case 'stringify':
        // A number as a string, an object as its JSON: the value kept, its type lost.
        setAt(copy, path, typeof current === 'string' ? current : (JSON.stringify(current) ?? 'undefined'));
        break;
      case 'printed':
        setAt(copy, path, m.text);
        break;
      case 'same-type':
        // Leaves only; a mapping or a list is left as it is.
        if (typeof current === 'string') setAt(copy, path, m.text);
        else if (typeof current === 'number') setAt(copy, path, m.number);
        else if (typeof current === 'boolean') setAt(copy, path, !current);
        break;
      case 'wrap':
        setAt(copy, path, m.asArray ? [current] : objectOf([['value', current]]));
        break;
    }
  }
  return copy as T;
}

export const mutations: fc.Arbitrary<Mutation[]> = fc.array(mutation, { minLength: 1, maxLength: 4 });
