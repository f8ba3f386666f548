import { firstForbidden, forbiddenCharacterMessage, forbiddenCharacters } from './forbidden-characters.ts';
import { LineIndex } from './line-index.ts';
import { DOCUMENT_TOO_LARGE_MESSAGE, type ParsedSource } from './parsed-source.ts';
import { readYamlFast, type FastStream } from './yaml-fast-reader.ts';

/**
 * A source larger than a document may be (one large document, most often: a List of a cluster's
 * Jobs). Read once keeping no values, to measure its documents as the full parser does (from the
 * `---` that begins one, else its first node, to the next `---` or the end of the text, in the
 * text's own characters); then, if some are within the limit, read again keeping those. A
 * document over the limit is only reported (document-too-large), so its values are never built:
 * the full parser built the whole document model of a 16 MiB List (1.7 GB).
 */
export function readLargeStream(
  text: string,
  maxDocumentBytes: number,
): { readonly fast: FastStream; readonly tooLarge: ReadonlyMap<number, number> } | undefined {
  const measured = readYamlFast(text, { keep: () => false });
  if (!measured) return undefined;
  const { documents } = measured;
  const bounds: number[] = [];
  for (const [index, doc] of documents.entries())
    bounds.push(doc.marker >= 0 ? doc.marker : doc.start, documents[index + 1]?.marker ?? measured.text.length);
  // The reader's offsets are in the text with CRLF line breaks made LF; the full parser counts the CRs.
  const original = text.length === measured.text.length ? bounds : originalOffsets(text, bounds);
  /** Document index → where it starts (in the reader's text, for its position). */
  const tooLarge = new Map<number, number>();
  for (const [index, doc] of documents.entries())
    if (doc.value !== null && original[2 * index + 1]! - original[2 * index]! > maxDocumentBytes)
      tooLarge.set(index, bounds[2 * index]!);
  if (documents.every((doc, index) => doc.value === null || tooLarge.has(index))) return { fast: measured, tooLarge };
  const kept = readYamlFast(text, { keep: (index) => !tooLarge.has(index) });
  return kept && { fast: kept, tooLarge };
}

/**
 * Offsets in a text whose CRLF line breaks were made LF, mapped back to the text (each one moved
 * by the CRs removed before it).
 */
function originalOffsets(text: string, offsets: readonly number[]): number[] {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const mapped = new Map<number, number>();
  let removed = 0;
  let at = 0;
  for (const offset of sorted) {
    // Count the CRLFs whose CR lies before `offset` in the normalized text.
    for (let cr = text.indexOf('\r\n', at); cr !== -1 && cr - removed < offset; cr = text.indexOf('\r\n', at)) {
      removed++;
      at = cr + 2;
    }
    mapped.set(offset, offset + removed);
  }
  return offsets.map((offset) => mapped.get(offset)!);
}

/** How far over the limit a document the fast reader cannot read must be to be judged by its text alone. */
const CLEARLY_OVER = 64 * 1024;

/**
 * One document clearly over the API server's limit that the fast reader does not read (a tab, a
 * tag, a syntax error...): reported as too large from its text, without the full parser, whose
 * document model of a 16 MiB document took 1.7 GB. A control character kubectl refuses is still
 * reported first, as the full parser does; a syntax error is not (the document must be split
 * anyway; linting the parts shows it). Undefined for anything else: several documents (a `---`
 * or `...` line, a directive), or a document near the limit, which the full parser then measures.
 */
export function oversizedDocument(text: string, maxDocumentBytes: number): ParsedSource | undefined {
  const start = firstContent(text);
  if (start < 0 || text.length - start <= maxDocumentBytes + CLEARLY_OVER) return undefined;
  const rest = text.slice(text.startsWith('---', start) ? start + 3 : start);
  if (/^(?:---|\.\.\.)(?:[ \t\r\n]|$)|^%/m.test(rest)) return undefined;
  const lines = new LineIndex(text);
  const forbidden = forbiddenCharacters(text);
  const control = forbidden ? firstForbidden(text, forbidden, 0, text.length) : -1;
  const problem =
    control >= 0
      ? {
          ruleId: 'yaml-syntax' as const,
          message: forbiddenCharacterMessage(String.fromCodePoint(text.codePointAt(control)!)),
        }
      : { ruleId: 'document-too-large' as const, message: DOCUMENT_TOO_LARGE_MESSAGE };
  return {
    objects: [],
    problems: [{ document: 0, ...problem, ...lines.position(control >= 0 ? control : start) }],
    emptyDocuments: 0,
    documents: 1,
  };
}

/** Offset of the first character that is not white space or in a comment line, or -1. */
function firstContent(text: string): number {
  const match = /^[ \t\r\ufeff]*(?=[^\s#])/m.exec(text);
  return match ? match.index + match[0].length : -1;
}
