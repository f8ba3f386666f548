// The one table renderer of the text views (lint, rules, explain, diagnose, index-status), in
// kubectl's style: no borders, UPPERCASE headers, columns three spaces apart (the padding of
// cli-runtime's printers.GetNewTabWriter), no trailing blanks. Unlike kubectl's tabwriter, which
// counts runes, widths are terminal cells (./cell-width.ts): CJK, emoji, combining marks and our
// colour codes line up. Every cell's text is escaped here (plugin/escape-text.ts) and painted after,
// so data can neither break the layout nor carry its own escape sequences to the terminal.
//
// Hand-written rather than cli-table3: bench/format/bench-table.ts measured it 40 to 200 times
// slower, and quadratic in rows (a 1,000-row table takes seconds; figures in bench/README.md).
import { cellWidth, truncateCells } from './cell-width.ts';
import { escapeText } from '../escape-text.ts';
import { wrap } from './wrap-text.ts';

export type Paint = (text: string) => string;

/** Text of a cell (data: it is escaped here) and the colour of that text (not of its padding). */
export interface Piece {
  readonly text: string;
  readonly paint?: Paint | undefined;
}

/** Plain text, one painted piece, or several (a message and its dimmed rule id). */
export type Cell = string | Piece | readonly Piece[];

export interface TableOptions {
  /** Put before every line. */
  readonly indent?: string;
  /** Spaces between columns (3, as kubectl). */
  readonly gap?: number;
  readonly headerPaint?: Paint;
  /** Columns at least this wide (so that a severity column keeps one width across tables). */
  readonly minWidths?: readonly (number | undefined)[];
  /** Terminal width, for `shrink` or `wrapLast`. Unset: no limit. */
  readonly width?: number;
  /** This column is cut, ending in …, for the table to fit `width` (to 12 cells or its header at least). */
  readonly shrink?: number;
  /** The last column is word-wrapped to fit `width` instead, its next lines aligned under it. */
  readonly wrapLast?: boolean;
}

export const KUBECTL_GAP = 3;
/** A cut column keeps at least this many cells: less says nothing. */
const SHRINK_FLOOR = 12;

/**
 * The table's lines: a header (UPPERCASE; none when `headers` is null) and one line per row,
 * more with `wrapLast`. A row may be shorter than the header; empty cells at its end add no blanks.
 */
export function renderTable(
  headers: readonly string[] | null,
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string[] {
  const indent = options.indent ?? '';
  const gap = ' '.repeat(options.gap ?? KUBECTL_GAP);
  const head = headers?.map((h) => prepare({ text: h.toUpperCase(), paint: options.headerPaint }));
  const body = rows.map((row) => row.map(prepare));
  const all = head ? [head, ...body] : body;
  const columns = Math.max(0, ...all.map((row) => row.length));
  const shrink = options.shrink;
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    let width = options.minWidths?.[c] ?? 0;
    // The last column is never padded: measured only when a column may be cut.
    if (c < columns - 1 || shrink !== undefined) for (const row of all) width = Math.max(width, widthOf(row[c]));
    widths.push(width);
  }
  if (options.width !== undefined && shrink !== undefined && shrink < columns) {
    const total = cellWidth(indent) + widths.reduce((a, b) => a + b, 0) + gap.length * (columns - 1);
    const excess = total - options.width;
    const floor = Math.max(SHRINK_FLOOR, widthOf(head?.[shrink]));
    if (excess > 0) widths[shrink] = Math.min(widths[shrink]!, Math.max(floor, widths[shrink]! - excess));
  }

  const line = (row: readonly Prepared[]): string[] => {
    let last = row.length - 1;
    while (last >= 0 && row[last]!.empty) last--;
    let prefix = indent;
    for (let c = 0; c < last; c++) {
      const cell = c === shrink ? fit(row[c]!, widths[c]!) : row[c]!;
      prefix += paintPieces(cell.pieces) + ' '.repeat(widths[c]! - widthOf(cell)) + gap;
    }
    if (last < 0) return [''];
    const end = last === shrink ? fit(row[last]!, widths[last]!) : row[last]!;
    if (options.wrapLast && options.width !== undefined) {
      const start = cellWidth(prefix);
      return wrap(paintPieces(end.pieces), options.width, prefix, ' '.repeat(start)).map((l) => l.trimEnd());
    }
    return [`${prefix}${paintPieces(end.pieces)}`.trimEnd()];
  };
  return all.flatMap(line);
}

/** A cell ready to lay out: its pieces escaped, its width measured once, when first asked. */
interface Prepared {
  readonly pieces: readonly Piece[];
  readonly empty: boolean;
  /** Terminal cells, -1 until measured. */
  width: number;
}

function prepare(cell: Cell): Prepared {
  if (typeof cell === 'string') {
    const text = escapeText(cell);
    return { pieces: [{ text }], empty: text === '', width: -1 };
  }
  const given: readonly Piece[] = isPieceList(cell) ? cell : [cell];
  const pieces = given.map((p) => ({ text: escapeText(p.text), paint: p.paint }));
  return { pieces, empty: pieces.every((p) => p.text === ''), width: -1 };
}

const isPieceList = (cell: Piece | readonly Piece[]): cell is readonly Piece[] => Array.isArray(cell);

function widthOf(cell: Prepared | undefined): number {
  if (cell === undefined) return 0;
  if (cell.width < 0) {
    let width = 0;
    for (const piece of cell.pieces) width += cellWidth(piece.text);
    cell.width = width;
  }
  return cell.width;
}

function paintPieces(pieces: readonly Piece[]): string {
  let text = '';
  for (const p of pieces) text += p.paint && p.text !== '' ? p.paint(p.text) : p.text;
  return text;
}

/** The cell cut to `width` cells on a character boundary, the … in the colour of what it ends. */
function fit(cell: Prepared, width: number): Prepared {
  const { pieces } = cell;
  const text = pieces.map((p) => p.text).join('');
  const fitted = truncateCells(text, width);
  if (fitted === text) return cell;
  let left = fitted.length - 1;
  const kept: Piece[] = [];
  for (const piece of pieces) {
    if (left <= 0) break;
    const part = piece.text.slice(0, left);
    kept.push({ text: part, paint: piece.paint });
    left -= part.length;
  }
  const tail = kept.pop() ?? { text: '', paint: pieces[0]?.paint };
  return { pieces: [...kept, { text: `${tail.text}…`, paint: tail.paint }], empty: false, width: -1 };
}
