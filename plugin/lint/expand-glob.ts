import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { globToRegexSource, isGlob } from '../config/index.ts';

/** Folders a glob never enters, as the folder walk (sources.ts). */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * The files a glob argument matches, sorted, or undefined when it is not a glob. The shell
 * expands an unquoted glob before lint sees it; lint expands one that reached it whole (quoted, or
 * on Windows, whose shells do not expand), with the gitignore syntax of --exclude (`**` for any
 * number of folders). On Windows a `\\` in the glob is a path separator.
 */
export function expandGlob(glob: string, platform: NodeJS.Platform = process.platform): string[] | undefined {
  if (!isGlob(glob)) return undefined;
  const pattern = platform === 'win32' ? glob.replace(/\\/g, '/') : glob;
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex(isGlob);
  const base = segments.slice(0, firstMagic).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const rest = segments.slice(firstMagic);
  const regex = new RegExp(`^${globToRegexSource(rest.join('/'))}$`);
  const maxDepth = rest.includes('**') ? Infinity : rest.length;
  const found: string[] = [];
  collect(base, '', 1, { regex, maxDepth, found });
  return found;
}

interface Collect {
  readonly regex: RegExp;
  readonly maxDepth: number;
  readonly found: string[];
}

function collect(dir: string, relative: string, depth: number, into: Collect): void {
  let names: string[];
  try {
    names = readdirSync(join(dir, relative), { withFileTypes: true })
      .filter((entry) => !(entry.isDirectory() && SKIPPED_DIRS.has(entry.name)))
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
  } catch {
    return;
  }
  names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const isDirectory = name.endsWith('/');
    const path = relative === '' ? name.replace(/\/$/, '') : `${relative}/${name.replace(/\/$/, '')}`;
    if (into.regex.test(path)) into.found.push(join(dir, path));
    else if (isDirectory && depth < into.maxDepth) collect(dir, path, depth + 1, into);
  }
}
