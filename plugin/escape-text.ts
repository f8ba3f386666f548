// The one escaping function of the text views. Names, messages, labels, log lines and file names
// come from manifests and clusters, so they may hold what a terminal or a CI log acts on: a
// newline that starts a line of its own (`::error file=…::` in a GitHub Actions log), ESC
// sequences that recolour, move the cursor or retitle the terminal, a carriage return that
// overwrites what came before, bidirectional overrides that show a line in another order than it
// is read. Every text formatter passes such text through escapeText before adding its own colour,
// as -o github, json and SARIF escape in their own syntax. kubectl escapes only ESC and CR
// (cli-runtime printers.EscapeTerminal); this escapes every control and reordering character.
//
// The escapes are JSON's (`\n`, `\t`, `\u001b`), as -o json shows the same value. Backslashes are
// left alone, so a Windows path stays readable: the text is for reading, -o json is exact.

/** C0 and C1 controls, DEL, line and paragraph separators, bidi controls; lone surrogates (a pair is one code point under `u`). */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
const HAS_UNSAFE = new RegExp(UNSAFE.source, 'u');
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeOne = (char: string): string => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control, separator and bidi control written as a JSON escape. */
export function escapeText(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, escapeOne) : text;
}
