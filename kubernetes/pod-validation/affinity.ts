import { arr, has, int, isObject, obj, objects, own, str } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { checkLabelSelector } from '../label-selector.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from '../names.ts';

const strings = (from: unknown, key: string): string[] =>
  (arr(from, key) ?? []).filter((v): v is string => typeof v === 'string');

/** unversionedvalidation.ValidateLabelName. */
export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return qualifiedNameErrors(name).map((msg) => fieldError.invalid(path, name, msg));
}

/** ValidateNodeSelectorRequirement (invalid label values are allowed only in preferred terms). */
function validateNodeSelectorRequirement(
  requirement: unknown,
  allowInvalidValues: boolean,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const operator = str(requirement, 'operator') ?? '';
  const values = strings(requirement, 'values');
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length === 0)
      errors.push(fieldError.required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values.length > 0)
      errors.push(
        fieldError.forbidden(
          path.child('values'),
          "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        ),
      );
  } else if (operator === 'Gt' || operator === 'Lt') {
    if (values.length !== 1)
      errors.push(
        fieldError.required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"),
      );
  } else {
    errors.push(fieldError.invalid(path.child('operator'), operator, 'not a valid selector operator'));
  }
  errors.push(...validateLabelName(str(requirement, 'key') ?? '', path.child('key')));
  if (!allowInvalidValues)
    values.forEach((value, i) => {
      for (const msg of labelValueErrors(value))
        errors.push(fieldError.invalid(path.child('values').index(i), value, msg));
    });
  return errors;
}

/** ValidateNodeFieldSelectorRequirement: only `metadata.name` In/NotIn one node name. */
function validateNodeFieldSelectorRequirement(requirement: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const operator = str(requirement, 'operator') ?? '';
  const values = strings(requirement, 'values');
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length !== 1)
      errors.push(
        fieldError.required(
          path.child('values'),
          "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ),
      );
  } else {
    errors.push(fieldError.invalid(path.child('operator'), operator, 'not a valid selector operator'));
  }
  const key = str(requirement, 'key') ?? '';
  if (key !== 'metadata.name')
    errors.push(fieldError.invalid(path.child('key'), key, 'not a valid field selector key'));
  else
    values.forEach((value, i) => {
      for (const msg of dns1123SubdomainErrors(value))
        errors.push(fieldError.invalid(path.child('values').index(i), value, msg));
    });
  return errors;
}

/** ValidateNodeSelectorTerm. */
export function validateNodeSelectorTerm(term: unknown, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  return [
    ...objects(term, 'matchExpressions').flatMap((r, j) =>
      validateNodeSelectorRequirement(r, allowInvalidValues, path.child('matchExpressions').index(j)),
    ),
    ...objects(term, 'matchFields').flatMap((r, j) =>
      validateNodeFieldSelectorRequirement(r, path.child('matchFields').index(j)),
    ),
  ];
}

/** ValidateNodeSelector: at least one term. */
function validateNodeSelector(selector: unknown, path: FieldPath): FieldError[] {
  const termsPath = path.child('nodeSelectorTerms');
  const terms = objects(selector, 'nodeSelectorTerms');
  if (terms.length === 0) return [fieldError.required(termsPath, 'must have at least one node selector term')];
  // AllowInvalidLabelValueInRequiredNodeAffinity is false for a new object.
  return terms.flatMap((term, i) => validateNodeSelectorTerm(term, false, termsPath.index(i)));
}

const weightError = (weight: number, path: FieldPath): FieldError[] =>
  weight <= 0 || weight > 100 ? [fieldError.invalid(path, weight, 'must be in the range 1-100')] : [];

/** ValidatePreferredSchedulingTerms: invalid label values are always allowed in preferences. */
function validatePreferredSchedulingTerms(terms: unknown[], path: FieldPath): FieldError[] {
  return terms.flatMap((term, i) => [
    ...weightError(int(term, 'weight') ?? 0, path.index(i).child('weight')),
    ...validateNodeSelectorTerm(own(term, 'preference'), true, path.index(i).child('preference')),
  ]);
}

/** validateNodeAffinity. */
function validateNodeAffinity(affinity: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const required = own(affinity, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (isObject(required))
    errors.push(...validateNodeSelector(required, path.child('requiredDuringSchedulingIgnoredDuringExecution')));
  const preferred = objects(affinity, 'preferredDuringSchedulingIgnoredDuringExecution');
  if (preferred.length > 0)
    errors.push(
      ...validatePreferredSchedulingTerms(preferred, path.child('preferredDuringSchedulingIgnoredDuringExecution')),
    );
  return errors;
}

/** validateLabelKeys: label names, and only with a labelSelector. */
function validateLabelKeys(path: FieldPath, keys: string[], selector: unknown): FieldError[] {
  if (keys.length === 0) return [];
  if (!isObject(selector)) return [fieldError.forbidden(path, 'must not be specified when labelSelector is not set')];
  return keys.flatMap((key, i) => validateLabelName(key, path.index(i)));
}

/**
 * ValidateMatchLabelKeysAndMismatchLabelKeys. The "exists in both matchLabelKeys and
 * labelSelector" error is reported at `<term>[i]` (fldPath.Index(i) on the term's path), as
 * upstream does.
 */
export function validateMatchLabelKeysAndMismatchLabelKeys(
  path: FieldPath,
  matchLabelKeys: string[],
  mismatchLabelKeys: string[],
  selector: unknown,
): FieldError[] {
  const errors = [
    ...validateLabelKeys(path.child('matchLabelKeys'), matchLabelKeys, selector),
    ...validateLabelKeys(path.child('mismatchLabelKeys'), mismatchLabelKeys, selector),
  ];
  if (isObject(selector)) {
    const keyIndex = new Map<string, number>();
    matchLabelKeys.forEach((key, i) => keyIndex.set(key, i));
    const selectorKeys = new Set(Object.keys(obj(selector, 'matchLabels') ?? {}));
    for (const expression of objects(selector, 'matchExpressions')) {
      const key = str(expression, 'key') ?? '';
      const i = keyIndex.get(key);
      if (i !== undefined && selectorKeys.has(key))
        errors.push(fieldError.invalid(path.index(i), key, 'exists in both matchLabelKeys and labelSelector'));
      selectorKeys.add(key);
    }
  }
  const mismatch = new Set(mismatchLabelKeys);
  matchLabelKeys.forEach((key, i) => {
    if (mismatch.has(key))
      errors.push(
        fieldError.invalid(
          path.child('matchLabelKeys').index(i),
          key,
          'exists in both matchLabelKeys and mismatchLabelKeys',
        ),
      );
  });
  return errors;
}

/** validatePodAffinityTerm with ValidatePodAffinityTermSelector. */
function validatePodAffinityTerm(term: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const labelSelector = obj(term, 'labelSelector');
  const namespaceSelector = obj(term, 'namespaceSelector');
  if (labelSelector) errors.push(...checkLabelSelector(labelSelector, path.child('labelSelector')));
  if (namespaceSelector) errors.push(...checkLabelSelector(namespaceSelector, path.child('namespaceSelector')));
  for (const name of strings(term, 'namespaces'))
    for (const msg of dns1123LabelErrors(name)) errors.push(fieldError.invalid(path.child('namespace'), name, msg));
  errors.push(
    ...validateMatchLabelKeysAndMismatchLabelKeys(
      path,
      strings(term, 'matchLabelKeys'),
      strings(term, 'mismatchLabelKeys'),
      labelSelector,
    ),
  );
  const topologyKey = str(term, 'topologyKey') ?? '';
  if (topologyKey.length === 0) errors.push(fieldError.required(path.child('topologyKey'), 'can not be empty'));
  errors.push(...validateLabelName(topologyKey, path.child('topologyKey')));
  return errors;
}

/** validatePodAffinity and validatePodAntiAffinity: the same two lists. */
function validatePodAffinityKind(affinity: unknown, path: FieldPath): FieldError[] {
  const requiredPath = path.child('requiredDuringSchedulingIgnoredDuringExecution');
  const preferredPath = path.child('preferredDuringSchedulingIgnoredDuringExecution');
  return [
    ...objects(affinity, 'requiredDuringSchedulingIgnoredDuringExecution').flatMap((term, i) =>
      validatePodAffinityTerm(term, requiredPath.index(i)),
    ),
    ...objects(affinity, 'preferredDuringSchedulingIgnoredDuringExecution').flatMap((weighted, j) => [
      ...weightError(int(weighted, 'weight') ?? 0, preferredPath.index(j).child('weight')),
      ...validatePodAffinityTerm(own(weighted, 'podAffinityTerm'), preferredPath.index(j).child('podAffinityTerm')),
    ]),
  ];
}

/** validateAffinity (pkg/apis/core/validation) for `spec.affinity`. */
export function validateAffinity(affinity: unknown, path: FieldPath): FieldError[] {
  if (!isObject(affinity)) return [];
  const errors: FieldError[] = [];
  if (has(affinity, 'nodeAffinity'))
    errors.push(...validateNodeAffinity(own(affinity, 'nodeAffinity'), path.child('nodeAffinity')));
  if (has(affinity, 'podAffinity'))
    errors.push(...validatePodAffinityKind(own(affinity, 'podAffinity'), path.child('podAffinity')));
  if (has(affinity, 'podAntiAffinity'))
    errors.push(...validatePodAffinityKind(own(affinity, 'podAntiAffinity'), path.child('podAntiAffinity')));
  return errors;
}
