/**
 * One line of a .gitignore, as git reads it (gitignore(5)): `#` comments and blank lines are
 * nothing; `!` re-includes; a trailing `/` matches folders only; a pattern with a `/` before its
 * end is anchored to the base folder, one without matches a name at any depth; `*`, `?`, `[…]`
 * never match a `/`, and `**` between slashes matches any number of folders.
 */
export interface GitignorePattern {
  readonly source: string;
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  readonly regex: RegExp;
}

export function compileGitignorePattern(line: string): GitignorePattern | undefined {
  let text = line.replace(/(?<!\\)\s+$/, '');
  if (text === '' || text.startsWith('#')) return undefined;
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1);
  const directoryOnly = text.endsWith('/');
  if (directoryOnly) text = text.slice(0, -1);
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  if (text === '') return undefined;
  const body = globToRegexSource(text);
  return { source: line, negated, directoryOnly, regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`) };
}

/** A glob of `/`-separated segments as a regular expression's source (no anchors). */
export function globToRegexSource(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/')) {
      const end = i + 2;
      if (end === glob.length) {
        out += '.*';
        i = end;
        continue;
      }
      if (glob[end] === '/') {
        out += '(?:.*/)?';
        i = end + 1;
        continue;
      }
    }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]!);
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let set = glob.slice(i + 1, close);
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        out += `(?!/)[${set.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += escapeRegex(c);
    i++;
  }
  return out;
}

const escapeRegex = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Whether a command-line argument is a glob for lint to expand (it holds `*`, `?` or `[`). */
export function isGlob(argument: string): boolean {
  return /[*?[]/.test(argument);
}
