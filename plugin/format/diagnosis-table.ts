// A kubectl-style table for the diagnosis: UPPERCASE headers, no borders, three spaces between
// columns (cli-runtime's tabwriter padding), no trailing spaces. Widths are measured on the plain
// text and colour wraps only the text, so escape codes never skew the columns.

export interface TableCell {
  text: string;
  /** Colour for the cell's text (not its padding). */
  paint?: (text: string) => string;
}

export interface TableOptions {
  /** Total width to fit; the `shrink` column is cut (with …) to make the table fit. */
  width?: number;
  shrink?: number;
  indent?: string;
  /** Applied to the header row. */
  headerPaint?: (text: string) => string;
}

const GAP = '   ';

export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly TableCell[])[],
  options: TableOptions = {},
): string[] {
  const indent = options.indent ?? '';
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i]?.text ?? ''))));
  if (options.width !== undefined && options.shrink !== undefined) {
    const total = indent.length + widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
    const excess = total - options.width;
    if (excess > 0)
      widths[options.shrink] = Math.max(headers[options.shrink]!.length, 12, widths[options.shrink]! - excess);
  }
  const line = (cells: readonly TableCell[]) => {
    const parts = cells.map((cell, i) => {
      const last = i === cells.length - 1;
      const text = fit(cell.text, widths[i]!);
      const padding = last ? '' : ' '.repeat(Math.max(0, widths[i]! - visibleLength(text)));
      return (cell.paint && text !== '' ? cell.paint(text) : text) + padding;
    });
    return `${indent}${parts.join(GAP)}`.replace(/\s+$/, '');
  };
  const header = line(headers.map((h) => ({ text: h.toUpperCase(), paint: options.headerPaint })));
  return [header, ...rows.map(line)];
}

function visibleLength(text: string): number {
  return [...text].length;
}

function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}
