/**
 * Cuts a YAML stream into runs of whole documents, so that a large file is read, linted and
 * forgotten a run at a time instead of all at once (a 16 MiB file of 120,000 small Jobs held every
 * value, position record and result together: 2 GB). Each run is read on its own and gives what
 * reading the whole stream gives for those documents (document indexes and lines are shifted by
 * the caller); test/unit/plugin/yaml/document-chunks.test.ts compares both on edited streams.
 *
 * A cut is made only at a `---` line where the yaml package starts a new document whatever came
 * before it: a `---` at the start of a line ends any scalar or collection (the lexer's
 * continueScalar and flow-collection checks), as kubectl's reader splits there too. Not where
 * the stream-level context reaches past the line: directives (`%` lines) belong to the document
 * after them, and the comments and blank lines at the start of the stream or after a `...` end
 * marker are read with the next document, so a `---` preceded by only those is not a cut.
 *
 * One more reach: the lexer looks for the quote that closes a quoted scalar anywhere in the rest
 * of the stream, and only then stops the scalar at a `---` line on the way. A scalar left open
 * before a cut therefore ends at the `---` when a closing quote follows somewhere (and is reported
 * there), but runs on to the end of the stream when none does. A chunk is read followed by
 * CUT_SUFFIX, which gives the lexer a `---` and both closing quotes after the cut; so a chunk that
 * holds a quote character is cut only where such a quote does follow in the stream.
 */

/**
 * A run of documents grows to this size before it is cut at the next place that allows it. Small:
 * what a run holds dies young, before the garbage collector moves it to the old generation, which
 * it lets grow far longer. Measured on 16 MiB of 120,630 small Jobs (lint -o json): peak RSS
 * 254 MB with 4 KiB runs, 242 MB with 8 KiB, 246 MB with 16 KiB, 297 MB with 32 KiB, 372 MB with
 * 256 KiB; time the same within noise (16 KiB the fastest).
 */
export const CHUNK_TARGET = 16 * 1024;

export interface TextChunk {
  readonly start: number;
  readonly end: number;
}

/**
 * What a chunk that is not the last is read with (see above): the next `---` and a document the
 * fast reader reads that holds a `"` and a `'` that close a scalar of either kind. That document
 * is not the source's: its results are dropped (source-parts.ts).
 */
export const CUT_SUFFIX = `---\n{"'": 1}\n`;

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const PERCENT = 37;
const DOT = 46;
const BOM = 0xfeff;
const BACKSLASH = 92;
const QUOTE = 39;

/** The chunks of `text`, in order, covering it whole (a text shorter than `target` is one chunk). */
export function* documentChunks(text: string, target = CHUNK_TARGET): Generator<TextChunk> {
  const quotes = new QuoteScan(text);
  let start = 0;
  while (text.length - start > target) {
    const cut = nextCut(text, start, start + target, quotes);
    if (cut === -1) break;
    yield { start, end: cut };
    start = cut;
  }
  yield { start, end: text.length };
}

/** The start of the first line at or after `from` where the chunk from `start` may end, or -1. */
function nextCut(text: string, start: number, from: number, quotes: QuoteScan): number {
  let at = from - 1;
  for (;;) {
    at = text.indexOf('\n---', at);
    if (at === -1) return -1;
    const line = at + 1;
    if (isMarkerEnd(text.charCodeAt(line + 3)) && followsContent(text, line)) {
      // A quote in the chunk may be left open: cut only where a closing one follows (see above).
      return quotes.closableBefore(start, line) ? line : -1;
    }
    at = line;
  }
}

/** Where the quotes of a text are, looked up as the chunks go (each quote found once, not once per chunk). */
class QuoteScan {
  private readonly text: string;
  private readonly closers: ClosingQuotes;
  private double = -2;
  private single = -2;

  constructor(text: string) {
    this.text = text;
    this.closers = lastClosingQuotes(text);
  }

  /** Whether any quote in [start, end) has a closing quote of its kind after `end`. */
  closableBefore(start: number, end: number): boolean {
    if (this.double !== -1 && this.double < start) this.double = this.text.indexOf('"', start);
    if (this.single !== -1 && this.single < start) this.single = this.text.indexOf("'", start);
    const doubleOk = this.double === -1 || this.double >= end || this.closers.double >= end;
    const singleOk = this.single === -1 || this.single >= end || this.closers.single >= end;
    return doubleOk && singleOk;
  }
}

/** Offsets of the last quotes that surely close a scalar (-1: none). */
interface ClosingQuotes {
  readonly double: number;
  readonly single: number;
}

/**
 * The last `"` not escaped by a backslash, and the last `'` that is not one of a pair (`''` is an
 * escaped quote inside a single-quoted scalar). Stricter than the lexer: a quote it would take as
 * a closing one may be passed over, which only costs a cut.
 */
function lastClosingQuotes(text: string): ClosingQuotes {
  let double = text.lastIndexOf('"');
  while (double > 0 && text.charCodeAt(double - 1) === BACKSLASH) double = text.lastIndexOf('"', double - 1);
  let single = text.lastIndexOf("'");
  while (single >= 0 && (text.charCodeAt(single - 1) === QUOTE || text.charCodeAt(single + 1) === QUOTE))
    single = single === 0 ? -1 : text.lastIndexOf("'", single - 1);
  return { double, single };
}

/** What may follow `---` for it to be a marker: a blank, a line break or the end (the lexer's isEmpty). */
function isMarkerEnd(c: number): boolean {
  return c !== c || c === SPACE || c === TAB || c === LF || c === CR;
}

/**
 * Whether the nearest line before `line` that is neither blank nor a comment is part of a
 * document: it exists (the stream did not just start) and is no directive or `...` marker (after
 * which the stream, not a document, reads the lines up to the `---`).
 */
function followsContent(text: string, line: number): boolean {
  let end = line - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    let first = start;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    const c = text.charCodeAt(first);
    if (first < end && c !== HASH) {
      if (c === PERCENT || c === BOM) return false;
      const dots = c === DOT && text.startsWith('...', start) && isMarkerEnd(text.charCodeAt(start + 3));
      return !dots;
    }
    end = start - 1;
  }
  return false;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR;
}
