/**
 * Characters that look like YAML's punctuation but are not, as they come from word processors,
 * chat tools and input methods: a full-width colon typed after a key, a non-breaking space in the
 * indentation, typographic quotes. The YAML reader then fails with a message about something else
 * ("Implicit keys need to be on a single line"), or reads the quotes as part of the value; these
 * name the character and what YAML needed there.
 */

interface LookAlike {
  readonly name: string;
  /** What YAML needs where it stands. */
  readonly instead: string;
}

const COLON = '":" (a colon, then a space)';
const SPACE = 'a plain space';
const DOUBLE_QUOTE = `'"'`;
const SINGLE_QUOTE = `"'"`;
const HYPHEN = '"-" (a hyphen, then a space, for a sequence item)';

const LOOK_ALIKES: ReadonlyMap<string, LookAlike> = new Map([
  ['\uff1a', { name: 'FULLWIDTH COLON', instead: COLON }],
  ['\ufe55', { name: 'SMALL COLON', instead: COLON }],
  ['\ua789', { name: 'MODIFIER LETTER COLON', instead: COLON }],
  ['\u00a0', { name: 'NO-BREAK SPACE', instead: SPACE }],
  ['\u2007', { name: 'FIGURE SPACE', instead: SPACE }],
  ['\u202f', { name: 'NARROW NO-BREAK SPACE', instead: SPACE }],
  ['\u3000', { name: 'IDEOGRAPHIC SPACE', instead: SPACE }],
  ['\u200b', { name: 'ZERO WIDTH SPACE', instead: 'nothing (it is invisible)' }],
  ['\u201c', { name: 'LEFT DOUBLE QUOTATION MARK', instead: DOUBLE_QUOTE }],
  ['\u201d', { name: 'RIGHT DOUBLE QUOTATION MARK', instead: DOUBLE_QUOTE }],
  ['\u201e', { name: 'DOUBLE LOW-9 QUOTATION MARK', instead: DOUBLE_QUOTE }],
  ['\uff02', { name: 'FULLWIDTH QUOTATION MARK', instead: DOUBLE_QUOTE }],
  ['\u2018', { name: 'LEFT SINGLE QUOTATION MARK', instead: SINGLE_QUOTE }],
  ['\u2019', { name: 'RIGHT SINGLE QUOTATION MARK', instead: SINGLE_QUOTE }],
  ['\uff07', { name: 'FULLWIDTH APOSTROPHE', instead: SINGLE_QUOTE }],
  ['\u2013', { name: 'EN DASH', instead: HYPHEN }],
  ['\u2014', { name: 'EM DASH', instead: HYPHEN }],
  ['\u2212', { name: 'MINUS SIGN', instead: HYPHEN }],
  ['\uff0d', { name: 'FULLWIDTH HYPHEN-MINUS', instead: HYPHEN }],
  ['\uff0c', { name: 'FULLWIDTH COMMA', instead: '","' }],
  ['\uff3b', { name: 'FULLWIDTH LEFT SQUARE BRACKET', instead: '"["' }],
  ['\uff3d', { name: 'FULLWIDTH RIGHT SQUARE BRACKET', instead: '"]"' }],
  ['\uff5b', { name: 'FULLWIDTH LEFT CURLY BRACKET', instead: '"{"' }],
  ['\uff5d', { name: 'FULLWIDTH RIGHT CURLY BRACKET', instead: '"}"' }],
  ['\uff03', { name: 'FULLWIDTH NUMBER SIGN', instead: '"#" (then a space, for a comment)' }],
]);

const ANY_LOOK_ALIKE = new RegExp(`[${[...LOOK_ALIKES.keys()].join('')}]`, 'g');
const QUOTES = new Set(['\u201c', '\u201d', '\u201e', '\uff02', '\u2018', '\u2019', '\uff07']);

/** Quick test before any search: the text holds at least one look-alike. */
export function hasLookAlike(text: string): boolean {
  ANY_LOOK_ALIKE.lastIndex = 0;
  return ANY_LOOK_ALIKE.test(text);
}

const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export function describeLookAlike(c: string): string {
  const lookAlike = LOOK_ALIKES.get(c)!;
  return `${codePoint(c)} ${lookAlike.name} where YAML needs ${lookAlike.instead}`;
}

/**
 * The look-alike that most likely caused a syntax error at `errorOffset`, or undefined: on the
 * last line up to the error's own that holds one (outside comments), the first one of that line
 * (a run of no-break spaces in an indentation is reported where it starts). The parser reports
 * the error at the start of the scalar the character broke, or on a later line.
 */
export function lookAlikeBefore(text: string, start: number, end: number, errorOffset: number): number | undefined {
  const lineEnd = text.indexOf('\n', errorOffset);
  const limit = Math.min(end, lineEnd < 0 ? text.length : lineEnd);
  let found: number | undefined;
  ANY_LOOK_ALIKE.lastIndex = start;
  for (let match = ANY_LOOK_ALIKE.exec(text); match && match.index < limit; match = ANY_LOOK_ALIKE.exec(text)) {
    if (inComment(text, match.index)) continue;
    if (found === undefined || lineOf(text, found) !== lineOf(text, match.index)) found = match.index;
  }
  return found;
}

const lineOf = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1);

/** Whether the offset is in a comment: after a `#` that starts the line or follows a blank. */
function inComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /(^|[ \t])#/.test(before);
}

/** Whether a character of a plain scalar's source is a typographic quote (the value then holds it). */
export function isLookAlikeQuote(c: string | undefined): boolean {
  return c !== undefined && QUOTES.has(c);
}

export function lookAlikeQuoteMessage(c: string): string {
  return `${describeLookAlike(c)}: YAML reads it as part of the value, not as a quote`;
}
