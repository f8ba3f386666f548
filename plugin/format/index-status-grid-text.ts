// The grid of index-status as text: one glyph per cell of ./index-status-grid.ts, runs of one
// state coloured together, groups of ten cells, each row labelled with its first index, and the
// legend under it.
import type { IndexStatus } from '../index-status/index.ts';
import type { Colors } from './colors.ts';
import { gridLabelWidth, toIndexStatusGrid, type GridCell } from './index-status-grid.ts';

export const DEFAULT_GRID_ROWS = 20;

/** Unicode glyphs, each one terminal column wide, told apart without colour. */
export const GRID_GLYPHS: Readonly<Record<GridCell, string>> = {
  succeeded: '█',
  partial: '▄',
  active: '▒',
  pending: '·',
  failed: 'X',
};
/** The legend, worst first: the order in which a cell standing for several indexes picks its glyph. */
const LEGEND: readonly [GridCell, string][] = [
  ['failed', 'failed'],
  ['active', 'active'],
  ['pending', 'pending'],
  ['partial', 'some succeeded'],
  ['succeeded', 'succeeded'],
];

export function stateColor(colors: Colors, state: GridCell): (text: string) => string {
  switch (state) {
    case 'succeeded':
    case 'partial':
      return colors.green;
    case 'failed':
      return colors.red;
    case 'active':
      return colors.blue;
    case 'pending':
      return colors.dim;
  }
}

export interface GridTextOptions {
  readonly colors: Colors;
  readonly width: number;
  readonly maxGridRows?: number | undefined;
}

export function formatIndexGrid(status: IndexStatus, options: GridTextOptions): string[] {
  const { colors } = options;
  const grid = toIndexStatusGrid(status.sets, status.completions, {
    width: options.width,
    maxRows: options.maxGridRows ?? DEFAULT_GRID_ROWS,
  });
  const labelWidth = gridLabelWidth(status.completions);
  const lines: string[] = [];
  for (const row of grid.rows) {
    let text = '';
    let run = '';
    let runState: GridCell | undefined;
    const flush = () => {
      if (runState !== undefined && run !== '') text += stateColor(colors, runState)(run);
      run = '';
    };
    row.cells.forEach((state, i) => {
      if (i > 0 && i % 10 === 0) {
        flush();
        text += ' ';
      }
      if (state !== runState) {
        flush();
        runState = state;
      }
      run += GRID_GLYPHS[state];
    });
    flush();
    lines.push(`${colors.dim(String(row.firstIndex).padStart(labelWidth))}  ${text}`);
  }
  const legend = (grid.indexesPerCell === 1 ? LEGEND.filter(([cell]) => cell !== 'partial') : LEGEND).map(
    ([cell, label]) => `${stateColor(colors, cell)(GRID_GLYPHS[cell])} ${label}`,
  );
  const indent = ' '.repeat(labelWidth + 2);
  if (grid.indexesPerCell === 1) lines.push(`${indent}${legend.join('  ')}   ${colors.dim('(one cell per index)')}`);
  else
    lines.push(
      `${indent}${legend.join('  ')}`,
      `${indent}${colors.dim(`one cell per ${grid.indexesPerCell} indexes, showing the worst of them`)}`,
    );
  return lines;
}
