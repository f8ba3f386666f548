import type { Document, Node } from 'yaml';
import { yamlPackage } from '../../edge/index.ts';
import { describeError, MAX_NESTING_DEPTH, toDecodedObjects, valueText } from '../../kubernetes/index.ts';
import { composeDocuments } from './yaml-nesting.ts';
import {
  duplicateKeyMessage,
  isListKind,
  MAX_DOCUMENT_BYTES,
  PATH_SEGMENT,
  type ParsedSource,
  type SourceObject,
  type SourcePosition,
} from './parsed-source.ts';

/**
 * Reads a source with the `yaml` package's full document model: the reader of last resort, for
 * everything the fast reader (yaml-fast-reader.ts) leaves alone — tags, merge keys, unusual
 * aliases, errors of every kind with their positions, and hostile input, which is bounded here:
 * aliases are capped, nesting too deep for the parser becomes an error.
 */

/** An alias bomb expands exponentially; real manifests use a handful of anchors at most. */
const MAX_ALIAS_COUNT = 100;

export function parseWithYamlPackage(text: string): ParsedSource {
  const { isMap, isSeq, LineCounter } = yamlPackage();
  const lineCounter = new LineCounter();
  const { documents, tooDeep } = composeDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    lineCounter,
    prettyErrors: false,
  });
  const objects: SourceObject[] = [];
  const problems: ParsedSource['problems'] = [];
  let emptyDocuments = 0;
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  documents.forEach((doc, index) => {
    const start = position(doc.range[0]);
    const deepAt = tooDeep.get(index);
    if (deepAt !== undefined) {
      problems.push({
        document: index,
        ruleId: 'yaml-syntax',
        message: `nesting deeper than ${MAX_NESTING_DEPTH} levels: job-x does not read it (no field of a Job or CronJob nests this deep)`,
        ...position(deepAt),
      });
      return;
    }
    if (doc.errors.length > 0) {
      for (const error of doc.errors.slice(0, 1)) {
        problems.push({
          document: index,
          ruleId: 'yaml-syntax',
          message: firstLine(error.message),
          ...position(error.pos[0]),
        });
      }
      return;
    }
    if (doc.contents === null) {
      emptyDocuments++;
      return;
    }
    if (doc.range[2] - doc.range[0] > MAX_DOCUMENT_BYTES) {
      problems.push({
        document: index,
        ruleId: 'document-too-large',
        message: `document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB, the most the API server accepts in one request`,
        ...start,
      });
      return;
    }
    const duplicate = findDuplicateKey(doc);
    if (duplicate) {
      problems.push({
        document: index,
        ruleId: 'duplicate-key',
        message: duplicateKeyMessage(duplicate.key),
        ...position(duplicate.offset),
      });
      return;
    }
    let value: unknown;
    try {
      // Objects that inherit nothing, as the fast reader builds them.
      value = toDecodedObjects(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
    } catch (error) {
      const reason = error instanceof RangeError ? 'nesting is too deep to read' : describeError(error);
      problems.push({ document: index, ruleId: 'yaml-syntax', message: reason, ...start });
      return;
    }
    if (value === null || value === undefined) {
      emptyDocuments++;
      return;
    }
    const locateIn = (root: Node | null) => (path: string) => locatePath(root, path, position, start);
    if (isListKind(value) && isMap(doc.contents)) {
      const itemsNode = doc.contents.get('items', true);
      const items = (value as { items: unknown }).items;
      (Array.isArray(items) ? items : []).forEach((item, i) => {
        const node = isSeq(itemsNode) ? (itemsNode.items[i] as Node | undefined) : undefined;
        objects.push({ document: index, item: i, value: item, locate: locateIn(node ?? null) });
      });
      return;
    }
    objects.push({ document: index, value, locate: locateIn(doc.contents as Node) });
  });
  return { objects, problems, emptyDocuments };
}

/** A scalar key as the yaml package's toJS names it: String() of a string, number, boolean, null or Date. */
function scalarKeyText(value: unknown): string {
  return value instanceof Date ? value.toString() : valueText(value);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** A linear duplicate-key scan (the parser's own check is quadratic on huge mappings). */
function findDuplicateKey(doc: Document): { key: string; offset: number } | undefined {
  const { isScalar, visit } = yamlPackage();
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? scalarKeyText(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (seen.has(key)) {
          found = { key, offset: (pair.key as Node).range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

function locatePath(
  root: Node | null,
  path: string,
  position: (offset: number) => SourcePosition,
  fallback: SourcePosition,
): SourcePosition {
  const { isMap, isPair, isScalar, isSeq } = yamlPackage();
  let node: unknown = root;
  let best: SourcePosition = root?.range ? position(root.range[0]) : fallback;
  for (const match of path.matchAll(PATH_SEGMENT)) {
    const name = match[1] ?? match[2] ?? '';
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && scalarKeyText(p.key.value) === name);
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (keyNode.range) best = position(keyNode.range[0]);
      node = pair.value;
    } else if (isSeq(node) && match[2] !== undefined && /^\d+$/.test(name)) {
      const item = node.items[Number(name)] as Node | undefined;
      if (!item) break;
      if (item.range) best = position(item.range[0]);
      node = item;
    } else break;
  }
  return best;
}
