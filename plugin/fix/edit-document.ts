import type * as Yaml from 'yaml';

type Key = string | number;

/**
 * Brings a YAML document from `before` to `after` (both plain JSON values, `before` being what the
 * document holds) by editing only the nodes that differ: a new key is added at the end of its
 * mapping, new items of a sequence are inserted where they belong, a changed scalar is replaced.
 * Every other node (its comments, quoting, flow or block style) is left as it was.
 */
export function editDocument(document: Yaml.Document, before: unknown, after: unknown, path: Key[] = []): void {
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key)) document.setIn([...path, key], document.createNode(after[key]));
      else editDocument(document, before[key], after[key], [...path, key]);
    }
    for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) document.deleteIn([...path, key]);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const node = document.getIn(path, true) as Yaml.YAMLSeq | undefined;
    let prefix = 0;
    while (prefix < before.length && prefix < after.length && same(before[prefix], after[prefix])) prefix++;
    let suffix = 0;
    while (
      suffix < before.length - prefix &&
      suffix < after.length - prefix &&
      same(before[before.length - 1 - suffix], after[after.length - 1 - suffix])
    )
      suffix++;
    if (node && prefix + suffix === before.length) {
      const added = after.slice(prefix, after.length - suffix).map((item) => document.createNode(item));
      node.items.splice(prefix, 0, ...added);
      return;
    }
  }
  if (!same(before, after)) document.setIn(path, document.createNode(after));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
