// How many terminal cells text takes, so that tables and wrapped prose line up whatever the
// script: a CJK character or an emoji takes two cells, a combining mark or a zero-width joiner
// none, the SGR colour codes of ./colors.ts none. Measured per grapheme cluster (what a terminal
// draws as one character), as string-width does; cli-table3 was not used (bench/README.md says
// why), and string-width 4, the version it brings, counts only the combining marks of
// U+0300–U+036F and takes zero-width characters for one cell.
//
// Text here is already escaped (plugin/escape-text.ts): the only ESC sequences are our colours.

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
/** Printable ASCII: one cell per UTF-16 unit, the common case, measured without segmenting. */
const ASCII = /^[\x20-\x7e]*$/;
/** A cluster that draws nothing: marks, format and default-ignorable characters, controls. */
const ZERO_WIDTH = /^[\p{Mark}\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}]+$/u;
const LEADING_NON_PRINTING = /^[\p{Mark}\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}]+/u;
/** Emoji sequences terminals draw two cells wide (flags, keycaps, ZWJ families, ❤️ with VS16). */
let rgiEmoji: RegExp | undefined;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}/u;

/**
 * East_Asian_Width Wide or Fullwidth, emoji aside (EMOJI_PRESENTATION has them, from the engine's
 * own Unicode tables): Hangul Jamo, CJK radicals to Yi, Hangul syllables, compatibility
 * ideographs, vertical and small forms, fullwidth forms, Tangut to Nushu, enclosed ideographs,
 * and planes 2 and 3 whole. Taken from EastAsianWidth.txt of Unicode 14, gaps of unassigned code
 * points closed: `python3 -c 'import unicodedata'` lists the same set (east_asian_width W or F).
 */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x3247],
  [0x3250, 0x4dbf],
  [0x4e00, 0xa4c6],
  [0xa960, 0xa97c],
  [0xac00, 0xd7a3],
  [0xf900, 0xfad9],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6b],
  [0xff01, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x1b2fb],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x3fffd],
];

// Made on first use: most output is ASCII, and every command loads this module.
let segmenter: Intl.Segmenter | undefined;
const graphemes = (text: string) => (segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(text);

function isWide(codePoint: number): boolean {
  if (codePoint < WIDE[0]![0]) return false;
  for (const [first, last] of WIDE) {
    if (codePoint < first) return false;
    if (codePoint <= last) return true;
  }
  return false;
}

function clusterWidth(cluster: string): number {
  if (ZERO_WIDTH.test(cluster)) return 0;
  if ((rgiEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v')).test(cluster)) return 2;
  const base = cluster.replace(LEADING_NON_PRINTING, '');
  if (EMOJI_PRESENTATION.test(base)) return 2;
  return isWide(base.codePointAt(0)!) ? 2 : 1;
}

/** Terminal cells `text` takes; our colour codes take none. */
export function cellWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  const plain = text.replace(SGR, '');
  if (ASCII.test(plain)) return plain.length;
  let width = 0;
  for (const { segment } of graphemes(plain)) width += clusterWidth(segment);
  return width;
}

/** Plain `text` cut to `width` cells on a character boundary, ending in `…` when cut. */
export function truncateCells(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes(text)) {
    const size = clusterWidth(segment);
    if (used + size > width - 1) break;
    kept += segment;
    used += size;
  }
  return `${kept}…`;
}
