/**
 * A value as `JSON.stringify(document, null, 2)` prints it at `depth` levels inside a larger
 * document: its lines after the first indented by two spaces per level. Lets a writer print a
 * large document a piece at a time, in the same bytes as printing it whole.
 *
 * The value is printed inside `depth` arrays, which indent it as the document would, and the
 * arrays' own text is cut off (the first line's indentation with it): JSON.stringify does the
 * indenting natively, and no second pass over the text is needed (indenting with replaceAll was
 * a tenth of `lint -o json`'s time on small Jobs).
 */
export function indentedJson(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  // `[` and a line break per level, then the indentation of the level below it: 2 + 2 * (level + 1).
  const head = depth * 2 + depth * (depth + 1);
  // A line break, the indentation of the level and `]` per level: 2 + 2 * level.
  const tail = depth * 2 + depth * (depth - 1);
  const text = JSON.stringify(wrapped, null, 2);
  return tail === 0 ? text : text.slice(head, -tail);
}
