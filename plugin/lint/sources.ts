import { closeSync, fstatSync, openSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../edge/index.ts';

/** Files larger than this are refused before reading (a manifest file of 16 MiB is already odd). */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Folders a recursive walk never enters. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface Source {
  readonly name: string;
  /** The text, or why it could not be read (reported as a finding, not a crash). */
  readonly text?: string;
  readonly tooLarge?: number;
}

export const STDIN_NAME = '<stdin>';

/**
 * One input in the order it is linted: a file, standard input, or the error that stopped the
 * expansion of the paths there (raised only when the inputs before it are done, as when each path
 * was expanded just before its turn).
 */
export type Input =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'error'; readonly error: UsageError };

/**
 * Expands paths (files, directories recursively, `-` for stdin) into inputs in a stable order.
 * Synchronous, as is reading files: they are small and local, and going through the thread pool
 * for each stat, open and read cost more than it saved.
 */
export function expandInputs(paths: readonly string[]): Input[] {
  const inputs: Input[] = [];
  try {
    for (const path of paths) {
      if (path === '-') {
        inputs.push({ kind: 'stdin' });
        continue;
      }
      let info: Stats;
      try {
        info = statSync(path);
      } catch (error) {
        throw new UsageError(`cannot read ${path}: ${describeIoError(error as NodeJS.ErrnoException)}`);
      }
      if (info.isDirectory()) walk(path, inputs);
      else inputs.push({ kind: 'file', path });
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    inputs.push({ kind: 'error', error });
  }
  return inputs;
}

function walk(dir: string, into: Input[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read directory ${dir}: ${describeIoError(error as NodeJS.ErrnoException)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path, into);
    } else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) {
      into.push({ kind: 'file', path });
    }
  }
}

/** Reads one input; a file or stream that cannot be read is a UsageError naming it. */
export async function readInput(input: Input, stdin: NodeJS.ReadableStream): Promise<Source> {
  switch (input.kind) {
    case 'file':
      return readFileCapped(input.path);
    case 'stdin':
      return readStream(STDIN_NAME, stdin);
    case 'error':
      throw input.error;
  }
}

export function readFileCapped(path: string): Source {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describeIoError(error as NodeJS.ErrnoException)}`);
  }
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_SOURCE_BYTES) return { name: path, tooLarge: size };
    return { name: path, text: stripBom(readFileSync(fd, 'utf8')) };
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describeIoError(error as NodeJS.ErrnoException)}`);
  } finally {
    closeSync(fd);
  }
}

async function readStream(name: string, stream: NodeJS.ReadableStream): Promise<Source> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    // Keep reading to count, but stop holding data past the cap so memory stays bounded.
    if (size <= MAX_SOURCE_BYTES) chunks.push(buffer);
  }
  if (size > MAX_SOURCE_BYTES) return { name, tooLarge: size };
  return { name, text: stripBom(Buffer.concat(chunks).toString('utf8')) };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function describeIoError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error.message;
  }
}
