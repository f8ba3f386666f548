import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../../edge/index.ts';
import type { ConfigFinder, Excluder, LintConfig } from '../config/index.ts';
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
  | { readonly kind: 'file'; readonly path: FilePath; readonly config: number }
  | { readonly kind: 'stream'; readonly path: string; readonly type: SpecialFileType; readonly config: number }
  | { readonly kind: 'stdin'; readonly config: number }
  /** A Helm chart or kustomize folder, rendered by its tool (plugin/lint/render). */
  | { readonly kind: 'render'; readonly path: FilePath; readonly tool: RenderTool; readonly config: number }
  | { readonly kind: 'error'; readonly error: UsageError };

export type SpecialFileType = 'FIFO' | 'character device' | 'block device' | 'socket';

export interface ExpandOptions {
  /** Told about each file of a directory that is not read (a dangling link, a FIFO): `path: why`. */
  readonly skipped?: (path: string, reason: string) => void;
  /** The config of each folder (config discovery); without it, every input has config 0. */
  readonly configs?: ConfigFinder;
  /** What is left out (--exclude, lint.exclude, chart templates); needs `configs`. */
  readonly excluder?: Excluder;
  /** Expands a glob argument (`'k8s/**\/*.yaml'`, quoted or on Windows) into the files it matches. */
  readonly expandGlob?: (glob: string) => string[] | undefined;
  /**
   * Whether a folder (given or met in the walk) is rendered, skipped or walked (default: walked),
   * under the config of the folder (undefined without config discovery).
   */
  readonly folder?: (dir: FilePath, config: LintConfig | undefined) => FolderVerdict;
  /**
   * The chart a path given as an argument is a template of (inside a chart's templates/), when
   * helm renders charts under that config: the chart is rendered instead of the path being read.
   */
  readonly chartOf?: (path: string, config: LintConfig | undefined) => string | undefined;
}

/** What a walk needs at hand. */
interface Walk {
  readonly into: Input[];
  readonly options: ExpandOptions;
  /** The folders already rendered (a chart given twice, or through two of its templates, is rendered once). */
  readonly rendered: Set<string>;
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
  const run: Walk = { into: inputs, options, rendered: new Set() };
  try {
    for (const argument of paths) {
      if (argument === '-') {
        inputs.push({ kind: 'stdin', config: options.configs?.runConfig.index ?? 0 });
        continue;
      }
      const matched = statSync(argument, { throwIfNoEntry: false }) ? undefined : options.expandGlob?.(argument);
      if (matched?.length === 0) throw new UsageError(`no file matches ${displayPath(argument)}`);
      for (const path of matched ?? [argument]) expandArgument(path, run);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    inputs.push({ kind: 'error', error });
  }
  return inputs;
}

function expandArgument(path: string, run: Walk): void {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${displayPath(path)}: ${describeArgumentError(path, error)}`);
  }
  const { configs, excluder, skipped, chartOf } = run.options;
  const absolute = configs ? resolve(path) : path;
  if (configs && excluder) {
    const excluded = excluder.checkArgument(absolute, info.isDirectory(), (dir) => configs.configFor(dir));
    if (excluded) {
      skipped?.(displayPath(path), excluded.reason);
      return;
    }
  }
  const config = configs?.configFor(info.isDirectory() ? absolute : dirname(absolute));
  const chart = chartOf?.(path, config);
  if (chart !== undefined) {
    skipped?.(displayPath(path), `its Helm chart ${displayPath(chart)} is rendered instead (helm template)`);
    visitFolder(chart, run, configs?.configFor(resolve(chart)));
    return;
  }
  if (info.isDirectory()) visitFolder(path, run, config);
  else if (info.isFile()) run.into.push({ kind: 'file', path, config: config?.index ?? 0 });
  else run.into.push({ kind: 'stream', path, type: specialType(info), config: config?.index ?? 0 });
}

/** A chart or kustomization is rendered (or skipped, saying why) instead of walked. */
function visitFolder(dir: FilePath, run: Walk, config: LintConfig | undefined): void {
  const verdict = run.options.folder?.(dir, config);
  if (verdict === undefined) walk(dir, run, config);
  else if ('render' in verdict) {
    const key = typeof dir === 'string' ? resolve(dir) : dir.toString('latin1');
    if (run.rendered.has(key)) return;
    run.rendered.add(key);
    run.into.push({ kind: 'render', path: dir, tool: verdict.render, config: config?.index ?? 0 });
  } else run.options.skipped?.(displayPath(dir), verdict.skip);
}

/** `config` is the folder's (undefined without config discovery). */
function walk(dir: FilePath, run: Walk, config: LintConfig | undefined): void {
  const { into, options } = run;
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    throw new UsageError(`cannot read directory ${displayPath(dir)}: ${describeIoError(error)}`);
  }
  entries.sort((a, b) => compareNames(a.name, b.name));
  const index = config?.index ?? 0;
  // Absolute paths only for the excludes and configs (once per folder, not per file).
  const absoluteDir = config ? resolve(String(dir)) : '';
  for (const entry of entries) {
    const name = entry.name.toString('utf8');
    const path = joinPath(dir, toFilePath(entry.name));
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(name)) continue;
      if (config && options.configs) {
        const absolute = join(absoluteDir, name);
        if (isExcluded(absolute, path, true, config, run)) continue;
        visitFolder(path, run, options.configs.configFor(absolute));
      } else visitFolder(path, run, undefined);
      continue;
    }
    if (!MANIFEST_FILE.test(name)) continue;
    if (config && isExcluded(join(absoluteDir, name), path, false, config, run)) continue;
    if (entry.isFile()) {
      into.push({ kind: 'file', path, config: index });
      continue;
    }
    const reason = entry.isSymbolicLink() ? followLink(path) : notRegular(entry);
    if (reason === undefined) into.push({ kind: 'file', path, config: index });
    else options.skipped?.(displayPath(path), reason);
  }
}

/** Whether the excluder leaves the path out (with a note, unless a pattern quietly excludes it in a walk). */
function isExcluded(
  absolute: string,
  path: FilePath,
  isDirectory: boolean,
  config: LintConfig,
  { options }: Walk,
): boolean {
  const excluded = options.excluder?.check(absolute, isDirectory, config);
  if (!excluded) return false;
  if (!excluded.quiet) options.skipped?.(displayPath(path), excluded.reason);
  return true;
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
