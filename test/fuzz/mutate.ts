import { type DecodeType, rootDecodeType } from '../../kubernetes/index.ts';

/**
 * Seeded mutations of valid Jobs and CronJobs for differential fuzzing against the API server.
 * Each mutation changes one place anywhere in the object (pod template included) and says where,
 * so that a disagreement can be classified by area and written as a corpus case.
 */
export type Random = () => number;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface Mutant {
  readonly manifest: JsonObject;
  /** `delete-field`, `change-type`, ... and the path it touched. */
  readonly mutation: string;
  readonly path: string;
}

/** One place in the document: its value, its Go type when known, and how to replace it. */
interface Node {
  readonly path: string;
  readonly value: Json;
  readonly type: DecodeType | undefined;
  readonly holder: JsonObject | Json[];
  readonly key: string | number;
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function nodesOf(value: Json, type: DecodeType | undefined, path: string, out: Node[]): Node[] {
  if (Array.isArray(value)) {
    const elem = type && type.kind === 'slice' ? type.elem : undefined;
    value.forEach((item, i) => {
      out.push({ path: `${path}[${i}]`, value: item, type: elem, holder: value, key: i });
      nodesOf(item, elem, `${path}[${i}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childType =
        type?.kind === 'struct' ? type.fields.get(key)?.type : type?.kind === 'map' ? type.elem : undefined;
      const childPath = type?.kind === 'map' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
      out.push({ path: childPath, value: child, type: childType, holder: value, key });
      nodesOf(child, childType, childPath, out);
    }
  }
  return out;
}

function set(node: Node, value: Json | undefined): void {
  if (Array.isArray(node.holder)) {
    if (value === undefined) node.holder.splice(node.key as number, 1);
    else node.holder[node.key as number] = value;
  } else if (value === undefined) delete node.holder[node.key as string];
  else node.holder[node.key as string] = value;
}

const STRINGS = ['', 'x', 'Always', 'None', 'main', 'a/b', 'TCP', '/data', '1', 'UPPER_case', 'web', 'a.b'];
const INTS = [0, 1, -1, 80, 65536, 2147483647, 3];
const QUANTITIES = ['1', '100m', '-1', '1Gi', 'x', '0.5'];
const INT_OR_STRINGS: Json[] = [80, 'http', 0, 'x y', 70000];
const MAP_KEYS = ['a', 'cpu', 'memory', 'b/c', 'UPPER'];

/** A value of a Go type, as a user might write one (valid or not). */
function valueOf(random: Random, type: DecodeType, depth: number): Json | undefined {
  switch (type.kind) {
    case 'string':
      return pick(random, STRINGS);
    case 'int':
    case 'uint':
      return pick(random, INTS);
    case 'float':
      return 0.5;
    case 'bool':
      return random() < 0.5;
    case 'custom':
      if (type.name === 'resource.Quantity') return pick(random, QUANTITIES);
      if (type.name === 'intstr.IntOrString') return pick(random, INT_OR_STRINGS);
      return undefined;
    case 'slice': {
      const item = depth > 0 ? valueOf(random, type.elem, depth - 1) : undefined;
      return item === undefined ? [] : [item];
    }
    case 'map': {
      const item = depth > 0 ? valueOf(random, type.elem, depth - 1) : undefined;
      return item === undefined ? {} : { [pick(random, MAP_KEYS)]: item };
    }
    case 'struct': {
      const out: JsonObject = {};
      const fields = [...type.fields.entries()];
      const count = depth > 0 ? Math.floor(random() * 3) : 0;
      for (let i = 0; i < count && fields.length > 0; i++) {
        const [name, field] = pick(random, fields);
        const value = valueOf(random, field.type, depth - 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Places a mutation must leave alone: the URL is built from them, or the namespace must match it. */
function protectedPath(path: string): boolean {
  return path === 'apiVersion' || path === 'kind' || path === 'metadata.namespace' || path === 'metadata';
}

type Mutation = (random: Random, nodes: Node[], manifest: JsonObject) => string | undefined;

const MUTATIONS: Record<string, Mutation> = {
  'delete-field'(random, nodes) {
    const node = pick(random, nodes);
    set(node, undefined);
    return node.path;
  },
  'change-type'(random, nodes) {
    const node = pick(random, nodes);
    const kinds: Json[] = ['x', 7, true, {}, [], { a: 1 }, ['x'], 1.5];
    set(
      node,
      structuredClone(
        pick(
          random,
          kinds.filter((k) => typeof k !== typeof node.value),
        ),
      ),
    );
    return node.path;
  },
  'number-out-of-range'(random, nodes) {
    const numbers = nodes.filter((n) => typeof n.value === 'number' || n.type?.kind === 'int');
    if (numbers.length === 0) return undefined;
    const node = pick(random, numbers);
    set(node, pick(random, [2147483648, -2147483649, -1, 1.5, 9300000000000000000, 1e30, 0, 2147483647]));
    return node.path;
  },
  'unknown-key'(random, nodes) {
    const structs = nodes.filter((n) => n.type?.kind === 'struct' && n.value !== null && typeof n.value === 'object');
    const node = pick(random, structs);
    const object = node.value as JsonObject;
    // The URL is built from apiVersion and kind, and the namespace must match it: not renamed.
    const keys = Object.keys(object).filter((k) => !['apiVersion', 'kind', 'namespace'].includes(k));
    if (keys.length === 0 || random() < 0.3) {
      object[pick(random, ['comand', 'imagePullPolice', 'foo', 'Name', 'restartpolicy'])] = 'x';
    } else {
      const key = pick(random, keys);
      const renamed = random() < 0.5 ? `${key}s` : key.slice(0, -1);
      object[renamed] = object[key] as Json;
      delete object[key];
    }
    return node.path;
  },
  'break-name'(random, nodes) {
    const names = nodes.filter((n) => typeof n.value === 'string' && /name$/i.test(String(n.key)));
    if (names.length === 0) return undefined;
    const node = pick(random, names);
    set(node, pick(random, ['Bad_Name', 'a'.repeat(64), 'UPPER', '', '-x', 'a.b', 'a'.repeat(254), 'x y']));
    return node.path;
  },
  'swap-enum'(random, nodes) {
    const enums = nodes.filter((n) => typeof n.value === 'string' && /^[A-Z][A-Za-z]+$/.test(n.value));
    if (enums.length === 0) return undefined;
    const node = pick(random, enums);
    const text = node.value as string;
    set(node, pick(random, [text.toLowerCase(), 'Sometimes', `${text}s`, 'Always', 'Never', 'OnFailure']));
    return node.path;
  },
  'too-long'(random, nodes) {
    const arrays = nodes.filter((n) => Array.isArray(n.value) && n.value.length > 0);
    if (arrays.length === 0) return undefined;
    const node = pick(random, arrays);
    const items = node.value as Json[];
    const length = pick(random, [9, 17, 21, 33, 101]);
    set(
      node,
      Array.from({ length }, (_, i) => structuredClone(items[i % items.length] as Json)),
    );
    return node.path;
  },
  duplicate(random, nodes) {
    const arrays = nodes.filter((n) => Array.isArray(n.value) && n.value.length > 0);
    if (arrays.length === 0) return undefined;
    const node = pick(random, arrays);
    const items = node.value as Json[];
    items.push(structuredClone(pick(random, items)));
    return `${node.path}[${items.length - 1}]`;
  },
  'break-reference'(random, nodes) {
    const containers = nodes.filter((n) => /\.(containers|initContainers)\[\d+\]$/.test(n.path) && n.value !== null);
    if (containers.length === 0) return undefined;
    const node = pick(random, containers);
    const container = node.value as JsonObject;
    if (random() < 0.5) {
      container.volumeMounts = [{ name: 'missing', mountPath: '/missing' }];
      return `${node.path}.volumeMounts[0].name`;
    }
    container.env = [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.nope' } } }];
    return `${node.path}.env[0].valueFrom.fieldRef.fieldPath`;
  },
  'add-field'(random, nodes) {
    const structs = nodes.filter((n) => n.type?.kind === 'struct' && n.value !== null && typeof n.value === 'object');
    const node = pick(random, structs);
    if (node.type?.kind !== 'struct') return undefined;
    const object = node.value as JsonObject;
    const absent = [...node.type.fields.entries()].filter(([name]) => !Object.hasOwn(object, name));
    if (absent.length === 0) return undefined;
    const [name, field] = pick(random, absent);
    const value = valueOf(random, field.type, 3);
    if (value === undefined) return undefined;
    object[name] = value;
    return `${node.path}.${name}`;
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One mutant of a valid manifest; undefined when the drawn mutation finds no place to apply. */
export function mutate(random: Random, seed: JsonObject): Mutant | undefined {
  const manifest = structuredClone(seed);
  const kind = manifest.kind === 'CronJob' ? 'CronJob' : 'Job';
  const root: Node = { path: '', value: manifest, type: rootDecodeType(kind), holder: [], key: 0 };
  const nodes = [root, ...nodesOf(manifest, rootDecodeType(kind), '', [])].filter((n) => !protectedPath(n.path));
  const name = pick(random, MUTATION_NAMES);
  const mutation = MUTATIONS[name] as Mutation;
  const editable = nodes.filter((n) => n !== root);
  const path = mutation(random, name === 'unknown-key' || name === 'add-field' ? nodes : editable, manifest);
  return path === undefined ? undefined : { manifest, mutation: name, path: path.replace(/^\./, '') };
}
