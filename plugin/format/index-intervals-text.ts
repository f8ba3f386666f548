// Index sets in the API's interval form (`0,2,4-9`), cut to fit a line.
import { countIndexes, type IndexInterval } from '../../kubernetes/index.ts';
import { cellWidth } from './cell-width.ts';

/**
 * The API's interval form, cut at an interval boundary to fit `budget` columns, with how many
 * indexes were left out: 0,2,4,…  (+49,997 more).
 */
export function formatIntervalsCapped(intervals: readonly IndexInterval[], budget: number): string {
  const total = countIndexes(intervals);
  // Room kept for the tail while more intervals follow.
  const reserve = `,… (+${total} more)`.length;
  let text = '';
  let shown = 0;
  for (let i = 0; i < intervals.length; i++) {
    const { first, last } = intervals[i]!;
    const part = last - first >= 2 ? `${first}-${last}` : last === first + 1 ? `${first},${last}` : `${first}`;
    const next = text === '' ? part : `${text},${part}`;
    const isLast = i === intervals.length - 1;
    if (text !== '' && next.length + (isLast ? 0 : reserve) > budget) return `${text},… (+${total - shown} more)`;
    text = next;
    shown += last - first + 1;
  }
  return text;
}

/** Columns left on a line of `width` after `prefix` (at least 20: a list that short still says something). */
export const roomAfter = (width: number, prefix: string): number => Math.max(20, width - cellWidth(prefix));
