/**
 * What a plain (unquoted, untagged) YAML scalar means under YAML 1.1, the way kubectl reads
 * manifests (sigs.k8s.io/yaml on go-yaml v2: `yes`/`on`/`y` are booleans, `0644` is octal,
 * `1_000` and `190:20:30` are integers).
 *
 * The rules and their order are those of the `yaml` package's `yaml-1.1` schema, which the full
 * parser (the fallback in yaml-documents.ts) applies: both readers must give the same value for
 * the same text, so the regular expressions and conversions below are copied from it
 * (yaml/dist/schema/yaml-1.1/{bool,int,float,timestamp}.js and schema/common/null.js).
 */

/** Returned for forms the fast reader leaves to the full parser (timestamps become Date objects there). */
export const UNSUPPORTED_SCALAR: unique symbol = Symbol('unsupported scalar');

const INT_BIN = /^[-+]?0b[0-1_]+$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;
const INT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/;
const FLOAT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/;
const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/;

/**
 * The words that are not strings: exactly what the null and bool patterns match
 * (/^(?:~|[Nn]ull|NULL)?$/, /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/ and the false one).
 */
const WORDS = new Map<string, boolean | null>([
  ...['~', 'null', 'Null', 'NULL'].map((word) => [word, null] as const),
  ...['Y', 'y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['N', 'n', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
]);

/**
 * Resolves a plain scalar's text (already unfolded) to its value. With `atKey`, the merge key
 * `<<` is also recognised (as UNSUPPORTED_SCALAR), as the full parser only does for keys.
 */
export function resolvePlainScalar(source: string, atKey = false): unknown {
  if (source.length === 0) return null;
  const c = source.charCodeAt(0);
  // The patterns are tried in the yaml package's order; each can only match text starting with
  // certain characters, so most scalars (words, names) skip all but one lookup.
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) return number(source);
  // `e5` matches the float pattern (the yaml package reads it as NaN).
  if (c === 0x65 || c === 0x45) return FLOAT_EXP.test(source) ? parseFloat(source.replace(/_/g, '')) : source;
  if (c === 0x3c) return atKey && source === '<<' ? UNSUPPORTED_SCALAR : source;
  // No such word is longer than five characters.
  if (source.length > 5) return source;
  const word = WORDS.get(source);
  return word === undefined ? source : word;
}

/** Text starting with a digit, a sign or a dot. */
function number(source: string): unknown {
  if (INT_BIN.test(source)) return intValue(source, 2, 2);
  if (INT_OCT.test(source)) return intValue(source, 1, 8);
  if (INT.test(source)) return intValue(source, 0, 10);
  if (INT_HEX.test(source)) return intValue(source, 2, 16);
  if (FLOAT_NAN.test(source))
    return source.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : source[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(source)) return parseFloat(source.replace(/_/g, ''));
  if (FLOAT.test(source)) return parseFloat(source.replace(/_/g, ''));
  if (INT_TIME.test(source) || FLOAT_TIME.test(source)) return sexagesimal(source);
  if (TIMESTAMP.test(source)) return UNSUPPORTED_SCALAR;
  return source;
}

/** intResolve of the yaml package (without BigInt): sign, then the digits after `offset`. */
function intValue(source: string, offset: number, radix: number): number {
  const sign = source[0];
  const start = sign === '-' || sign === '+' ? offset + 1 : offset;
  const n = parseInt(source.substring(start).replace(/_/g, ''), radix);
  return sign === '-' ? -1 * n : n;
}

/** `190:20:30` = 190·3600 + 20·60 + 30, as YAML 1.1 reads base-60 numbers. */
function sexagesimal(source: string): number {
  const sign = source[0];
  const parts = sign === '-' || sign === '+' ? source.substring(1) : source;
  const value = parts
    .replace(/_/g, '')
    .split(':')
    .reduce((result, part) => result * 60 + Number(part), 0);
  return sign === '-' ? -1 * value : value;
}
