import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';

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

/** Expands paths (files, directories recursively, `-` for stdin) in a stable order. */
export async function* readSources(paths: readonly string[], stdin: NodeJS.ReadableStream): AsyncGenerator<Source> {
  for (const path of paths) {
    if (path === '-') {
      yield await readStream(STDIN_NAME, stdin);
      continue;
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${path}: ${describeIoError(error)}`);
    });
    if (info.isDirectory()) {
      for await (const file of walk(path)) yield await readFileCapped(file);
    } else {
      yield await readFileCapped(path);
    }
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read directory ${dir}: ${describeIoError(error)}`);
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(path);
    } else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) {
      yield path;
    }
  }
}

async function readFileCapped(path: string): Promise<Source> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${path}: ${describeIoError(error)}`);
  });
  try {
    const { size } = await handle.stat();
    if (size > MAX_SOURCE_BYTES) return { name: path, tooLarge: size };
    return { name: path, text: stripBom(await handle.readFile('utf8')) };
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describeIoError(error as NodeJS.ErrnoException)}`);
  } finally {
    await handle.close();
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
