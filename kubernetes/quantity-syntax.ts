/**
 * Whether resource.ParseQuantity (k8s.io/apimachinery/pkg/api/resource/quantity.go) accepts a
 * text, and its error when it does not. The API server's decoder calls it from
 * Quantity.UnmarshalJSON on a JSON string's content or a number's text, so a bad quantity
 * refuses the whole request with this message (no field path).
 */
export const QUANTITY_ERRORS = {
  format: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  suffix: "unable to parse quantity's suffix",
} as const;

const DECIMAL_SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);
const BINARY_SUFFIXES = new Set(['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const DIGIT = /[0-9]/;
const SUFFIX_LETTER = /[eEinumkKMGTP]/;
const INT64_TEXT = /^[+-]?[0-9]+$/;

/** parseQuantityString's suffix; undefined = ErrFormatWrong. */
function quantitySuffix(text: string): string | undefined {
  let pos = text[0] === '-' || text[0] === '+' ? 1 : 0;
  while (pos < text.length && text[pos] === '0') pos++;
  while (pos < text.length && DIGIT.test(text[pos] as string)) pos++;
  if (text[pos] === '.') {
    pos++;
    while (pos < text.length && DIGIT.test(text[pos] as string)) pos++;
  }
  const suffixStart = pos;
  while (pos < text.length && SUFFIX_LETTER.test(text[pos] as string)) pos++;
  if (pos >= text.length) return text.slice(suffixStart);
  if (text[pos] === '-' || text[pos] === '+') pos++;
  while (pos < text.length && DIGIT.test(text[pos] as string)) pos++;
  return pos >= text.length ? text.slice(suffixStart) : undefined;
}

/** suffixHandler.interpret: a known SI or binary suffix, or `e<int64>`. */
function knownSuffix(suffix: string): boolean {
  if (DECIMAL_SUFFIXES.has(suffix) || BINARY_SUFFIXES.has(suffix)) return true;
  if (suffix.length < 2 || (suffix[0] !== 'e' && suffix[0] !== 'E') || !INT64_TEXT.test(suffix.slice(1))) return false;
  const exponent = BigInt(suffix.slice(1));
  return exponent >= -(2n ** 63n) && exponent < 2n ** 63n;
}

/** ParseQuantity's error for a text, or undefined when it parses. */
export function quantitySyntaxError(text: string): string | undefined {
  if (text.length === 0) return QUANTITY_ERRORS.format;
  if (text === '0') return undefined;
  const suffix = quantitySuffix(text);
  if (suffix === undefined) return QUANTITY_ERRORS.format;
  // ErrNumeric is left out: only a bare point with an extreme exponent (`.e-99`) reaches it.
  return knownSuffix(suffix) ? undefined : QUANTITY_ERRORS.suffix;
}
