import { LineIndex } from './line-index.ts';
import { forbiddenCharacters } from './forbidden-characters.ts';
import { addDocumentObjects } from './list-items.ts';
import { hasLookAlike } from './look-alike-characters.ts';
import {
  DOCUMENT_TOO_LARGE_MESSAGE,
  duplicateKeyMessage,
  MAX_DOCUMENT_BYTES,
  PATH_SEGMENT,
  type ParsedSource,
  type SourceObject,
  type SourcePosition,
} from './parsed-source.ts';
import { oversizedDocument, readLargeStream } from './large-documents.ts';
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
 * Reads a YAML stream (or a run of its documents, see document-chunks.ts) the way kubectl reads
 * it: scalars as go-yaml v2 resolves them (`yes` is a boolean, `0644` octal, `1:20` a string;
 * go-yaml-scalars.ts), duplicate keys refused, `kind: List` expanded into its items.
 *
 * Two readers give the same result: the fast reader handles the YAML manifests are made of, and
 * gives up on anything else (errors included), which the `yaml` package then reads.
 */
export function parseYamlStream(source: string, maxDocumentBytes = MAX_DOCUMENT_BYTES): ParsedSource {
  const text = withoutDocumentMarks(source);
  // Characters kubectl refuses, and look-alikes of YAML's punctuation, are found by the full parser.
  let read: { readonly fast: FastStream; readonly tooLarge?: ReadonlyMap<number, number> } | undefined;
  if (!forbiddenCharacters(text) && !hasLookAlike(text)) {
    // A source of at most the limit cannot hold a document over it.
    if (text.length <= maxDocumentBytes) {
      const fast = readYamlFast(text);
      read = fast && { fast };
    } else read = readLargeStream(text, maxDocumentBytes);
  }
  const parsed = read && fromFastStream(read.fast, read.tooLarge);
  if (parsed) return parsed;
  return (
    (text.length > maxDocumentBytes ? oversizedDocument(text, maxDocumentBytes) : undefined) ??
    parseWithYamlPackage(text, maxDocumentBytes)
  );
}

/**
 * kubectl splits a stream at `---` lines and hands each document to go-yaml, which drops a byte
 * order mark at the start of its input: so does a file made by concatenating files saved with one.
 * (The mark at the start of the file went with the decoding.)
 */
function withoutDocumentMarks(text: string): string {
  return text.includes('\ufeff') ? text.replace(/(^|\n)((?:---|\.\.\.)(?:[ \t][^\n]*)?\r?\n)\ufeff/g, '$1$2') : text;
}

/**
 * The objects of what the fast reader read, or undefined for a form left to the full parser.
 * `tooLarge`: documents over the API server's limit (index → where each starts), reported as such.
 */
function fromFastStream(stream: FastStream, tooLarge?: ReadonlyMap<number, number>): ParsedSource | undefined {
  const objects: SourceObject[] = [];
  const lines = new LineIndex(stream.text);
  const locator = new Locator(lines);
  const problems: ParsedSource['problems'] = [];
  let emptyDocuments = 0;
  for (const [index, doc] of stream.documents.entries()) {
    const largeAt = tooLarge?.get(index);
    if (largeAt !== undefined) {
      problems.push({
        document: index,
        ruleId: 'document-too-large',
        message: DOCUMENT_TOO_LARGE_MESSAGE,
        ...lines.position(largeAt),
      });
      continue;
    }
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
    // `items: *alias` places every item at the `items` key in the full parser, at the alias here: left to it.
    if (isObject(value) && Object.hasOwn(value, 'items')) {
      const at = keyIndex(record, 'items');
      if (at >= 0 && (record[at + 1] as number) < 0) return undefined;
    }
    addDocumentObjects(index, value, (path) => locator.locate(value, record, doc.start, path), objects, problems);
  }
  return { objects, problems, emptyDocuments, documents: stream.documents.length };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
