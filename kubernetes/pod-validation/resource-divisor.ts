import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { parseQuantity } from '../quantity.ts';

/** The divisors validation.go accepts for cpu; memory, ephemeral storage and hugepages share one list. */
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const BYTE_DIVISORS_TEXT = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';
const BINARY_SUFFIX = /(Ki|Mi|Gi|Ti|Pi|Ei)$/;

/**
 * Whether a divisor's canonical form (resource.Quantity.String()) is one of `allowed`: the same
 * value written in the same format family (a binary suffix keeps the binary form).
 */
function canonicalIn(divisor: unknown, allowed: readonly string[]): boolean {
  const quantity = parseQuantity(divisor);
  if (!quantity) return false;
  const binary = typeof divisor === 'string' && BINARY_SUFFIX.test(divisor);
  return allowed.some((text) => {
    const candidate = parseQuantity(text);
    if (!candidate) return false;
    const sameValue = candidate.numerator * quantity.denominator === quantity.numerator * candidate.denominator;
    return sameValue && (BINARY_SUFFIX.test(text) === binary || text === '1');
  });
}

function isZero(divisor: unknown): boolean {
  const quantity = parseQuantity(divisor);
  return quantity !== undefined && quantity.numerator === 0n;
}

/** validation.go validateContainerResourceDivisor: an unset (zero) divisor is not checked. */
export function validateContainerResourceDivisor(resource: string, divisor: unknown, path: FieldPath): FieldError[] {
  if (divisor === undefined || divisor === null || isZero(divisor)) return [];
  const errors: FieldError[] = [];
  const at = path.child('divisor');
  const bytes = (kind: string): FieldError =>
    fieldError.invalid(
      at,
      resource,
      `only divisor's values ${BYTE_DIVISORS_TEXT} are supported with the ${kind} resource`,
    );
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (!canonicalIn(divisor, CPU_DIVISORS))
      errors.push(
        fieldError.invalid(at, resource, "only divisor's values 1m and 1 are supported with the cpu resource"),
      );
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!canonicalIn(divisor, BYTE_DIVISORS)) errors.push(bytes('memory'));
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!canonicalIn(divisor, BYTE_DIVISORS)) errors.push(bytes('local ephemeral storage'));
  }
  if (resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) {
    if (!canonicalIn(divisor, BYTE_DIVISORS)) errors.push(bytes('hugepages'));
  }
  return errors;
}
