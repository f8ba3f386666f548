import { isAbsolute, relative, sep } from 'node:path';
import { compileGitignorePattern, type GitignorePattern } from './gitignore-pattern.ts';

/** gitignore lines that apply below one folder (a config's, or the working folder for --exclude). */
export class ExcludeRules {
  readonly base: string;
  /** Where the lines come from, for notes: a config file, or `--exclude`. */
  readonly origin: string;
  private readonly patterns: readonly GitignorePattern[];

  constructor(base: string, lines: readonly string[], origin: string) {
    this.base = base;
    this.origin = origin;
    this.patterns = lines.flatMap((line) => compileGitignorePattern(line) ?? []);
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /**
   * The pattern that excludes an absolute path, if any: the last matching line decides, as in git
   * (a `!` line re-includes). Paths outside the base folder are never excluded by these lines.
   */
  match(path: string, isDirectory: boolean): GitignorePattern | undefined {
    if (this.patterns.length === 0) return undefined;
    const rel = relative(this.base, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    const slashed = sep === '/' ? rel : rel.split(sep).join('/');
    let decided: GitignorePattern | undefined;
    for (const pattern of this.patterns) {
      if (pattern.directoryOnly && !isDirectory) continue;
      if (pattern.regex.test(slashed)) decided = pattern.negated ? undefined : pattern;
    }
    return decided;
  }
}
