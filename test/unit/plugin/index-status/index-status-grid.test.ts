import { describe, expect, test } from '@jest/globals';
import type { IndexInterval } from '../../../../kubernetes/index.ts';
import { toIndexStatusGrid, type GridCell } from '../../../../plugin/format/index-status-grid.ts';
import type { IndexSets, IndexState } from '../../../../plugin/index-status/index-status.ts';
import { complement, fromIndexes, union } from '../../../../kubernetes/interval-set.ts';

/** Sets from explicit lists; every index not listed is succeeded. */
function sets(completions: number, lists: { failed?: number[]; active?: number[]; pending?: number[] }): IndexSets {
  const failed = fromIndexes(lists.failed ?? []);
  const active = fromIndexes(lists.active ?? []);
  const pending = fromIndexes(lists.pending ?? []);
  const succeeded = complement(union(union(failed, active), pending), completions);
  return { succeeded, failed, active, pending };
}

/** The reference: each cell computed index by index (worst wins; succeeded + pending is partial). */
function naiveCells(s: IndexSets, completions: number, perCell: number): GridCell[] {
  const stateOf = (i: number): IndexState => {
    const has = (set: IndexInterval[]) => set.some((iv) => iv.first <= i && i <= iv.last);
    return has(s.failed) ? 'failed' : has(s.active) ? 'active' : has(s.pending) ? 'pending' : 'succeeded';
  };
  const cells: GridCell[] = [];
  for (let start = 0; start < completions; start += perCell) {
    const seen = new Set<IndexState>();
    for (let i = start; i < Math.min(start + perCell, completions); i++) seen.add(stateOf(i));
    if (seen.has('failed')) cells.push('failed');
    else if (seen.has('active')) cells.push('active');
    else if (seen.has('pending')) cells.push(seen.has('succeeded') ? 'partial' : 'pending');
    else cells.push('succeeded');
  }
  return cells;
}

describe('grid layout', () => {
  test('few indexes: one cell per index on one row', () => {
    const grid = toIndexStatusGrid(sets(6, { failed: [2], active: [3, 4] }), 6, { width: 80, maxRows: 20 });
    expect(grid.indexesPerCell).toBe(1);
    expect(grid.rows).toEqual([
      { firstIndex: 0, cells: ['succeeded', 'succeeded', 'failed', 'active', 'active', 'succeeded'] },
    ]);
  });

  test('row width follows the terminal: 100 cells need 110 columns with labels, 80 columns get 50', () => {
    const s = sets(1000, {});
    expect(toIndexStatusGrid(s, 1000, { width: 120, maxRows: 20 }).cellsPerRow).toBe(100);
    expect(toIndexStatusGrid(s, 1000, { width: 80, maxRows: 20 }).cellsPerRow).toBe(50);
    expect(toIndexStatusGrid(s, 1000, { width: 30, maxRows: 20 }).cellsPerRow).toBe(20);
    // Too narrow for anything: still ten cells a row rather than none.
    expect(toIndexStatusGrid(s, 1000, { width: 5, maxRows: 200 }).cellsPerRow).toBe(10);
  });

  test('100,000 completions fit in the row limit with round cell sizes and row labels', () => {
    const grid = toIndexStatusGrid(sets(100_000, {}), 100_000, { width: 80, maxRows: 20 });
    expect(grid.indexesPerCell).toBe(100);
    expect(grid.rows).toHaveLength(20);
    expect(grid.rows.map((r) => r.firstIndex).slice(0, 3)).toEqual([0, 5000, 10000]);
    const tall = toIndexStatusGrid(sets(100_001, {}), 100_001, { width: 80, maxRows: 20 });
    expect(tall.indexesPerCell).toBe(200);
    expect(tall.rows.length).toBeLessThanOrEqual(20);
    // The last cell covers just index 100000.
    expect(tall.rows.reduce((n, r) => n + r.cells.length, 0)).toBe(501);
  });

  test('no indexes, no rows', () => {
    expect(toIndexStatusGrid(sets(0, {}), 0, { width: 80, maxRows: 20 }).rows).toEqual([]);
  });
});

describe('downsampling: the worst state of a cell wins (failed > active > pending), succeeded + pending is partial', () => {
  test('one failed index among succeeded ones marks its cell failed, an active one its cell active', () => {
    const s = sets(1000, { failed: [17], active: [31, 32], pending: [45] });
    const grid = toIndexStatusGrid(s, 1000, { width: 80, maxRows: 2 });
    expect(grid.indexesPerCell).toBe(10);
    expect(grid.rows[0]!.cells.slice(0, 6)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
      'active',
      'partial',
      'succeeded',
    ]);
  });

  test('failed beats active beats pending within one cell', () => {
    const grid = toIndexStatusGrid(sets(100, { failed: [9], active: [1, 15], pending: [2, 16, 25] }), 100, {
      width: 80,
      maxRows: 1,
    });
    expect(grid.indexesPerCell).toBe(2);
    expect(grid.rows[0]!.cells.slice(0, 14)).toEqual(
      naiveCells(sets(100, { failed: [9], active: [1, 15], pending: [2, 16, 25] }), 100, 2).slice(0, 14),
    );
    const coarse = toIndexStatusGrid(sets(1000, { failed: [9], active: [1, 15], pending: [2, 16, 25] }), 1000, {
      width: 80,
      maxRows: 1,
    });
    expect(coarse.indexesPerCell).toBe(20);
    expect(coarse.rows[0]!.cells.slice(0, 2)).toEqual(['failed', 'partial']);
  });

  test('a cell is pending only when none of its indexes succeeded, succeeded only when all did', () => {
    const grid = toIndexStatusGrid(sets(40, { pending: [...Array(20).keys()].map((i) => i + 10) }), 40, {
      width: 80,
      maxRows: 1,
    });
    expect(grid.indexesPerCell).toBe(1);
    const coarse = toIndexStatusGrid(sets(4000, { pending: [...Array(2000).keys()].map((i) => i + 1000) }), 4000, {
      width: 80,
      maxRows: 2,
    });
    expect(coarse.indexesPerCell).toBe(50);
    // Cells 0-19 succeeded, 20-59 pending, 60-79 succeeded: the boundaries fall on cell edges.
    expect(coarse.rows.flatMap((r) => r.cells)).toEqual([
      ...Array(20).fill('succeeded'),
      ...Array(40).fill('pending'),
      ...Array(20).fill('succeeded'),
    ]);
  });

  test('matches the index-by-index reference on scattered sets', () => {
    const completions = 12_345;
    const failed = Array.from({ length: 40 }, (_, i) => (i * 7919) % completions);
    const active = Array.from({ length: 300 }, (_, i) => (i * 104729 + 11) % completions);
    const pending = Array.from({ length: 2000 }, (_, i) => 6000 + i * 3);
    const s = sets(completions, { failed, active, pending });
    for (const maxRows of [1, 3, 20, 300]) {
      const grid = toIndexStatusGrid(s, completions, { width: 80, maxRows });
      expect(grid.rows.flatMap((r) => r.cells)).toEqual(naiveCells(s, completions, grid.indexesPerCell));
    }
  });
});
