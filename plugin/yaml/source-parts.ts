import { CHUNK_TARGET, CUT_SUFFIX, documentChunks } from './document-chunks.ts';
import { splitJsonStream } from './json-stream.ts';
import { LineIndex } from './line-index.ts';
import type { ParsedSource, SourcePosition } from './parsed-source.ts';
import { parseYamlStream } from './yaml-documents.ts';

/**
 * Reads a source a part at a time: a run of YAML documents (document-chunks.ts) or one object
 * of a JSON stream, each part with its documents numbered and its positions given in the whole
 * source. Lint handles one part and lets it go before reading the next, so what a file costs in
 * memory is what one part costs, whatever the size of the file.
 */
export function* readSourceParts(source: string, chunkTarget = CHUNK_TARGET): Generator<ParsedSource> {
  const values = /^\s*\{/.test(source) ? splitJsonStream(source) : undefined;
  if (values) {
    yield* jsonStreamParts(source, values);
    return;
  }
  let documents = 0;
  let line = 1;
  let counted = 0;
  for (const { start, end } of documentChunks(source, chunkTarget)) {
    // Chunks begin at a line start: only the line moves.
    for (let lf = source.indexOf('\n', counted); lf !== -1 && lf < start; lf = source.indexOf('\n', lf + 1)) line++;
    counted = start;
    const part = end === source.length ? lastChunk(source, start) : cutChunk(source, start, end);
    yield shifted(part, documents, { line, column: 1 });
    documents += part.documents;
  }
}

function lastChunk(source: string, start: number): ParsedSource {
  return parseYamlStream(start === 0 ? source : source.slice(start));
}

/**
 * A chunk that ends where the next one's `---` begins, read followed by CUT_SUFFIX: the readers
 * must see there what they see in the whole stream (document-chunks.ts). The suffix's document
 * is not the source's: it is not counted, and what it gave is dropped.
 */
function cutChunk(source: string, start: number, end: number): ParsedSource {
  const part = parseYamlStream(source.slice(start, end) + CUT_SUFFIX);
  const suffix = part.documents - 1;
  return {
    objects: part.objects.filter((object) => object.document !== suffix),
    problems: part.problems.filter((problem) => problem.document !== suffix),
    emptyDocuments: part.emptyDocuments,
    documents: suffix,
  };
}

/**
 * kubectl reads a stream that starts with `{` as JSON (json-stream.ts): each object is a document
 * of its own, its positions those of the whole text.
 */
function* jsonStreamParts(text: string, values: readonly { start: number; end: number }[]): Generator<ParsedSource> {
  const lines = new LineIndex(text);
  for (const [document, { start, end }] of values.entries()) {
    const read = parseYamlStream(text.slice(start, end));
    // Each object is one document, whatever the reader counted in it.
    yield { ...shifted(read, 0, lines.position(start), document), documents: 1 };
  }
}

/**
 * A part's documents numbered from `documentBase` (or all numbered `document`), its positions
 * moved to where the part starts in the source.
 */
function shifted(part: ParsedSource, documentBase: number, base: SourcePosition, document?: number): ParsedSource {
  if (documentBase === 0 && base.line === 1 && base.column === 1 && document === undefined) return part;
  const shift = ({ line, column }: SourcePosition): SourcePosition =>
    line === 1 ? { line: base.line, column: column + base.column - 1 } : { line: line + base.line - 1, column };
  const renumber = (index: number): number => document ?? index + documentBase;
  return {
    objects: part.objects.map((object) => ({
      ...object,
      document: renumber(object.document),
      locate: (path) => shift(object.locate(path)),
    })),
    problems: part.problems.map((problem) => ({ ...problem, document: renumber(problem.document), ...shift(problem) })),
    emptyDocuments: part.emptyDocuments,
    documents: part.documents,
  };
}

/** A whole source read at once: every part together (for callers that need all of a small source). */
export function parseSource(source: string, chunkTarget = CHUNK_TARGET): ParsedSource {
  const whole: { -readonly [K in keyof ParsedSource]: ParsedSource[K] } = {
    objects: [],
    problems: [],
    emptyDocuments: 0,
    documents: 0,
  };
  for (const part of readSourceParts(source, chunkTarget)) {
    // (Not push(...many): a part can hold more objects than a call takes arguments.)
    for (const object of part.objects) whole.objects.push(object);
    for (const problem of part.problems) whole.problems.push(problem);
    whole.emptyDocuments += part.emptyDocuments;
    whole.documents += part.documents;
  }
  return whole;
}
