/**
 * Characters go-yaml refuses anywhere in a document (readerc.go, yaml_parser_update_buffer:
 * "control characters are not allowed"): it accepts only tab, line feed, carriage return,
 * U+0020–U+007E, U+0085, U+00A0–U+D7FF, U+E000–U+FFFD and U+10000 and above. The yaml package
 * reads most of them as content, so kubectl's refusal is checked here. A JSON stream (one that
 * starts with `{`) is decoded by encoding/json instead, which allows DEL and the C1 controls in
 * strings (the C0 ones it refuses too).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const FORBIDDEN_IN_YAML = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]/u;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const FORBIDDEN_IN_JSON = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;

export type ForbiddenCharacters = RegExp | undefined;

/** The pattern of characters kubectl refuses in this stream, or undefined when it holds none. */
export function forbiddenCharacters(text: string): ForbiddenCharacters {
  const pattern = /^\s*\{/.test(text) ? FORBIDDEN_IN_JSON : FORBIDDEN_IN_YAML;
  return pattern.test(text) ? pattern : undefined;
}

/** The offset of the first forbidden character in [start, end), or -1. */
export function firstForbidden(text: string, pattern: RegExp, start: number, end: number): number {
  const match = pattern.exec(text.slice(start, end));
  return match ? start + match.index : -1;
}

export function forbiddenCharacterMessage(c: string): string {
  const value = c.codePointAt(0)!;
  const code = `U+${value.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${value < 0xa0 ? 'control character' : 'character'} ${code} is not allowed in YAML: kubectl fails on the file ("yaml: control characters are not allowed")`;
}
