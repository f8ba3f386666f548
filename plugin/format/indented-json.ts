/**
 * A value as `JSON.stringify(document, null, 2)` prints it at `depth` levels inside a larger
 * document: its lines after the first indented by two spaces per level. (A JSON string holds no
 * raw line break, so every line break is between tokens.) Lets a writer print a large document
 * a piece at a time, in the same bytes as printing it whole.
 */
export function indentedJson(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);
}
