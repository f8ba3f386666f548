/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource) as exact fractions, for
 * comparing requests with limits and spotting fractional bytes.
 */
export interface Quantity {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const BINARY_POWER: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** Parses a quantity string or a JSON number; undefined when the API server would refuse it. */
export function parseQuantity(value: unknown): Quantity | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign = '', number = '', suffix = ''] = match;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction) * (sign === '-' ? -1n : 1n);
  let denominator = 10n ** BigInt(fraction.length);
  if (suffix in BINARY_POWER) numerator *= 1024n ** BigInt(BINARY_POWER[suffix] as number);
  else {
    const exponent =
      suffix in DECIMAL_EXPONENT ? (DECIMAL_EXPONENT[suffix] as number) : suffix ? Number(suffix.slice(1)) : 0;
    if (Math.abs(exponent) > 1000) return undefined;
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  return { numerator, denominator };
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** value.MilliValue() % 1000 != 0: MilliValue rounds up to whole milli-units. */
export function hasFractionalUnits(q: Quantity): boolean {
  const millis = q.numerator * 1000n;
  let milliValue = millis / q.denominator;
  if (millis % q.denominator !== 0n && millis > 0n) milliValue += 1n;
  return milliValue % 1000n !== 0n;
}
