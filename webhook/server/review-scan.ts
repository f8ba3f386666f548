/**
 * A single pass over the bytes of an AdmissionReview, before JSON.parse, that counts its JSON values
 * and finds where `request.object` and `request.oldObject` lie.
 *
 * Why: what a review costs in memory follows the number of values far more than the number of
 * bytes. Three bytes of `{},` become a 56-byte object when parsed, and each copy the engine makes;
 * a 3 MiB list of empty tolerations (which the API server passes to mutating webhooks as is) took
 * 475 MiB to admit. The scan lets the server refuse such a review without building it, and still
 * answer it as a review (the uid comes from the envelope, parsed without the two objects).
 *
 * It does not validate: JSON.parse judges the syntax afterwards. On malformed input the counts are
 * still an upper bound of what a parse could build, and the ranges may be missing.
 */

/** Byte range of one value: `start` inclusive, `end` exclusive. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface ReviewScan {
  /** Every JSON value: objects, arrays, strings, numbers, true, false, null. */
  readonly values: number;
  /** Values inside `request.object` (itself included); 0 when absent. */
  readonly objectValues: number;
  readonly oldObjectValues: number;
  /** Where `request.object` and `request.oldObject` are (each time they occur: JSON.parse keeps the last). */
  readonly objectRanges: readonly ByteRange[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/** Where the next byte stands: before a member name, before a value, or after a value. */
const KEY = 0;
const VALUE = 1;
const AFTER = 2;

/** The closing quote of the string opened just before `from` (a byte loop: most strings are short). */
function stringEnd(bytes: Uint8Array, from: number): number {
  const length = bytes.length;
  let i = from;
  while (i < length) {
    const byte = bytes[i];
    if (byte === QUOTE) return i;
    i += byte === BACKSLASH ? 2 : 1;
  }
  return length;
}

/** The member name that ends at `end`, decoded as JSON.parse would (escapes included); undefined if malformed. */
function memberName(bytes: Buffer, start: number, end: number): string | undefined {
  // Only the names at the top two levels are read, and only short ones can matter.
  if (end - start > 64) return undefined;
  try {
    const name: unknown = JSON.parse(bytes.toString('utf8', start, end + 1));
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

export function scanReview(bytes: Buffer): ReviewScan {
  let values = 0;
  let objectValues = 0;
  let oldObjectValues = 0;
  const objectRanges: ByteRange[] = [];
  // Open containers, innermost last: 1 for an object, 0 for an array.
  const stack: number[] = [];
  let depth = 0;
  let expect = VALUE;
  // Member names at depth 1 (the review) and 2 (its request), while they are current.
  let topKey: string | undefined;
  let requestKey: string | undefined;
  // The request.object or request.oldObject value being read (0: none, 1: object, 2: oldObject),
  // where it began and the value count before it.
  let region = 0;
  let regionStart = 0;
  let regionValuesBefore = 0;

  const closeRegion = (end: number): void => {
    if (region === 1) objectValues += values - regionValuesBefore;
    else oldObjectValues += values - regionValuesBefore;
    objectRanges.push({ start: regionStart, end });
    region = 0;
  };

  const length = bytes.length;
  for (let i = 0; i < length; i++) {
    const byte = bytes[i]!;
    if (byte === SPACE || byte === NEWLINE || byte === TAB || byte === RETURN) continue;
    if (expect === AFTER || byte === COLON || byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      // Structure, or the rest of a number or literal (skipped).
      if (byte === COMMA) {
        // A scalar object or oldObject ends before the comma after it.
        if (region !== 0 && depth === 2) closeRegion(i);
        expect = stack[depth - 1] === 1 ? KEY : VALUE;
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        depth--;
        // Back at depth 2: the object or oldObject itself closed. At depth 1: the request closed after a scalar one.
        if (region !== 0 && depth === 2) closeRegion(i + 1);
        else if (region !== 0 && depth === 1) closeRegion(i);
        expect = AFTER;
      } else if (byte === COLON) {
        expect = VALUE;
      }
      continue;
    }
    if (expect === KEY) {
      // A member name (anything else here is malformed: skipped, JSON.parse will say so).
      if (byte === QUOTE) {
        const end = stringEnd(bytes, i + 1);
        if (depth === 1) topKey = memberName(bytes, i, end);
        else if (depth === 2) requestKey = memberName(bytes, i, end);
        i = end;
      }
      expect = AFTER;
      continue;
    }
    // The first byte of a value.
    values++;
    if (
      depth === 2 &&
      stack[0] === 1 &&
      stack[1] === 1 &&
      topKey === 'request' &&
      (requestKey === 'object' || requestKey === 'oldObject')
    ) {
      region = requestKey === 'object' ? 1 : 2;
      regionStart = i;
      regionValuesBefore = values - 1;
    }
    if (byte === QUOTE) {
      i = stringEnd(bytes, i + 1);
      expect = AFTER;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      stack[depth++] = byte === OPEN_OBJECT ? 1 : 0;
      expect = byte === OPEN_OBJECT ? KEY : VALUE;
    } else {
      expect = AFTER;
    }
  }
  if (region !== 0) closeRegion(length);
  return { values, objectValues, oldObjectValues, objectRanges };
}

/** The review with `request.object` and `request.oldObject` replaced by null: the envelope alone. */
export function withoutObjects(bytes: Buffer, ranges: readonly ByteRange[]): string {
  let text = '';
  let from = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.start < from) continue;
    text += `${bytes.toString('utf8', from, range.start)}null`;
    from = range.end;
  }
  return text + bytes.toString('utf8', from);
}
