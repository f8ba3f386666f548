import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import type { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { arr, has, obj, objects, str, type JsonObject } from '../../kubernetes/index.ts';
import { qualifiedNameErrors } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';
import { containerNames } from '../../kubernetes/index.ts';

const MAX_RULES = 20;
const MAX_EXIT_CODE_VALUES = 255;
const MAX_POD_CONDITION_PATTERNS = 20;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['False', 'True', 'Unknown'];

/** Go's %q of a sorted string slice: ["Count" "FailIndex" ...]. */
const quotedList = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;

export default defineRule({
  id: 'pod-failure-policy',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary:
      'The structure of podFailurePolicy: at most 20 rules, each with a known action and exactly one of onExitCodes or onPodConditions.',
    rationale:
      'The API server validates every rule: actions and operators are case-sensitive, FailIndex needs backoffLimitPerIndex, exit code lists are non-empty, sorted, unique and at most 255 long, 0 is not allowed with In, and containerName must name a container of the template.',
    remediation: 'Fix the rule at the reported path; see the pod failure policy documentation for the exact shape.',
    url: DOCS.podFailurePolicy,
  },
  check(view) {
    const policy = obj(view.spec, 'podFailurePolicy');
    if (!policy) return [];
    const rulesPath = view.specPath.child('podFailurePolicy', 'rules');
    const rules = objects(policy, 'rules');
    const errors: FieldError[] = [];
    if (rules.length > MAX_RULES) errors.push(fieldError.tooMany(rulesPath, rules.length, MAX_RULES));
    const names = containerNames(view.spec);
    rules.forEach((rule, i) =>
      errors.push(...checkRule(rule, rulesPath.index(i), names, has(view.spec, 'backoffLimitPerIndex'))),
    );
    return errors;
  },
});

function checkRule(
  rule: JsonObject,
  path: FieldPath,
  names: ReadonlySet<string>,
  hasBackoffLimitPerIndex: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const action = str(rule, 'action') ?? '';
  const actionPath = path.child('action');
  if (action === '') errors.push(fieldError.required(actionPath, `valid values: ${quotedList(ACTIONS)}`));
  else if (action === 'FailIndex') {
    if (!hasBackoffLimitPerIndex)
      errors.push(fieldError.invalid(actionPath, action, 'requires the backoffLimitPerIndex to be set'));
  } else if (!ACTIONS.includes(action)) errors.push(fieldError.notSupported(actionPath, action, ACTIONS));
  const onExitCodes = obj(rule, 'onExitCodes');
  const onPodConditions = objects(rule, 'onPodConditions');
  if (onExitCodes) errors.push(...checkOnExitCodes(onExitCodes, path.child('onExitCodes'), names));
  if (onPodConditions.length > 0) errors.push(...checkOnPodConditions(onPodConditions, path.child('onPodConditions')));
  if (onExitCodes && onPodConditions.length > 0)
    errors.push(fieldError.invalidOmitValue(path, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  if (!onExitCodes && onPodConditions.length === 0)
    errors.push(fieldError.invalidOmitValue(path, 'specifying one of OnExitCodes and OnPodConditions is required'));
  return errors;
}

function checkOnExitCodes(requirement: JsonObject, path: FieldPath, names: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const operator = str(requirement, 'operator') ?? '';
  const operatorPath = path.child('operator');
  if (operator === '') errors.push(fieldError.required(operatorPath, `valid values: ${quotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(operator)) errors.push(fieldError.notSupported(operatorPath, operator, OPERATORS));
  const containerName = str(requirement, 'containerName');
  if (containerName !== undefined && !names.has(containerName)) {
    errors.push(
      fieldError.invalid(
        path.child('containerName'),
        containerName,
        'must be one of the container or initContainer names in the pod template',
      ),
    );
  }
  const valuesPath = path.child('values');
  const values = (arr(requirement, 'values') ?? []).filter((v): v is number => typeof v === 'number');
  if (values.length === 0) errors.push(fieldError.invalid(valuesPath, values, 'at least one value is required'));
  else if (values.length > MAX_EXIT_CODE_VALUES)
    errors.push(fieldError.tooMany(valuesPath, values.length, MAX_EXIT_CODE_VALUES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((value, j) => {
    if (operator === 'In' && value === 0)
      errors.push(fieldError.invalid(valuesPath.index(j), value, 'must not be 0 for the In operator'));
    if (seen.has(value)) errors.push(fieldError.duplicate(valuesPath.index(j), value));
    else seen.add(value);
    if (j > 0 && (values[j - 1] as number) > value) ordered = false;
  });
  if (!ordered) errors.push(fieldError.invalid(valuesPath, values, 'must be ordered'));
  return errors;
}

function checkOnPodConditions(patterns: JsonObject[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (patterns.length > MAX_POD_CONDITION_PATTERNS)
    errors.push(fieldError.tooMany(path, patterns.length, MAX_POD_CONDITION_PATTERNS));
  patterns.forEach((pattern, j) => {
    const type = str(pattern, 'type') ?? '';
    for (const msg of qualifiedNameErrors(type))
      errors.push(fieldError.invalid(path.index(j).child('type'), type, msg));
    const status = str(pattern, 'status') ?? '';
    const statusPath = path.index(j).child('status');
    if (status === '') errors.push(fieldError.required(statusPath, `valid values: ${quotedList(STATUSES)}`));
    else if (!STATUSES.includes(status)) errors.push(fieldError.notSupported(statusPath, status, STATUSES));
  });
  return errors;
}
