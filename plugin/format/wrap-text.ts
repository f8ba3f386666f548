import { cellWidth } from './cell-width.ts';

/**
 * Word-wraps `text` at `width` terminal cells (none when unset): the first line starts with
 * `first`, the next ones with `rest`. Widths are measured in cells (./cell-width.ts), so wide
 * characters and our colour codes wrap right. Words break at spaces only; a word longer than a
 * line stays whole (a path or a command is more use whole than cut). Escape data before
 * wrapping (plugin/escape-text.ts): a newline in `text` would not be seen.
 */
export function wrap(text: string, width: number | undefined, first = '', rest = first): string[] {
  const whole = `${first}${text}`;
  if (width === undefined || cellWidth(whole) <= width) return [whole];
  const lines: string[] = [];
  let line = first;
  let used = cellWidth(first);
  let empty = true;
  for (const word of text.split(' ')) {
    const size = cellWidth(word);
    if (!empty && used + 1 + size > width) {
      lines.push(line.trimEnd());
      line = rest;
      used = cellWidth(rest);
      empty = true;
    }
    if (empty && word === '') continue; // spaces at a break are not carried to the next line
    line = empty ? `${line}${word}` : `${line} ${word}`;
    used += (empty ? 0 : 1) + size;
    empty = false;
  }
  lines.push(line);
  return lines;
}
