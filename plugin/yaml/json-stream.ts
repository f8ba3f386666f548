/**
 * kubectl reads a stream that starts with `{` as JSON (apimachinery's YAMLOrJSONDecoder): a
 * sequence of JSON objects, one after the other with nothing but white space between them, as
 * `jq -c '.items[]'` writes them. YAML has no such form (two flow mappings in one document are a
 * syntax error), so such a stream is cut into its objects, each read as a document of its own.
 */

/** Where each top-level value starts and ends, when the text is two or more JSON objects; else undefined. */
export function splitJsonStream(text: string): { start: number; end: number }[] | undefined {
  let at = skipSpace(text, 0);
  if (text.charCodeAt(at) !== OPEN_BRACE) return undefined;
  const values: { start: number; end: number }[] = [];
  while (at < text.length) {
    if (text.charCodeAt(at) !== OPEN_BRACE) return undefined;
    const end = endOfObject(text, at);
    if (end < 0) return undefined;
    values.push({ start: at, end });
    at = skipSpace(text, end);
  }
  return values.length >= 2 ? values : undefined;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

/** The offset just after the object that starts at `start` (brackets balanced, strings skipped), or -1. */
function endOfObject(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === QUOTE) {
      for (at++; at < text.length && text.charCodeAt(at) !== QUOTE; at++) if (text.charCodeAt(at) === BACKSLASH) at++;
      if (at >= text.length) return -1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return at + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}
