import { fieldError, type FieldError } from './field-error.ts';
import type { FieldPath } from './field-path.ts';
import { arr, obj, objects, str, stringMap, type JsonObject } from './decoded-access.ts';
import { checkLabels } from './labels.ts';
import { labelValueErrors, qualifiedNameErrors } from './names.ts';

/** ValidateLabelSelector of apimachinery meta/v1 validation. */
export function checkLabelSelector(selector: JsonObject, path: FieldPath): FieldError[] {
  const errors = checkLabels(obj(selector, 'matchLabels'), path.child('matchLabels'));
  objects(selector, 'matchExpressions').forEach((expression, i) => {
    const exprPath = path.child('matchExpressions').index(i);
    const operator = str(expression, 'operator') ?? '';
    const values = (arr(expression, 'values') ?? []).filter((v): v is string => typeof v === 'string');
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0)
        errors.push(
          fieldError.required(exprPath.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"),
        );
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0)
        errors.push(
          fieldError.forbidden(
            exprPath.child('values'),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
    } else {
      errors.push(fieldError.invalid(exprPath.child('operator'), operator, 'not a valid selector operator'));
    }
    const key = str(expression, 'key') ?? '';
    for (const msg of qualifiedNameErrors(key)) errors.push(fieldError.invalid(exprPath.child('key'), key, msg));
    values.forEach((value, j) => {
      for (const msg of labelValueErrors(value))
        errors.push(fieldError.invalid(exprPath.child('values').index(j), value, msg));
    });
  });
  return errors;
}

/**
 * metav1.LabelSelectorAsSelector's error check: every requirement must be one labels.NewRequirement
 * accepts (a qualified-name key, label values, the operator's number of values). The API server
 * compares a selector with labels only when this holds.
 */
function convertsToSelector(selector: JsonObject): boolean {
  const validKey = (key: string) => qualifiedNameErrors(key).length === 0;
  const validValue = (value: string) => labelValueErrors(value).length === 0;
  for (const [key, value] of Object.entries(stringMap(selector, 'matchLabels') ?? {}))
    if (!validKey(key) || !validValue(value)) return false;
  for (const expression of objects(selector, 'matchExpressions')) {
    const values = (arr(expression, 'values') ?? []).filter((v): v is string => typeof v === 'string');
    const operator = str(expression, 'operator');
    const counted =
      operator === 'In' || operator === 'NotIn'
        ? values.length > 0
        : (operator === 'Exists' || operator === 'DoesNotExist') && values.length === 0;
    if (!counted || !validKey(str(expression, 'key') ?? '') || !values.every(validValue)) return false;
  }
  return true;
}

/**
 * metav1.LabelSelectorAsSelector(...).Matches(labels): undefined when the selector cannot be
 * converted (the API server then skips the match check). A nil selector matches nothing, an
 * empty one everything.
 */
export function selectorMatches(
  selector: JsonObject | undefined,
  labels: Readonly<Record<string, string>>,
): boolean | undefined {
  if (!selector) return false;
  if (!convertsToSelector(selector)) return undefined;
  for (const [key, value] of Object.entries(stringMap(selector, 'matchLabels') ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of objects(selector, 'matchExpressions')) {
    const key = str(expression, 'key') ?? '';
    const values = (arr(expression, 'values') ?? []).filter((v): v is string => typeof v === 'string');
    const present = Object.hasOwn(labels, key);
    switch (str(expression, 'operator')) {
      case 'In':
        if (values.length === 0) return undefined;
        if (!present || !values.includes(labels[key] as string)) return false;
        break;
      case 'NotIn':
        if (values.length === 0) return undefined;
        if (present && values.includes(labels[key] as string)) return false;
        break;
      case 'Exists':
        if (values.length > 0) return undefined;
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (values.length > 0) return undefined;
        if (present) return false;
        break;
      default:
        return undefined;
    }
  }
  return true;
}
