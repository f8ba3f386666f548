/**
 * Turns a manifest's bytes into text the way kubectl does. cli-runtime's FileVisitor (files and
 * standard input alike) reads through `unicode.BOMOverride(unicode.UTF8.NewDecoder())`: a UTF-8,
 * UTF-16BE or UTF-16LE byte order mark picks the encoding and is dropped; without one the bytes
 * are UTF-8, invalid sequences becoming U+FFFD. There is no UTF-32 decoder: a UTF-32 file reaches
 * go-yaml full of U+0000 and kubectl fails on it ("yaml: control characters are not allowed"), as
 * it does on UTF-16 without a mark. Those get a finding that says why, instead of the bare error.
 */

export type DecodedManifest = { readonly text: string } | { readonly encodingProblem: string };

const KUBECTL_FAILS = 'kubectl fails on it ("yaml: control characters are not allowed"); save it as UTF-8';

export function decodeManifest(bytes: Uint8Array): DecodedManifest {
  const [b0, b1, b2, b3] = bytes;
  // Checked before UTF-16LE, whose mark (FF FE) begins the UTF-32LE one.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return utf32('UTF-32LE');
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return utf32('UTF-32BE');
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: decode('utf-8', bytes.subarray(3)) };
  if (b0 === 0xfe && b1 === 0xff) return { text: decode('utf-16be', bytes.subarray(2)) };
  if (b0 === 0xff && b1 === 0xfe) return { text: decode('utf-16le', bytes.subarray(2)) };
  if (looksLikeUtf16(bytes)) {
    return {
      encodingProblem: `the file looks like UTF-16 without a byte order mark; kubectl decodes UTF-16 only after a byte order mark, and ${KUBECTL_FAILS}`,
    };
  }
  return { text: decode('utf-8', bytes) };
}

function utf32(name: string): DecodedManifest {
  return {
    encodingProblem: `the file is ${name} (its byte order mark says so); kubectl reads UTF-8 and UTF-16 only, and ${KUBECTL_FAILS}`,
  };
}

function decode(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  // ignoreBOM: the mark was removed above; one left at the start of the rest is content, as in Go.
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/**
 * ASCII text in UTF-16 has a zero byte in every pair; UTF-8 text (what kubectl expects without a
 * mark) has none. Two zero bytes at the same parity in the first pairs, and none at the other, say UTF-16.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const pairs = Math.min(bytes.length >> 1, 8);
  if (pairs < 2) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return (even >= 2 && odd === 0) || (odd >= 2 && even === 0);
}
