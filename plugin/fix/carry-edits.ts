import { diffLines, splitLines } from './unified-diff.ts';

/**
 * Carries the lines a fix changed into the original text, for a file the `yaml` package does not
 * print back byte for byte (a comment two spaces from its value, a blank line it drops): the
 * package prints the file before (`printedBefore`) and after the fix (`printedAfter`) in the same
 * style; the lines that differ between those two are put at the same place in the original,
 * found through the lines the original shares with `printedBefore`. Undefined when a changed line
 * has no such place (the caller then leaves the file alone).
 */
export function carryEdits(original: string, printedBefore: string, printedAfter: string): string | undefined {
  const source = splitLines(original);
  const before = splitLines(printedBefore);
  /** For each line of printedBefore, the index of the same line in the original (when it is one). */
  const toSource: (number | undefined)[] = [];
  let i = 0;
  let j = 0;
  for (const op of diffLines(source, before)) {
    if (op.kind === ' ') toSource[j++] = i++;
    else if (op.kind === '-') i++;
    else toSource[j++] = undefined;
  }
  const removed = new Set<number>();
  /** Lines to insert after each original line (-1: at the start). */
  const inserted = new Map<number, string[]>();
  j = 0;
  for (const op of diffLines(before, splitLines(printedAfter))) {
    if (op.kind === ' ') j++;
    else if (op.kind === '-') {
      const at = toSource[j++];
      if (at === undefined) return undefined;
      removed.add(at);
    } else {
      const after = j === 0 ? -1 : toSource[j - 1];
      const place = after ?? (j < before.length && toSource[j] !== undefined ? toSource[j]! - 1 : undefined);
      if (place === undefined) return undefined;
      inserted.set(place, [...(inserted.get(place) ?? []), op.line]);
    }
  }
  const out: string[] = [...(inserted.get(-1) ?? [])];
  for (const [index, line] of source.entries()) {
    if (!removed.has(index)) out.push(line);
    out.push(...(inserted.get(index) ?? []));
  }
  return `${out.join('\n')}${original.endsWith('\n') ? '\n' : ''}`;
}
