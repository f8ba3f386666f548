// The text of an API server's JSON answer without its `"managedFields":[...]` members.
//
// Server-side-apply bookkeeping is some 40 % of a pod's JSON, and nothing in job-x reads it. The
// server cannot be asked to leave it out, so it is cut from the raw bytes before JSON.parse: the
// parser (the largest cost of a big list here) then never builds those objects, and the text is
// decoded once, from the bytes, instead of piece by piece as they arrive.
//
// Safe on bytes: in UTF-8 every byte of a multi-byte character is >= 0x80, so the ASCII bytes
// searched for are always themselves. A member is cut only where the key is structural: inside a
// JSON string every `"` is escaped, so `"managedFields":[` right after `{` or `,` cannot be string
// content. The array is skipped by bracket depth, strings (with their escapes) stepped over.

const KEY = Buffer.from('"managedFields":[');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/** The UTF-8 text of `body` with every `"managedFields":[...]` member removed (with one of its commas). */
export function textWithoutManagedFields(body: Buffer): string {
  let at = body.indexOf(KEY);
  if (at < 0) return body.toString('utf8');
  const parts: string[] = [];
  let copied = 0;
  while (at >= 0) {
    const before = at > 0 ? body[at - 1] : undefined;
    const end = before === OPEN_BRACE || before === COMMA ? endOfArray(body, at + KEY.length - 1) : -1;
    if (end < 0) {
      // Not a member (or a truncated answer): leave it to JSON.parse.
      at = body.indexOf(KEY, at + 1);
      continue;
    }
    // `,"managedFields":[..]` loses its leading comma; `{"managedFields":[..],` its trailing one.
    let cutFrom = at;
    let cutTo = end + 1;
    if (before === COMMA) cutFrom = at - 1;
    else if (body[cutTo] === COMMA) cutTo++;
    parts.push(body.toString('utf8', copied, cutFrom));
    copied = cutTo;
    at = body.indexOf(KEY, cutTo);
  }
  parts.push(body.toString('utf8', copied));
  return parts.join('');
}

/** The index of the `]` closing the array opened at `open`, or -1 when the text ends first. */
function endOfArray(body: Buffer, open: number): number {
  let depth = 0;
  const length = body.length;
  for (let i = open; i < length; i++) {
    const byte = body[i];
    if (byte === QUOTE) {
      for (i++; i < length; i++) {
        const c = body[i];
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) break;
      }
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) depth++;
    else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
      if (depth === 0) return byte === CLOSE_BRACKET ? i : -1;
    }
  }
  return -1;
}
