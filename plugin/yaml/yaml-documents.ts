import { LineIndex } from './line-index.ts';
import {
  duplicateKeyMessage,
  isListKind,
  MAX_DOCUMENT_BYTES,
  PATH_SEGMENT,
  type ParsedSource,
  type SourceObject,
  type SourcePosition,
} from './parsed-source.ts';
import { readYamlFast, type FastStream, type NodeOffsets } from './yaml-fast-reader.ts';
import { parseWithYamlPackage } from './yaml-full-parser.ts';

export {
  MAX_DOCUMENT_BYTES,
  type ParsedSource,
  type SourceObject,
  type SourcePosition,
  type SourceProblem,
} from './parsed-source.ts';

/**
 * Splits a YAML or JSON stream into documents the way kubectl reads it: scalars as go-yaml v2
 * resolves them (`yes` is a boolean, `0644` octal, `1:20` a string; go-yaml-scalars.ts),
 * duplicate keys refused, `kind: List` expanded into its items.
 *
 * Two readers give the same result: the fast reader handles the YAML manifests are made of, and
 * gives up on anything else (errors included), which the `yaml` package then reads.
 */
export function parseSource(text: string): ParsedSource {
  // A source of at most 3 MiB cannot hold a document over the API server's limit.
  const fast = text.length <= MAX_DOCUMENT_BYTES ? readYamlFast(text) : undefined;
  return (fast && fromFastStream(fast)) ?? parseWithYamlPackage(text);
}

/** The objects of what the fast reader read, or undefined for a form left to the full parser. */
function fromFastStream(stream: FastStream): ParsedSource | undefined {
  const objects: SourceObject[] = [];
  const lines = new LineIndex(stream.text);
  const locator = new Locator(lines);
  const problems: ParsedSource['problems'] = [];
  let emptyDocuments = 0;
  for (const [index, doc] of stream.documents.entries()) {
    if (doc.duplicate) {
      const { key, offset } = doc.duplicate;
      problems.push({
        document: index,
        ruleId: 'duplicate-key',
        message: duplicateKeyMessage(key),
        ...lines.position(offset),
      });
      continue;
    }
    const { value, offsets: record } = doc;
    if (value === null || record === 0) {
      emptyDocuments++;
      continue;
    }
    if (isListKind(value)) {
      const items = (value as { items: unknown[] }).items;
      const at = keyIndex(record, 'items');
      // `items: *alias` places every item at the document start in the full parser: left to it.
      if ((record[at + 1] as number) < 0) return undefined;
      const itemRecords = record[at + 2] as NodeOffsets;
      items.forEach((item, i) => {
        const start = itemRecords[1 + 2 * i] as number;
        const itemRecord = itemRecords[2 + 2 * i] as NodeOffsets | 0;
        // An item that is an alias is located at the alias, whatever the path.
        const locate =
          start < 0 ? () => lines.position(~start) : (path: string) => locator.locate(item, itemRecord, start, path);
        objects.push({ document: index, item: i, value: item, locate });
      });
      continue;
    }
    objects.push({ document: index, value, locate: (path) => locator.locate(value, record, doc.start, path) });
  }
  return { objects, problems, emptyDocuments };
}

/** Mappings with more keys than this get a lookup table on first use (a 50,000-key mapping with a finding per key). */
const LINEAR_SEARCH_LIMIT = 32;
const keyTables = new WeakMap<NodeOffsets, Map<string, number>>();

/** Where `key` is in a mapping's record (at the key; the key's start and the value's record follow), or -1. */
function keyIndex(record: NodeOffsets, key: string): number {
  if (record.length <= 1 + 3 * LINEAR_SEARCH_LIMIT) {
    for (let i = 1; i < record.length; i += 3) if (record[i] === key) return i;
    return -1;
  }
  let table = keyTables.get(record);
  if (!table) {
    table = new Map();
    for (let i = 1; i < record.length; i += 3) table.set(record[i] as string, i);
    keyTables.set(record, table);
  }
  return table.get(key) ?? -1;
}

/** Positions of field paths in what the fast reader built, as the full parser's locatePath finds them. */
class Locator {
  private readonly lines: LineIndex;

  constructor(lines: LineIndex) {
    this.lines = lines;
  }

  /** The key or item the path names, or its nearest existing parent. */
  locate(root: unknown, rootRecord: NodeOffsets | 0, rootStart: number, path: string): SourcePosition {
    let node = root;
    let record = rootRecord;
    let best = rootStart;
    for (const match of path.matchAll(PATH_SEGMENT)) {
      // A scalar: no field below it.
      if (record === 0) break;
      const name = match[1] ?? match[2] ?? '';
      let at: number;
      if (!Array.isArray(node)) {
        at = keyIndex(record, name) + 1;
        if (at === 0) break;
        node = (node as Record<string, unknown>)[name];
      } else if (match[2] !== undefined && /^\d+$/.test(name)) {
        const index = Number(name);
        if (index >= node.length) break;
        at = 1 + 2 * index;
        node = node[index];
      } else break;
      const start = record[at] as number;
      // Complemented: the value is an alias, which the path is not followed through.
      if (start < 0) {
        best = ~start;
        break;
      }
      best = start;
      record = record[at + 1] as NodeOffsets | 0;
    }
    return this.lines.position(best);
  }
}
