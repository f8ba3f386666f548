import { has, objects, str } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { labelValueErrors } from '../names.ts';
import { validateLabelName } from './affinity.ts';
import { DEFAULT_FEATURE_GATES, type PodFeatureGates } from './validation-options.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const MAX_INT64 = 9223372036854775807n;
const MIN_INT64 = -9223372036854775808n;

/** content.IsDecimalInteger: an optional '-', then no leading zeros. */
function decimalIntegerErrors(value: string): string[] {
  if (value.length === 0) return ['must be non-empty'];
  return /^(0|-?[1-9][0-9]*)$/.test(value) ? [] : ['must be a valid decimal integer in canonical form'];
}

/** strconv.ParseInt(value, 10, 64)'s error text, or undefined when it parses. */
function parseInt64Error(value: string): string | undefined {
  if (!/^[+-]?[0-9]+$/.test(value)) return `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`;
  const n = BigInt(value);
  return n > MAX_INT64 || n < MIN_INT64
    ? `strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`
    : undefined;
}

/** ValidateTolerations (pkg/apis/core/validation) for `spec.tolerations`. */
export function validateTolerations(
  tolerations: unknown,
  path: FieldPath,
  gates: PodFeatureGates = DEFAULT_FEATURE_GATES,
): FieldError[] {
  const errors: FieldError[] = [];
  objects({ tolerations }, 'tolerations').forEach((toleration, i) => {
    const idxPath = path.index(i);
    const key = str(toleration, 'key') ?? '';
    const operator = str(toleration, 'operator') ?? '';
    const value = str(toleration, 'value') ?? '';
    const effect = str(toleration, 'effect') ?? '';
    if (key.length > 0) errors.push(...validateLabelName(key, idxPath.child('key')));
    if (key.length === 0 && operator !== 'Exists')
      errors.push(
        fieldError.invalid(
          idxPath.child('operator'),
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    if (has(toleration, 'tolerationSeconds') && effect !== 'NoExecute')
      errors.push(
        fieldError.invalid(
          idxPath.child('effect'),
          effect,
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    if (operator === 'Equal' || operator === '') {
      const msgs = labelValueErrors(value);
      if (msgs.length !== 0) errors.push(fieldError.invalid(idxPath.child('operator'), value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value.length > 0)
        errors.push(
          fieldError.invalid(idxPath.child('operator'), value, "value must be empty when `operator` is 'Exists'"),
        );
    } else if (operator === 'Lt' || operator === 'Gt') {
      // AllowTaintTolerationComparisonOperators follows the TaintTolerationComparisonOperators gate.
      if (!gates.TaintTolerationComparisonOperators) {
        errors.push(fieldError.notSupported(idxPath.child('operator'), operator, ['Equal', 'Exists', 'Lt', 'Gt']));
      } else {
        for (const msg of decimalIntegerErrors(value))
          errors.push(fieldError.invalid(idxPath.child('value'), value, msg));
        const parseError = parseInt64Error(value);
        if (parseError !== undefined) errors.push(fieldError.invalid(idxPath.child('value'), value, parseError));
      }
    } else {
      errors.push(fieldError.notSupported(idxPath.child('operator'), operator, ['Equal', 'Exists']));
    }
    // validateTaintEffect with allowEmpty: an empty effect matches every taint effect.
    if (effect.length > 0 && !TAINT_EFFECTS.includes(effect))
      errors.push(fieldError.notSupported(idxPath.child('effect'), effect, TAINT_EFFECTS));
  });
  return errors;
}
