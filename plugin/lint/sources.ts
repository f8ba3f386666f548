import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { UsageError } from '../../edge/index.ts';
import { compareNames, displayPath, joinPath, toFilePath, type FilePath } from './file-names.ts';
import { describeIoError } from './io-errors.ts';
import type { FolderVerdict, RenderTool } from './render/index.ts';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Folders a recursive walk never enters. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * One input in the order it is linted: a regular file, a path to read as a stream (a FIFO, a
 * device: given by name, never found in a walk), standard input, or the error that stopped the
 * expansion of the paths there (raised only when the inputs before it are done, as when each path
 * was expanded just before its turn).
 */
export type Input =
  | { readonly kind: 'file'; readonly path: FilePath }
  | { readonly kind: 'stream'; readonly path: string; readonly type: SpecialFileType }
  | { readonly kind: 'stdin' }
  /** A Helm chart or kustomize folder, rendered by its tool (plugin/lint/render). */
  | { readonly kind: 'render'; readonly path: FilePath; readonly tool: RenderTool }
  | { readonly kind: 'error'; readonly error: UsageError };

export type SpecialFileType = 'FIFO' | 'character device' | 'block device' | 'socket';

export interface ExpandOptions {
  /** Told about each file of a directory that is not read (a dangling link, a FIFO): `path: why`. */
  readonly skipped?: (path: string, reason: string) => void;
  /** Whether a folder (given or met in the walk) is rendered, skipped or walked (default: walked). */
  readonly folder?: (dir: FilePath) => FolderVerdict;
}

/**
 * Expands paths (files, directories recursively, `-` for stdin) into inputs in a stable order.
 * Synchronous, as is reading files: they are small and local, and going through the thread pool
 * for each stat, open and read cost more than it saved.
 *
 * A directory is walked as kubectl's `-f DIR` walks it (cli-runtime ExpandPathsToFileVisitors,
 * filepath.Walk): entries by the bytes of their names, links to files followed, links to
 * directories not entered. Unlike kubectl, which fails on them or waits for ever, a dangling link,
 * a link loop and a FIFO or device are skipped (and reported through `skipped`).
 */
export function expandInputs(paths: readonly string[], options: ExpandOptions = {}): Input[] {
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
        throw new UsageError(`cannot read ${displayPath(path)}: ${describeArgumentError(path, error)}`);
      }
      if (info.isDirectory()) visitFolder(path, inputs, options);
      else if (info.isFile()) inputs.push({ kind: 'file', path });
      else inputs.push({ kind: 'stream', path, type: specialType(info) });
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    inputs.push({ kind: 'error', error });
  }
  return inputs;
}

/** A chart or kustomization is rendered (or skipped, saying why) instead of walked. */
function visitFolder(dir: FilePath, into: Input[], options: ExpandOptions): void {
  const verdict = options.folder?.(dir);
  if (verdict === undefined) walk(dir, into, options);
  else if ('render' in verdict) into.push({ kind: 'render', path: dir, tool: verdict.render });
  else options.skipped?.(displayPath(dir), verdict.skip);
}

function walk(dir: FilePath, into: Input[], options: ExpandOptions): void {
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    throw new UsageError(`cannot read directory ${displayPath(dir)}: ${describeIoError(error)}`);
  }
  entries.sort((a, b) => compareNames(a.name, b.name));
  for (const entry of entries) {
    const name = entry.name.toString('utf8');
    const path = joinPath(dir, toFilePath(entry.name));
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) visitFolder(path, into, options);
      continue;
    }
    if (!MANIFEST_FILE.test(name)) continue;
    if (entry.isFile()) {
      into.push({ kind: 'file', path });
      continue;
    }
    const reason = entry.isSymbolicLink() ? followLink(path) : notRegular(entry);
    if (reason === undefined) into.push({ kind: 'file', path });
    else options.skipped?.(displayPath(path), reason);
  }
}

/** Undefined when the link leads to a regular file (read through it); else why it is skipped. */
function followLink(path: FilePath): string | undefined {
  let target: Stats;
  try {
    target = statSync(path);
  } catch (error) {
    return describeIoError(error);
  }
  if (target.isFile()) return undefined;
  if (target.isDirectory()) return 'a link to a directory (kubectl does not follow those either)';
  return `not a regular file (a ${specialType(target)})`;
}

function notRegular(entry: Dirent<Buffer>): string {
  return `not a regular file (a ${specialType(entry)})`;
}

function specialType(info: Stats | Dirent<Buffer>): SpecialFileType {
  if (info.isFIFO()) return 'FIFO';
  if (info.isCharacterDevice()) return 'character device';
  if (info.isBlockDevice()) return 'block device';
  return 'socket';
}

/**
 * Node.js decodes its arguments as UTF-8, so a name that is not valid UTF-8 cannot be given on
 * the command line (its bad bytes became U+FFFD): say so, and how to lint it anyway.
 */
function describeArgumentError(path: string, error: unknown): string {
  const reason = describeIoError(error);
  return path.includes('\ufffd') && (error as NodeJS.ErrnoException).code === 'ENOENT'
    ? `${reason} (a name that is not valid UTF-8 cannot be passed as an argument; give its directory instead)`
    : reason;
}
