// Go's integers as Kubernetes reads and bounds them: strconv.Atoi, which the Job controller uses
// for index strings and annotations, and math.MaxInt32, the top of every int32 field. One reading
// for every port, so a value means the same number wherever Kubernetes reads it.

/** math.MaxInt32: also backoffLimit's default with backoffLimitPerIndex (no Job-wide limit). */
export const MAX_INT32 = 2147483647;

const INT64_MAX = 9223372036854775807n;

/**
 * strconv.Atoi on a 64-bit platform: an optional sign and ASCII decimal digits (no spaces, no
 * underscores, leading zeros allowed) within int64; undefined where Atoi returns an error. Values
 * past 2^53 lose precision as a JavaScript number: every caller compares them with an int32
 * (completions, MaxInt32), where that cannot change the outcome.
 */
export function atoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  // Up to 15 digits is exact as a double and far inside int64: skip the BigInt (a 100,000-index
  // status string has tens of thousands of fragments).
  if (text.length > 15) {
    const big = BigInt(text);
    if (big > INT64_MAX || big < -INT64_MAX - 1n) return undefined;
  }
  const value = Number(text);
  return value === 0 ? 0 : value; // "-0" is 0, not -0
}
