// The index-status grid: every index of an Indexed Job on a few terminal rows. A cell stands for
// one index when they fit, else for a run of them, and shows the worst state among them: failed,
// then active, then pending. Worst wins so a problem is never hidden by its neighbours and a
// cell only looks done when every index in it is done. One refinement: a cell whose indexes are
// partly succeeded and partly pending (nothing failed or active) is `partial`, else a Job whose
// indexes finish out of order (every other one done) would look as if nothing had succeeded.
//
// Built from the index intervals in O(intervals + cells), never per index: 100,000 completions
// cost what their status strings cost.
import type { IndexInterval } from '../../kubernetes/index.ts';
import type { IndexSets, IndexState } from '../index-status/index.ts';

/** An index state, or `partial`: some indexes of the cell succeeded, the others are pending. */
export type GridCell = IndexState | 'partial';

export interface IndexStatusGrid {
  /** Indexes per cell: 1, 2, 5, 10, 20, 50, ... so that row labels stay round numbers. */
  readonly indexesPerCell: number;
  /** Cells per full row (a multiple of 10, shown in groups of 10). */
  readonly cellsPerRow: number;
  readonly rows: readonly IndexStatusGridRow[];
}

export interface IndexStatusGridRow {
  /** The first index of the row (its label). */
  readonly firstIndex: number;
  readonly cells: readonly GridCell[];
}

export interface GridLimits {
  /** Terminal columns the grid may use, labels included. */
  readonly width: number;
  /** At most this many rows; cells grow to fit. */
  readonly maxRows: number;
}

/** Widest first; a row of c cells takes c + c/10 - 1 columns (a space between groups of ten). */
const ROW_CELLS = [100, 50, 40, 30, 20, 10];

/** The `label  cells` prefix: the widest label and two spaces. */
export function gridLabelWidth(completions: number): number {
  return String(Math.max(0, completions - 1)).length;
}

export function toIndexStatusGrid(sets: IndexSets, completions: number, limits: GridLimits): IndexStatusGrid {
  if (completions <= 0) return { indexesPerCell: 1, cellsPerRow: 0, rows: [] };
  const available = limits.width - gridLabelWidth(completions) - 2;
  const cellsPerRow = ROW_CELLS.find((cells) => cells + cells / 10 - 1 <= available) ?? 10;
  const maxRows = Math.max(1, limits.maxRows);
  const indexesPerCell = niceCellSize(Math.ceil(completions / (cellsPerRow * maxRows)));
  const cellCount = Math.ceil(completions / indexesPerCell);

  const failed = coverage(sets.failed, indexesPerCell, cellCount);
  const active = coverage(sets.active, indexesPerCell, cellCount);
  const pending = coverage(sets.pending, indexesPerCell, cellCount);
  const succeeded = coverage(sets.succeeded, indexesPerCell, cellCount);
  const states: GridCell[] = new Array<GridCell>(cellCount);
  for (let cell = 0; cell < cellCount; cell++) {
    if (failed[cell]! > 0) states[cell] = 'failed';
    else if (active[cell]! > 0) states[cell] = 'active';
    else if (pending[cell]! > 0) states[cell] = succeeded[cell]! > 0 ? 'partial' : 'pending';
    else states[cell] = 'succeeded';
  }
  const rows: IndexStatusGridRow[] = [];
  for (let start = 0; start < cellCount; start += cellsPerRow) {
    rows.push({ firstIndex: start * indexesPerCell, cells: states.slice(start, start + cellsPerRow) });
  }
  return { indexesPerCell, cellsPerRow, rows };
}

/** The smallest of 1, 2, 5, 10, 20, 50, ... that is at least `minimum`. */
function niceCellSize(minimum: number): number {
  for (let decade = 1; ; decade *= 10) {
    for (const step of [1, 2, 5]) if (step * decade >= minimum) return step * decade;
  }
}

/** How many intervals of the set touch each cell (only "none or some" matters): a difference array over the cells. */
function coverage(set: readonly IndexInterval[], indexesPerCell: number, cellCount: number): Int32Array {
  const counts = new Int32Array(cellCount + 1);
  for (const { first, last } of set) {
    counts[Math.floor(first / indexesPerCell)]! += 1;
    counts[Math.floor(last / indexesPerCell) + 1]! -= 1;
  }
  let running = 0;
  for (let cell = 0; cell < cellCount; cell++) {
    running += counts[cell]!;
    counts[cell] = running;
  }
  return counts;
}
