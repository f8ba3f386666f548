// Why a hand-written YAML reader (measured: node bench/lint/yaml-reader-speed.ts, figures in
// bench/README.md): on 2,000 texts of the bench:lint corpus it reads every one itself, gives the
// same values as the `yaml` package's document model, and takes 0.03× its time (540 ms against
// 17.4 s). The `yaml` package was about 65% of lint's time before this reader existed, which is
// what kept lint below kubeconform's throughput.
import { settleExactIntegers } from './exact-numbers.ts';
import { resolvePlainKey, resolvePlainScalar } from './go-yaml-scalars.ts';
import { newDecodedObject, valueText } from '../../kubernetes/index.ts';
import { blockScalarValue, doubleQuotedValue, singleQuotedValue, unfoldLines } from './yaml-scalar-text.ts';

/**
 * A single-pass reader for the YAML that manifests are made of: block mappings and sequences,
 * flow collections (JSON), plain, quoted and block scalars, comments, `---` streams. It builds the
 * JavaScript values directly (mappings as decoded objects, which inherit nothing: a `__proto__` or
 * `toString` key is an ordinary key) and records where each key and item starts; it is several
 * times faster than composing the `yaml` package's document model, which dominated lint time.
 *
 * It is deliberately narrow: anything it does not handle exactly as the `yaml` package does
 * (tags, merge keys, explicit keys, directives, tabs, empty sequence items, aliases beyond the
 * simple, odd indentation, keys or numbers kubectl refuses, any error at all) makes it give up on
 * the whole text, and the caller reads it with the `yaml` package instead. Both must give
 * identical values and positions; test/unit/plugin/yaml-fast-reader.test.ts compares them, and
 * goyaml-differential.test.ts compares both with kubectl's own reader.
 */

/**
 * Where a collection and its entries start (offsets in FastStream.text), with the records of the
 * collections in it: a mapping's record is `[start, key0, keyStart0, record0, key1, …]`, a
 * sequence's `[start, itemStart0, record0, itemStart1, …]`; the record of a scalar is 0. An entry
 * whose value is an alias has its offset complemented (`~offset`, negative): a path is not
 * followed through an alias (the full parser's locatePath stops there).
 */
export type NodeOffsets = (string | number | NodeOffsets)[];

export interface FastDocument {
  /** The document's value; null for an empty document. */
  readonly value: unknown;
  /** Offset of the root node (-1 for an empty document). */
  readonly start: number;
  /** Offset of the `---` that begins the document, or -1. */
  readonly marker: number;
  /** The root collection's record (0 for an empty document). */
  readonly offsets: NodeOffsets | 0;
  /** The duplicate key the full parser's check reports, when the document repeats a key (its value is then unusable). */
  readonly duplicate?: DuplicateKey;
}

export interface DuplicateKey {
  readonly key: string;
  /** Offset of the repeated key. */
  readonly offset: number;
}

export interface FastStream {
  /** The text the offsets refer to: the input with CRLF line breaks turned into LF (lines and columns are unchanged). */
  readonly text: string;
  readonly documents: FastDocument[];
}

interface Anchor {
  value: unknown;
  open: boolean;
  containsAlias: boolean;
  aliases: number;
}

/** Thrown inside the reader to give up; caught in readYamlFast. Preallocated: no stack trace per throw. */
const GIVE_UP = new Error('not handled by the fast YAML reader');

/** Aliases to one node beyond this are left to the full parser's alias bomb check (it allows 100). */
const MAX_ALIASES = 50;
/** Deeper nesting is left to the full parser (which reports what it cannot read). */
const MAX_DEPTH = 100;
/** The full parser refuses implicit keys longer than 1024 characters; stay well below. */
const MAX_KEY_LENGTH = 1000;

// Character codes.
const LF = 10;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const AMP = 38;
const SQUOTE = 39;
const STAR = 42;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const GT = 62;
const QMARK = 63;
const AT = 64;
const LBRACKET = 91;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

/** skipToContent() results besides an indentation. */
const END = -1;
const DOCUMENT_START = -2;

/** Characters that cannot start a plain scalar here, or start something the reader leaves alone. */
function isIndicator(c: number): boolean {
  switch (c) {
    case DASH:
    case QMARK:
    case COLON:
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case AMP:
    case STAR:
    case BANG:
    case PIPE:
    case GT:
    case SQUOTE:
    case DQUOTE:
    case PERCENT:
    case AT:
    case BACKTICK:
      return true;
    default:
      return false;
  }
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** A blank, a line break or the end of the text (a character code past the end is NaN). */
function isBlankOrEnd(c: number): boolean {
  return c === SPACE || c === LF || c !== c;
}

export interface FastReadOptions {
  /**
   * Whether to keep what document `index` holds (default: every document). A document not kept
   * is read all the same (its end, duplicate keys, whether the full parser is needed), but its
   * value is only its shape: keys with `true` for values, sequences empty, no positions. Reading
   * a 16 MiB document only to find it too large then costs no more than a small one.
   */
  readonly keep?: (index: number) => boolean;
}

/** Reads `text` as a YAML stream, or returns undefined when the full parser must read it. */
export function readYamlFast(text: string, options: FastReadOptions = {}): FastStream | undefined {
  let normalized = text;
  if (text.includes('\r')) {
    // Only CRLF pairs: a lone CR is a line break for YAML but not for line counting.
    if (/\r(?!\n)/.test(text)) return undefined;
    normalized = text.replace(/\r\n/g, '\n');
  }
  // Tabs (blanks in some places, errors in others) and byte order marks: left to the full parser.
  // Other control characters are ordinary characters to both.
  if (normalized.includes('\t') || normalized.includes('\ufeff')) return undefined;
  try {
    return new FastReader(normalized, options.keep).read();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    // A stack overflow or anything unexpected: the full parser knows how to report it.
    return undefined;
  }
}

class FastReader {
  private readonly text: string;
  private readonly length: number;
  private pos = 0;
  /** Offset of the line holding pos (for columns). */
  private lineStart = 0;
  /** Indentation of the next content line after a node (pos at its first character), or END / DOCUMENT_START. */
  private next = END;
  private depth = 0;
  /** Where the node read by the last blockValue() or flowValue() starts (after its anchor). */
  private valueStart = 0;
  /** Whether that node was an alias: the full parser does not locate fields through one. */
  private valueIsAlias = false;
  /** The record of that node (0 for a scalar or an alias). */
  private valueRecord: NodeOffsets | 0 = 0;
  /** The record of the collection read last (set as the last step of reading one). */
  private record: NodeOffsets | 0 = 0;
  /** The current document's anchors, by name. */
  private readonly anchors = new Map<string, Anchor>();
  /** Anchored nodes being read (an alias inside one makes aliasing it unsupported). */
  private readonly openAnchors: Anchor[] = [];
  /** For the current flow collection: the least indentation of its continuation lines. */
  private flowMinIndent = 0;
  /**
   * The duplicate key to report for the current document. The full parser's check visits
   * mappings in document order of their starts and reports the first repeated key of the first
   * mapping that has one; mappings end here in another order, so the candidate from the mapping
   * that starts first wins.
   */
  private duplicate: (DuplicateKey & { readonly mapStart: number }) | undefined;
  /** Whether the current document holds an integer as a bigint (see scalar()). */
  private exactIntegers = false;
  /** Which documents' values are kept (see FastReadOptions). */
  private readonly keepDocument: ((index: number) => boolean) | undefined;
  /** Whether the current document's value is kept. */
  private keep = true;
  /** See lineFeedFrom(). */
  private nextLineFeed = -1;

  constructor(text: string, keepDocument?: (index: number) => boolean) {
    this.text = text;
    this.length = text.length;
    this.keepDocument = keepDocument;
  }

  read(): FastStream {
    const documents: FastDocument[] = [];
    if (this.skipToContent() >= 0) documents.push(this.document(this.next, 0, -1));
    while (this.next === DOCUMENT_START) {
      const marker = this.pos;
      this.pos += 3;
      this.finishLine();
      const indent = this.skipToContent();
      documents.push(
        indent >= 0 ? this.document(indent, documents.length, marker) : { value: null, start: -1, offsets: 0, marker },
      );
    }
    return { text: this.text, documents };
  }

  private code(i: number): number {
    return this.text.charCodeAt(i);
  }

  private giveUp(): never {
    throw GIVE_UP;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.giveUp();
  }

  /** The root node of document `index`, whose first content line is indented by `indent`. */
  private document(indent: number, index: number, marker: number): FastDocument {
    this.keep = this.keepDocument?.(index) ?? true;
    this.duplicate = undefined;
    this.exactIntegers = false;
    this.anchors.clear();
    const start = this.pos;
    const c = this.code(start);
    let value: unknown;
    this.record = 0;
    if (c === DASH && isBlankOrEnd(this.code(start + 1))) value = this.blockSequence(indent);
    else if (c === LBRACKET || c === LBRACE) {
      value = this.flowCollection(-1);
      this.endNode();
    } else value = this.blockMapping(indent);
    if (this.exactIntegers && this.keep) settleExactIntegers(value);
    // Anything after the root but another document is an error (or a form left to the full parser).
    const offsets = this.record;
    if (this.next >= 0) this.giveUp();
    // (Read through a method: the compiler takes the field for still undefined here.)
    const duplicate = this.currentDuplicate();
    return duplicate
      ? { value, start, offsets, marker, duplicate: { key: duplicate.key, offset: duplicate.offset } }
      : { value, start, offsets, marker };
  }

  private currentDuplicate(): DuplicateKey | undefined {
    return this.duplicate;
  }

  /** A key repeated in the mapping starting at mapStart: the first one of a mapping is its candidate. */
  private repeatedKey(mapStart: number, key: string, offset: number, reported: boolean): void {
    if (reported) return;
    if (this.duplicate === undefined || mapStart < this.duplicate.mapStart) this.duplicate = { key, offset, mapStart };
  }

  // ------------------------------------------------------------------ lines

  /**
   * From a line start, skips blank and comment lines. Sets and returns `next`: the indentation of
   * the next content line (pos at its first character), END, or DOCUMENT_START (pos at `---`).
   */
  private skipToContent(): number {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const lineStart = pos;
      let c = text.charCodeAt(pos);
      while (c === SPACE) c = text.charCodeAt(++pos);
      if (c !== c) {
        this.pos = pos;
        this.lineStart = lineStart;
        return (this.next = END);
      }
      if (c === LF) {
        pos++;
        continue;
      }
      if (c === HASH) {
        const lf = text.indexOf('\n', pos);
        if (lf === -1) {
          this.pos = this.length;
          this.lineStart = lineStart;
          return (this.next = END);
        }
        pos = lf + 1;
        continue;
      }
      this.pos = pos;
      this.lineStart = lineStart;
      if (pos === lineStart && (c === DASH || c === DOT) && this.isDocumentMarker(pos)) {
        if (c === DOT) this.giveUp();
        return (this.next = DOCUMENT_START);
      }
      return (this.next = pos - lineStart);
    }
  }

  private isDocumentMarker(pos: number): boolean {
    const c = this.code(pos);
    return this.code(pos + 1) === c && this.code(pos + 2) === c && isBlankOrEnd(this.code(pos + 3));
  }

  /** After a node: only blanks and a comment may follow on its line. */
  private finishLine(): void {
    const text = this.text;
    let pos = this.pos;
    let c = text.charCodeAt(pos);
    while (c === SPACE) c = text.charCodeAt(++pos);
    if (c === HASH) {
      // A comment must be separated from the node by a blank.
      if (pos > this.lineStart && text.charCodeAt(pos - 1) !== SPACE) this.giveUp();
      const lf = text.indexOf('\n', pos);
      pos = lf === -1 ? this.length : lf;
      c = text.charCodeAt(pos);
    }
    if (c === LF) pos++;
    else if (c === c) this.giveUp();
    this.pos = pos;
    this.lineStart = pos;
  }

  private endNode(): void {
    this.finishLine();
    this.skipToContent();
  }

  // ------------------------------------------------------------------ block collections

  /** A block mapping whose keys are indented by `indent`; pos at its first key. */
  private blockMapping(indent: number): Record<string, unknown> {
    this.enter();
    const map = newDecodedObject();
    const start = this.pos;
    const offsets: NodeOffsets = [start];
    let repeated = false;
    for (;;) {
      const keyStart = this.pos;
      const key = this.blockKey();
      if (Object.hasOwn(map, key)) {
        // Refused (see `duplicate`); the value is still read, to find the end of the document.
        this.repeatedKey(start, key, keyStart, repeated);
        repeated = true;
        this.blockValue(indent, true);
      } else {
        const value = this.blockValue(indent, true);
        map[key] = this.keep ? value : true;
        if (this.keep) offsets.push(key, this.valueIsAlias ? ~keyStart : keyStart, this.valueRecord);
      }
      const next = this.next;
      if (next < indent) break;
      if (next > indent || this.atSequenceItem()) this.giveUp();
    }
    this.depth--;
    this.record = offsets;
    return map;
  }

  /** A block sequence whose `-` are indented by `indent`; pos at the first `-`. */
  private blockSequence(indent: number): unknown[] {
    this.enter();
    const items: unknown[] = [];
    const offsets: NodeOffsets = [this.pos];
    for (;;) {
      this.pos++;
      const value = this.blockValue(indent, false);
      if (this.keep) {
        items.push(value);
        offsets.push(this.valueIsAlias ? ~this.valueStart : this.valueStart, this.valueRecord);
      }
      const next = this.next;
      if (next === indent && this.atSequenceItem()) continue;
      if (next <= indent) break;
      this.giveUp();
    }
    this.depth--;
    this.record = offsets;
    return items;
  }

  private atSequenceItem(): boolean {
    return this.code(this.pos) === DASH && isBlankOrEnd(this.code(this.pos + 1));
  }

  /**
   * The value after a mapping's `:` (inMapping) or a sequence's `-`, in a collection indented by
   * `indent`, with its anchor if it has one. Leaves `next` set, and `valueStart`, `valueIsAlias`
   * and `valueRecord` for the caller's record.
   */
  private blockValue(indent: number, inMapping: boolean): unknown {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (c === SPACE) c = text.charCodeAt(++this.pos);
    let anchor: Anchor | undefined;
    if (c === AMP) {
      anchor = this.openAnchor();
      c = text.charCodeAt(this.pos);
    }
    let start: number;
    let value: unknown;
    let alias = false;
    this.record = 0;
    if (c === LF || c !== c || c === HASH) {
      // The value is on the next lines, or empty.
      this.endNode();
      const next = this.next;
      start = this.pos;
      if (next > indent) value = this.nestedBlock(next);
      else if (next === indent && inMapping && this.atSequenceItem()) value = this.blockSequence(indent);
      // An empty item or anchored empty value has a position of its own in the full parser: left to it.
      else if (!inMapping || anchor) this.giveUp();
      else value = null;
    } else {
      start = this.pos;
      // After an anchor, `key: value` would anchor the key (and `- x` is an error): left to the full parser.
      const compact = !inMapping && !anchor;
      const column = this.pos - this.lineStart;
      switch (c) {
        case PIPE:
        case GT:
          value = this.blockScalar(indent);
          break;
        case LBRACKET:
        case LBRACE:
          value = this.flowCollection(indent);
          this.endNode();
          break;
        case DQUOTE:
        case SQUOTE:
          if (compact && this.quotedKeyFollows()) value = this.blockMapping(column);
          else {
            value = this.quotedScalar(indent);
            this.endNode();
          }
          break;
        case STAR:
          if (anchor) this.giveUp();
          value = this.alias();
          alias = true;
          if (!isBlankOrEnd(text.charCodeAt(this.pos))) this.giveUp();
          this.endNode();
          break;
        case DASH:
          if (isBlankOrEnd(text.charCodeAt(this.pos + 1))) {
            // `key: - a` is an error; `- - a` is a sequence in a sequence.
            if (!compact) this.giveUp();
            value = this.blockSequence(column);
          } else {
            // `-1`, `-x`: plain scalars.
            value = this.plainValue(indent, !compact, column);
          }
          break;
        default:
          if (isIndicator(c)) this.giveUp();
          value = this.plainValue(indent, !compact, column);
      }
    }
    const record = alias ? 0 : this.record;
    if (anchor) this.closeAnchor(anchor, value);
    this.valueStart = start;
    this.valueIsAlias = alias;
    this.valueRecord = record;
    return value;
  }

  /** A block collection that starts on its own line, indented by `indent`. */
  private nestedBlock(indent: number): unknown {
    if (this.atSequenceItem()) return this.blockSequence(indent);
    return this.blockMapping(indent);
  }

  // ------------------------------------------------------------------ anchors and aliases

  /**
   * `&name` before a node (pos at the `&`): pos is left on the node, or at the end of the line.
   * Only names of letters, digits, `-` and `_`, each defined once per document.
   */
  private openAnchor(): Anchor {
    const name = this.anchorName();
    const c = this.code(this.pos);
    if (!isBlankOrEnd(c) || this.anchors.has(name)) this.giveUp();
    while (this.code(this.pos) === SPACE) this.pos++;
    const anchor: Anchor = { value: undefined, open: true, containsAlias: false, aliases: 0 };
    this.anchors.set(name, anchor);
    this.openAnchors.push(anchor);
    return anchor;
  }

  private closeAnchor(anchor: Anchor, value: unknown): void {
    anchor.value = value;
    anchor.open = false;
    this.openAnchors.pop();
  }

  /**
   * `*name` (pos at the `*`): the anchored node's value, the same object for a collection as the
   * full parser gives. Aliases to nodes that hold aliases, to nodes still being read, or more than
   * a few to one node fall under the full parser's alias bomb check: left to it.
   */
  private alias(): unknown {
    const anchor = this.anchors.get(this.anchorName());
    if (anchor === undefined || anchor.open || anchor.containsAlias || ++anchor.aliases > MAX_ALIASES) this.giveUp();
    for (const open of this.openAnchors) open.containsAlias = true;
    return anchor.value;
  }

  private anchorName(): string {
    const text = this.text;
    const start = ++this.pos;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === DASH || c === 0x5f)
        this.pos++;
      else break;
    }
    if (this.pos === start) this.giveUp();
    return text.slice(start, this.pos);
  }

  /** A key of a block mapping and its `:`; returns the property name. */
  private blockKey(): string {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    let key: string | undefined;
    let i: number;
    if (c === DQUOTE || c === SQUOTE) {
      const end = this.closingQuote(start);
      if (end === -1) this.giveUp();
      const source = text.slice(start, end + 1);
      // Implicit keys are single lines.
      if (source.includes('\n')) this.giveUp();
      key = c === DQUOTE ? doubleQuotedValue(source) : singleQuotedValue(source);
      i = end + 1;
      while (text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) !== COLON || !isBlankOrEnd(text.charCodeAt(i + 1))) this.giveUp();
    } else {
      if (isIndicator(c)) this.giveUp();
      let end = start;
      i = start;
      for (;;) {
        const ch = text.charCodeAt(i);
        if (ch === COLON) {
          if (isBlankOrEnd(text.charCodeAt(i + 1))) break;
          end = i + 1;
        } else if (ch === SPACE) {
          if (text.charCodeAt(i + 1) === HASH) this.giveUp();
        } else if (ch === LF || ch !== ch) {
          // Not a key: a scalar where a key was expected.
          this.giveUp();
        } else end = i + 1;
        i++;
      }
      const plain = resolvePlainKey(text.slice(start, end));
      // Merge keys, and the keys kubectl refuses (null, uint64), are the full parser's business.
      key = typeof plain === 'string' ? plain : undefined;
    }
    if (i - start > MAX_KEY_LENGTH || key === undefined) this.giveUp();
    this.pos = i + 1;
    return valueText(key);
  }

  /** After a quoted scalar starting at pos: is it a key (`"a": …`)? */
  private quotedKeyFollows(): boolean {
    const end = this.closingQuote(this.pos);
    if (end === -1) return false;
    let i = end + 1;
    while (this.code(i) === SPACE) i++;
    return this.code(i) === COLON && isBlankOrEnd(this.code(i + 1));
  }

  // ------------------------------------------------------------------ scalars

  /**
   * A plain scalar value in a collection indented by `indent`; it may continue on more-indented
   * lines. In a sequence item, `key: value` starts a mapping (at `column`).
   */
  private plainValue(indent: number, inMapping: boolean, column: number): unknown {
    const text = this.text;
    const start = this.pos;
    let end = start;
    let i = start;
    let commented = false;
    let multiline = false;
    for (;;) {
      const ch = text.charCodeAt(i);
      if (ch === LF || ch !== ch) break;
      if (ch === COLON) {
        if (isBlankOrEnd(text.charCodeAt(i + 1))) {
          // `- key: value`: a mapping in a sequence item; `key: a: b` is an error.
          if (inMapping) this.giveUp();
          return this.blockMapping(column);
        }
        end = i + 1;
      } else if (ch === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) {
          commented = true;
          break;
        }
      } else end = i + 1;
      i++;
    }
    // Continuation lines: more indented than the collection, up to a comment or a less indented line.
    while (!commented && i < this.length) {
      let lineStart = i + 1;
      let k = lineStart;
      for (;;) {
        let c = text.charCodeAt(k);
        while (c === SPACE) c = text.charCodeAt(++k);
        if (c !== LF) break;
        lineStart = ++k;
      }
      const c = text.charCodeAt(k);
      if (c !== c || c === HASH || k - lineStart <= indent) break;
      if (isIndicator(c)) this.giveUp();
      multiline = true;
      for (i = k; ; i++) {
        const ch = text.charCodeAt(i);
        if (ch === LF || ch !== ch) break;
        if (ch === COLON) {
          // An implicit key spread over lines is an error.
          if (isBlankOrEnd(text.charCodeAt(i + 1))) this.giveUp();
          end = i + 1;
        } else if (ch === SPACE) {
          if (text.charCodeAt(i + 1) === HASH) {
            commented = true;
            break;
          }
        } else end = i + 1;
      }
      this.lineStart = lineStart;
    }
    const source = text.slice(start, end);
    const value = this.scalar(multiline ? unfoldLines(source) : source);
    this.pos = end;
    this.endNode();
    return value;
  }

  /**
   * A plain scalar's value. An integer a number cannot print comes as a bigint, settled when the document ends;
   * `.inf` and `.nan` (a document kubectl refuses) are the full parser's to report.
   */
  private scalar(source: string): unknown {
    const value = resolvePlainScalar(source);
    if (typeof value === 'bigint') this.exactIntegers = true;
    else if (value !== value || value === Infinity || value === -Infinity) this.giveUp();
    return value;
  }

  /** Offset of the quote closing the quoted scalar at `start`, as the yaml lexer finds it; -1 if none. */
  private closingQuote(start: number): number {
    const text = this.text;
    if (text.charCodeAt(start) === SQUOTE) {
      let end = text.indexOf("'", start + 1);
      while (end !== -1 && text.charCodeAt(end + 1) === SQUOTE) end = text.indexOf("'", end + 2);
      return end;
    }
    let end = text.indexOf('"', start + 1);
    while (end !== -1) {
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      end = text.indexOf('"', end + 1);
    }
    return end;
  }

  /** A quoted scalar in a block collection indented by `indent`; continuation lines must be more indented. */
  private quotedScalar(indent: number): string {
    const text = this.text;
    const start = this.pos;
    const end = this.closingQuote(start);
    if (end === -1) this.giveUp();
    let lf = text.indexOf('\n', start);
    while (lf !== -1 && lf < end) {
      let k = lf + 1;
      while (text.charCodeAt(k) === SPACE) k++;
      if (text.charCodeAt(k) !== LF && k - (lf + 1) <= indent) this.giveUp();
      this.lineStart = lf + 1;
      lf = text.indexOf('\n', k);
    }
    const value = this.quotedValue(start, end);
    this.pos = end + 1;
    return value;
  }

  private quotedValue(start: number, end: number): string {
    const source = this.text.slice(start, end + 1);
    const value = this.text.charCodeAt(start) === DQUOTE ? doubleQuotedValue(source) : singleQuotedValue(source);
    if (value === undefined) this.giveUp();
    return value;
  }

  /** `|` or `>` (optionally with `-` or `+`) and the lines after it, in a collection indented by `indent`. */
  private blockScalar(indent: number): string {
    const text = this.text;
    const folded = text.charCodeAt(this.pos) === GT;
    let i = this.pos + 1;
    let chomp: '' | '-' | '+' = '';
    const c = text.charCodeAt(i);
    if (c === DASH || c === 43) {
      chomp = c === DASH ? '-' : '+';
      i++;
    }
    // Explicit indentation indicators and anything else in the header: left to the full parser.
    if (!isBlankOrEnd(text.charCodeAt(i))) this.giveUp();
    this.pos = i;
    this.finishLine();
    const contentStart = this.pos;
    // As the yaml lexer: the first non-empty line sets the indentation.
    let lf = contentStart - 1;
    let contentIndent = 0;
    let k = contentStart;
    for (; k < this.length; k++) {
      const ch = text.charCodeAt(k);
      if (ch === SPACE) contentIndent++;
      else if (ch === LF) {
        lf = k;
        contentIndent = 0;
      } else break;
    }
    // Empty block scalars (and ones at the end of the text) are left to the full parser.
    if (k >= this.length || contentIndent <= indent) this.giveUp();
    for (;;) {
      const next = this.continueBlockScalar(lf + 1, contentIndent);
      if (next === -1) break;
      lf = text.indexOf('\n', next);
      if (lf === -1) break;
    }
    if (lf === -1) lf = this.length;
    if (chomp !== '+') {
      // Trailing lines with fewer blanks than the content's indentation are not part of it.
      for (;;) {
        let j = lf - 1;
        const lastChar = j;
        while (text.charCodeAt(j) === SPACE) j--;
        if (text.charCodeAt(j) === LF && j >= contentStart && j + 1 + contentIndent > lastChar) lf = j;
        else break;
      }
    }
    const value = blockScalarValue({ folded, chomp }, text.slice(contentStart, lf + 1), indent);
    if (value === undefined) this.giveUp();
    this.pos = Math.min(lf + 1, this.length);
    this.lineStart = this.pos;
    this.skipToContent();
    return value;
  }

  /** The yaml lexer's continueScalar for block scalars: the next line's content offset, or -1 where the scalar ends. */
  private continueBlockScalar(offset: number, contentIndent: number): number {
    const text = this.text;
    let spaces = 0;
    let c = text.charCodeAt(offset);
    while (c === SPACE) c = text.charCodeAt(offset + ++spaces);
    return c === LF || spaces >= contentIndent ? offset + spaces : -1;
  }

  // ------------------------------------------------------------------ flow collections

  /**
   * A flow collection (`[…]` or `{…}`, JSON) in a block collection indented by `parentIndent`
   * (-1 at the root): its continuation lines must be more indented than the parent.
   */
  private flowCollection(parentIndent: number): unknown {
    this.flowMinIndent = parentIndent + 1;
    return this.flowNode(1);
  }

  private flowNode(level: number): unknown {
    this.enter();
    const text = this.text;
    const open = this.pos;
    const isMapping = text.charCodeAt(open) === LBRACE;
    const close = isMapping ? RBRACE : RBRACKET;
    const offsets: NodeOffsets = [open];
    this.pos++;
    this.flowSpace(level);
    let result: unknown[] | Record<string, unknown>;
    if (isMapping) {
      const map = newDecodedObject();
      let repeated = false;
      if (text.charCodeAt(this.pos) !== close) {
        for (;;) {
          const keyStart = this.pos;
          const key = this.flowKey();
          this.pos++; // the `:`
          this.flowSpace(level);
          const c = text.charCodeAt(this.pos);
          // An empty value: left to the full parser.
          if (c === COMMA || c === close) this.giveUp();
          const value = this.flowValue(level);
          if (Object.hasOwn(map, key)) {
            this.repeatedKey(open, key, keyStart, repeated);
            repeated = true;
          } else {
            map[key] = this.keep ? value : true;
            if (this.keep) offsets.push(key, this.valueIsAlias ? ~keyStart : keyStart, this.valueRecord);
          }
          if (this.flowSeparator(level, close)) break;
        }
      }
      result = map;
    } else {
      const items: unknown[] = [];
      if (text.charCodeAt(this.pos) !== close) {
        for (;;) {
          const value = this.flowValue(level);
          if (this.keep) {
            items.push(value);
            offsets.push(this.valueIsAlias ? ~this.valueStart : this.valueStart, this.valueRecord);
          }
          if (this.flowSeparator(level, close)) break;
        }
      }
      result = items;
    }
    this.pos++; // the closing bracket
    this.depth--;
    this.record = offsets;
    return result;
  }

  /** After an entry: `,` and another entry (false) or the closing bracket (true). */
  private flowSeparator(level: number, close: number): boolean {
    this.flowSpace(level);
    const c = this.code(this.pos);
    if (c === close) return true;
    if (c !== COMMA) this.giveUp();
    this.pos++;
    this.flowSpace(level);
    const after = this.code(this.pos);
    // A trailing comma or an empty entry: left to the full parser.
    if (after === COMMA || after === close) this.giveUp();
    return false;
  }

  /** A flow mapping's key up to its `:` (pos left at the `:`). */
  private flowKey(): string {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    let key: string;
    if (c === DQUOTE || c === SQUOTE) {
      key = this.flowQuoted();
    } else {
      if (isIndicator(c)) this.giveUp();
      const plain = resolvePlainKey(text.slice(start, this.flowPlainEnd()));
      // Merge keys, and the keys kubectl refuses (null, uint64), are the full parser's business.
      if (typeof plain !== 'string') this.giveUp();
      key = plain;
    }
    while (text.charCodeAt(this.pos) === SPACE) this.pos++;
    // After a plain key, `:` must be followed by a blank (flowPlainEnd stops only there); after a
    // quoted one (JSON), anything may follow.
    if (text.charCodeAt(this.pos) !== COLON) this.giveUp();
    // `{a:[1]}` is read as it looks, but through a lexer corner case: leave it alone.
    if (c !== DQUOTE && c !== SQUOTE && !isBlankOrEnd(text.charCodeAt(this.pos + 1))) this.giveUp();
    if (this.pos - start > MAX_KEY_LENGTH) this.giveUp();
    return valueText(key);
  }

  /** A flow collection's entry value, with its anchor if it has one; sets `valueStart`, `valueIsAlias` and `valueRecord`. */
  private flowValue(level: number): unknown {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    let anchor: Anchor | undefined;
    if (c === AMP) {
      anchor = this.openAnchor();
      c = text.charCodeAt(this.pos);
      // An anchored empty node, or one on the next line: left to the full parser.
      if (c === LF || c !== c || c === HASH || isFlowIndicator(c)) this.giveUp();
    }
    const start = this.pos;
    let value: unknown;
    let alias = false;
    this.record = 0;
    if (c === LBRACKET || c === LBRACE) value = this.flowNode(level + 1);
    else if (c === DQUOTE || c === SQUOTE) value = this.flowQuoted();
    else if (c === STAR) {
      if (anchor) this.giveUp();
      value = this.alias();
      alias = true;
      const after = text.charCodeAt(this.pos);
      if (!isBlankOrEnd(after) && after !== COMMA && after !== RBRACKET && after !== RBRACE) this.giveUp();
    } else {
      if (isIndicator(c)) {
        // `-1`, `-x`: plain scalars; `- ` is an error in flow.
        if (c !== DASH || isBlankOrEnd(text.charCodeAt(this.pos + 1)) || isFlowIndicator(text.charCodeAt(this.pos + 1)))
          this.giveUp();
      }
      value = this.scalar(text.slice(start, this.flowPlainEnd()));
    }
    const record = alias ? 0 : this.record;
    if (anchor) this.closeAnchor(anchor, value);
    this.valueStart = start;
    this.valueIsAlias = alias;
    this.valueRecord = record;
    return value;
  }

  /** A single-line quoted scalar in a flow collection. */
  private flowQuoted(): string {
    const start = this.pos;
    const end = this.closingQuote(start);
    if (end === -1) this.giveUp();
    if (this.lineFeedFrom(start) < end) this.giveUp();
    const value = this.quotedValue(start, end);
    this.pos = end + 1;
    return value;
  }

  /**
   * The offset of the first line feed at or after `offset` (the text's length if none). Kept
   * from one call to the next: on a single line of JSON (a 16 MiB `kubectl get -o json` on one
   * line), searching afresh for each string went to the end of the text every time.
   */
  private lineFeedFrom(offset: number): number {
    if (this.nextLineFeed < offset) {
      const lf = this.text.indexOf('\n', offset);
      this.nextLineFeed = lf === -1 ? this.length : lf;
    }
    return this.nextLineFeed;
  }

  /** Scans a single-line plain scalar in a flow collection; returns its end, pos after it (and its blanks). */
  private flowPlainEnd(): number {
    const text = this.text;
    let i = this.pos;
    let end = i;
    for (;;) {
      const ch = text.charCodeAt(i);
      if (ch === COLON) {
        const next = text.charCodeAt(i + 1);
        if (isBlankOrEnd(next) || isFlowIndicator(next)) break;
        end = i + 1;
      } else if (ch === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) break;
      } else if (ch === LF || ch !== ch || isFlowIndicator(ch)) break;
      else end = i + 1;
      i++;
    }
    if (text.charCodeAt(i) === LF) {
      // The scalar goes on unless the next content line starts with a flow indicator or a comment.
      let k = i;
      let c = LF;
      while (c === LF || c === SPACE) c = text.charCodeAt(++k);
      if (c !== COMMA && c !== RBRACKET && c !== RBRACE && c !== HASH) this.giveUp();
    }
    this.pos = end;
    return end;
  }

  /** Blanks, line breaks and comments inside a flow collection, with the yaml lexer's indentation checks. */
  private flowSpace(level: number): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === SPACE) pos++;
      else if (c === LF) {
        pos++;
        // The indentation of the next content line (blank lines do not count).
        let lineStart = pos;
        let d = text.charCodeAt(pos);
        for (;;) {
          while (d === SPACE) d = text.charCodeAt(++pos);
          if (d !== LF) break;
          lineStart = ++pos;
          d = text.charCodeAt(pos);
        }
        // An unterminated flow collection.
        if (d !== d) this.giveUp();
        const lineIndent = pos - lineStart;
        this.lineStart = lineStart;
        if (d !== HASH) {
          if (lineIndent === 0 && (d === DASH || d === DOT) && this.isDocumentMarker(pos)) this.giveUp();
          if (
            lineIndent < this.flowMinIndent &&
            !(level === 1 && lineIndent === this.flowMinIndent - 1 && (d === RBRACKET || d === RBRACE))
          )
            this.giveUp();
        }
      } else if (c === HASH) {
        // A comment must follow a blank; one at the start of a line is an error after some
        // values in the full parser (`{"a": 1\n# c\n}`), so it is left to it.
        if (text.charCodeAt(pos - 1) !== SPACE) this.giveUp();
        const lf = text.indexOf('\n', pos);
        if (lf === -1) this.giveUp();
        pos = lf;
      } else break;
    }
    this.pos = pos;
  }
}
