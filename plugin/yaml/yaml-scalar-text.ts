/**
 * The text of a YAML scalar as written → its string: line folding of multi-line plain and quoted
 * scalars, double-quoted escapes, block scalars (`|`, `>`, chomping).
 *
 * Copied from the `yaml` package (yaml/dist/compose/resolve-flow-scalar.js and
 * resolve-block-scalar.js) so that the fast reader gives exactly the strings the full parser
 * gives; where the full parser would report an error, these return undefined and the caller
 * leaves the whole file to the full parser.
 */

/** Folds the lines of a plain scalar (or the inside of a single-quoted one). */
export function unfoldLines(source: string): string {
  const line = /(.*?)\r?\n/sy;
  let match = line.exec(source);
  if (!match) return source;
  // The lookbehinds avoid a polynomial search on long runs of blanks.
  const trimEnd = /(?<![ \t])[ \t]+$/;
  const trimBoth = /^[ \t]+|(?<![ \t])[ \t]+$/g;
  let result = match[1]!.replace(trimEnd, '');
  let sep = ' ';
  let pos = line.lastIndex;
  while ((match = line.exec(source))) {
    const content = match[1]!.replace(trimBoth, '');
    if (content === '') {
      if (sep === '\n') result += sep;
      else sep = '\n';
    } else {
      result += sep + content;
      sep = ' ';
    }
    pos = line.lastIndex;
  }
  const last = /[ \t]*(.*)/sy;
  last.lastIndex = pos;
  match = last.exec(source);
  return result + sep + (match?.[1] ?? '');
}

/** `'…'` including the quotes. */
export function singleQuotedValue(source: string): string {
  return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** `"…"` including the quotes; undefined for an invalid escape (an error for the full parser). */
export function doubleQuotedValue(source: string): string | undefined {
  let result = '';
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i];
    if (ch === '\r' && source[i + 1] === '\n') continue;
    if (ch === '\n') {
      const { fold, offset } = foldNewline(source, i);
      result += fold;
      i = offset;
    } else if (ch === '\\') {
      let next = source[++i];
      const code = next === undefined ? undefined : ESCAPES[next];
      if (code) result += code;
      else if (next === '\n') {
        // An escaped line break: skip it, but still trim the next line's indentation.
        next = source[i + 1];
        while (next === ' ' || next === '\t') next = source[++i + 1];
      } else if (next === '\r' && source[i + 1] === '\n') {
        next = source[++i + 1];
        while (next === ' ' || next === '\t') next = source[++i + 1];
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const digits = source.substr(i + 1, length);
        if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
        const codePoint = parseInt(digits, 16);
        if (codePoint > 0x10ffff) return undefined;
        result += String.fromCodePoint(codePoint);
        i += length;
      } else {
        return undefined;
      }
    } else if (ch === ' ' || ch === '\t') {
      // Blanks before a line break are trimmed.
      const wsStart = i;
      let next = source[i + 1];
      while (next === ' ' || next === '\t') next = source[++i + 1];
      if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
        result += i > wsStart ? source.slice(wsStart, i + 1) : ch;
    } else {
      result += ch;
    }
  }
  return result;
}

/** One line break folds to a space, n line breaks to n-1 newlines. */
function foldNewline(source: string, offset: number): { fold: string; offset: number } {
  let fold = '';
  let ch = source[offset + 1];
  while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
    if (ch === '\r' && source[offset + 2] !== '\n') break;
    if (ch === '\n') fold += '\n';
    offset += 1;
    ch = source[offset + 1];
  }
  return { fold: fold || ' ', offset };
}

export interface BlockScalarHeader {
  /** `|` keeps line breaks, `>` folds them. */
  readonly folded: boolean;
  /** `-` strip, `+` keep, `` clip (one final line break). */
  readonly chomp: '' | '-' | '+';
}

/**
 * The value of a block scalar from its content lines as the lexer delimits them (`source`, from
 * the line after the header to the end of its last line). `parentIndent` is the indentation of
 * the collection holding it; no explicit indentation indicator (the reader leaves those to the
 * full parser). Undefined where the full parser reports an error.
 */
export function blockScalarValue(header: BlockScalarHeader, source: string, parentIndent: number): string | undefined {
  const lines = source ? splitLines(source) : [];
  // Where the content ends and the chomping starts.
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const content = lines[i]![1];
    if (content === '' || content === '\r') chompStart = i;
    else break;
  }
  if (chompStart === 0) {
    return header.chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  }
  let trimIndent = parentIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content === '' || content === '\r') {
      if (indent.length > trimIndent) trimIndent = indent.length;
    } else {
      // More-indented leading empty lines need an explicit indentation indicator.
      if (indent.length < trimIndent) return undefined;
      trimIndent = indent.length;
      contentStart = i;
      if (trimIndent === 0) return undefined;
      break;
    }
  }
  // Trailing more-indented empty lines are content.
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i]![0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += `${lines[i]![0].slice(trimIndent)}\n`;
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, raw] = lines[i]!;
    const content = raw[raw.length - 1] === '\r' ? raw.slice(0, -1) : raw;
    if (content && indent.length < trimIndent) return undefined;
    if (!header.folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent || content[0] === '\t') {
      // More-indented lines of a folded scalar keep their line breaks.
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  switch (header.chomp) {
    case '-':
      break;
    case '+':
      for (let i = chompStart; i < lines.length; ++i) value += `\n${lines[i]![0].slice(trimIndent)}`;
      if (value[value.length - 1] !== '\n') value += '\n';
      break;
    default:
      value += '\n';
  }
  return value;
}

/** Lines as `[indentation, content]`. */
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0]!;
  const m = /^( *)/.exec(first);
  const lines: [string, string][] = [m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i]!, split[i + 1]!]);
  return lines;
}
