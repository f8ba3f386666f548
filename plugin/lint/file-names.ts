import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { escapeText } from '../escape-text.ts';

/**
 * A file's path: a string, or its bytes when a directory holds a name that is not valid UTF-8
 * (Linux allows any bytes but `/` and NUL). As a string, such a name would have its bad bytes
 * replaced by U+FFFD and name a file that does not exist; as bytes, the file opens.
 */
export type FilePath = string | Buffer;

/** A path sent to a worker thread arrives as a plain Uint8Array: a Buffer over the same bytes again. */
export function fromMessage(path: string | Uint8Array): FilePath {
  return typeof path === 'string' ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength);
}

/** The path as a directory entry's bytes give it: a string when they are UTF-8, else the bytes. */
export function toFilePath(bytes: Buffer): FilePath {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes;
}

/** Appends a name to a directory path, keeping bytes when either has them. */
export function joinPath(dir: FilePath, name: FilePath): FilePath {
  // As before names could be bytes (and as filepath.Walk, which cleans the path it joins).
  if (typeof dir === 'string' && typeof name === 'string') return join(dir, name);
  const head = typeof dir === 'string' ? Buffer.from(dir) : dir;
  const separator = head.at(-1) === 0x2f ? [] : [Buffer.from('/')];
  return Buffer.concat([head, ...separator, typeof name === 'string' ? Buffer.from(name) : name]);
}

/** Sorts as Go's filepath.Walk (kubectl) does: by the bytes of the names. */
export function compareNames(a: Buffer, b: Buffer): number {
  return Buffer.compare(a, b);
}

const hex = (code: number) => `\\x${code.toString(16).padStart(2, '0')}`;

/**
 * The path as it is printed: bytes that are not UTF-8 as `\xNN`, and control characters as every
 * text view escapes them (escapeText), so that a name can neither break a line of output nor be
 * mistaken for another file.
 */
export function displayPath(path: FilePath): string {
  return escapeText(typeof path === 'string' ? path : decodeEscaped(path));
}

/** Valid UTF-8 sequences decoded, every other byte escaped. */
function decodeEscaped(bytes: Uint8Array): string {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    let taken = 0;
    for (let length = 1; length <= 4 && i + length <= bytes.length; length++) {
      try {
        out += strict.decode(bytes.subarray(i, i + length));
        taken = length;
        break;
      } catch {
        // Not a whole character yet (or never one): try a longer sequence.
      }
    }
    if (taken === 0) {
      out += hex(bytes[i]!);
      taken = 1;
    }
    i += taken;
  }
  return out;
}
