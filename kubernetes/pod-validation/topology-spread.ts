import { arr, has, int, isObject, obj, objects, own, str } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { checkLabelSelector } from '../label-selector.ts';
import { validateLabelName, validateMatchLabelKeysAndMismatchLabelKeys } from './affinity.ts';
import { DEFAULT_FEATURE_GATES, type PodFeatureGates } from './validation-options.ts';

const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];

const stringList = (from: unknown, key: string): string[] =>
  (arr(from, key) ?? []).filter((v): v is string => typeof v === 'string');

/** ValidateMatchLabelKeysInTopologySpread: the legacy rule (used without SelectorMerge). */
function validateMatchLabelKeysInTopologySpread(path: FieldPath, keys: string[], selector: unknown): FieldError[] {
  if (keys.length === 0) return [];
  const errors: FieldError[] = [];
  const selectorKeys = new Set<string>();
  if (isObject(selector)) {
    for (const key of Object.keys(obj(selector, 'matchLabels') ?? {})) selectorKeys.add(key);
    for (const expression of objects(selector, 'matchExpressions')) selectorKeys.add(str(expression, 'key') ?? '');
  } else {
    errors.push(fieldError.forbidden(path, 'must not be specified when labelSelector is not set'));
  }
  keys.forEach((key, i) => {
    errors.push(...validateLabelName(key, path.index(i)));
    if (selectorKeys.has(key))
      errors.push(fieldError.invalid(path.index(i), key, 'exists in both matchLabelKeys and labelSelector'));
  });
  return errors;
}

/** validateTopologySpreadConstraints (pkg/apis/core/validation) for `spec.topologySpreadConstraints`. */
export function validateTopologySpreadConstraints(
  constraints: unknown,
  path: FieldPath,
  gates: PodFeatureGates = DEFAULT_FEATURE_GATES,
): FieldError[] {
  const errors: FieldError[] = [];
  const list = objects({ constraints }, 'constraints');
  list.forEach((constraint, i) => {
    const sub = path.index(i);
    const maxSkew = int(constraint, 'maxSkew') ?? 0;
    if (maxSkew <= 0) errors.push(fieldError.invalid(sub.child('maxSkew'), maxSkew, 'must be greater than zero'));
    const topologyKey = str(constraint, 'topologyKey') ?? '';
    if (topologyKey.length === 0) errors.push(fieldError.required(sub.child('topologyKey'), 'can not be empty'));
    const action = str(constraint, 'whenUnsatisfiable') ?? '';
    if (!SCHEDULE_ACTIONS.includes(action))
      errors.push(fieldError.notSupported(sub.child('whenUnsatisfiable'), action, SCHEDULE_ACTIONS));
    // ValidateSpreadConstraintNotRepeat: against the constraints after this one.
    const repeated = list
      .slice(i + 1)
      .some(
        (rest) => (str(rest, 'topologyKey') ?? '') === topologyKey && (str(rest, 'whenUnsatisfiable') ?? '') === action,
      );
    if (repeated)
      errors.push(fieldError.duplicate(sub.child('{topologyKey, whenUnsatisfiable}'), `{${topologyKey}, ${action}}`));
    // validateMinDomains.
    if (has(constraint, 'minDomains')) {
      const minDomains = int(constraint, 'minDomains') ?? 0;
      if (minDomains <= 0)
        errors.push(fieldError.invalid(sub.child('minDomains'), minDomains, 'must be greater than zero'));
      if (action !== 'DoNotSchedule')
        errors.push(
          fieldError.invalid(
            sub.child('minDomains'),
            minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`,
          ),
        );
    }
    for (const field of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const policy = str(constraint, field);
      if (policy !== undefined && !NODE_INCLUSION_POLICIES.includes(policy))
        errors.push(fieldError.notSupported(sub.child(field), policy, NODE_INCLUSION_POLICIES));
    }
    const selector = own(constraint, 'labelSelector');
    const matchLabelKeys = stringList(constraint, 'matchLabelKeys');
    // MatchLabelKeysInPodTopologySpread and its SelectorMerge are on by default: the newer rule.
    if (gates.MatchLabelKeysInPodTopologySpreadSelectorMerge)
      errors.push(
        ...validateMatchLabelKeysAndMismatchLabelKeys(
          sub,
          matchLabelKeys,
          [],
          isObject(selector) ? selector : undefined,
        ),
      );
    else
      errors.push(
        ...validateMatchLabelKeysInTopologySpread(
          sub.child('matchLabelKeys'),
          matchLabelKeys,
          isObject(selector) ? selector : undefined,
        ),
      );
    if (isObject(selector)) errors.push(...checkLabelSelector(selector, sub.child('labelSelector')));
  });
  return errors;
}
