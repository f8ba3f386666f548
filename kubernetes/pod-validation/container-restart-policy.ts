import { arr, has, isObject, obj, objects, own, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';

/**
 * Container-level restartPolicy, restartPolicyRules and resizePolicy (validation.go
 * validateContainerRestartPolicy, validateInitContainerRestartPolicy, validateResizePolicy).
 * 1.36.4 gates: ContainerRestartRules (beta, on) and RestartAllContainersOnContainerExits (beta,
 * on): every container may carry a restart policy and rules, with both rule actions;
 * InPlacePodVerticalScaling (GA): sidecars may carry a resizePolicy.
 */

const CONTAINER_RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];
const RULE_ACTIONS = ['Restart', 'RestartAllContainers'];
const RULE_OPERATORS = ['In', 'NotIn'];
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const RESIZE_RESOURCES = ['cpu', 'memory'];
const RESIZE_POLICIES = ['NotRequired', 'RestartContainer'];

/** The container's restartPolicy as Go sees the pointer: undefined when unset. */
export function containerRestartPolicy(container: JsonObject): string | undefined {
  return has(container, 'restartPolicy') ? (str(container, 'restartPolicy') ?? '') : undefined;
}

/** validation.go validateContainerRestartPolicy. */
export function validateContainerRestartPolicy(container: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const policy = containerRestartPolicy(container);
  const rules = arr(container, 'restartPolicyRules') ?? [];
  const policyPath = path.child('restartPolicy');
  if (policy === undefined) {
    if (rules.length === 0) return errors;
    errors.push(fieldError.required(policyPath, 'must specify restartPolicy when restart rules are used'));
  } else if (!CONTAINER_RESTART_POLICIES.includes(policy)) {
    errors.push(fieldError.notSupported(policyPath, policy, CONTAINER_RESTART_POLICIES));
  }
  if (rules.length > MAX_RULES)
    errors.push(fieldError.tooMany(path.child('restartPolicyRules'), rules.length, MAX_RULES));
  rules.forEach((rule, i) => {
    const at = path.child('restartPolicyRules').index(i);
    const action = str(rule, 'action') ?? '';
    if (!RULE_ACTIONS.includes(action)) errors.push(fieldError.notSupported(at.child('action'), action, RULE_ACTIONS));
    const exitCodes = obj(rule, 'exitCodes');
    if (exitCodes) {
      const operator = str(exitCodes, 'operator') ?? '';
      if (!RULE_OPERATORS.includes(operator))
        errors.push(fieldError.notSupported(at.child('exitCodes', 'operator'), operator, RULE_OPERATORS));
      const values = arr(exitCodes, 'values') ?? [];
      if (values.length > MAX_EXIT_CODES)
        errors.push(fieldError.tooMany(at.child('exitCodes', 'values'), values.length, MAX_EXIT_CODES));
    } else {
      errors.push(fieldError.required(at.child('exitCodes'), 'must be specified'));
    }
  });
  return errors;
}

/** validation.go validateInitContainerRestartPolicy (with both gates on, as in 1.36.4). */
export function validateInitContainerRestartPolicy(container: JsonObject, path: FieldPath): FieldError[] {
  if (containerRestartPolicy(container) === undefined) {
    return (arr(container, 'restartPolicyRules') ?? []).length > 0
      ? [fieldError.required(path.child('restartPolicy'), 'must specify restartPolicy when restart rules are used')]
      : [];
  }
  return validateContainerRestartPolicy(container, path);
}

/** validation.go validateResizePolicy (errors at the list's path, as upstream). */
export function validateResizePolicy(container: JsonObject, podRestartPolicy: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  objects(container, 'resizePolicy').forEach((policy, i) => {
    const resourceName = str(policy, 'resourceName') ?? '';
    if (seen.has(resourceName)) errors.push(fieldError.duplicate(path.index(i), resourceName));
    seen.add(resourceName);
    if (resourceName === '') errors.push(fieldError.required(path));
    else if (!RESIZE_RESOURCES.includes(resourceName))
      errors.push(fieldError.notSupported(path, resourceName, RESIZE_RESOURCES));
    const restartPolicy = str(policy, 'restartPolicy') ?? '';
    if (restartPolicy === '') errors.push(fieldError.required(path));
    else if (!RESIZE_POLICIES.includes(restartPolicy))
      errors.push(fieldError.notSupported(path, restartPolicy, RESIZE_POLICIES));
    if (podRestartPolicy === 'Never' && restartPolicy !== 'NotRequired')
      errors.push(fieldError.invalid(path, restartPolicy, "must be 'NotRequired' when pod `restartPolicy` is 'Never'"));
  });
  return errors;
}

/**
 * validateInitContainers: a non-sidecar init container may not ask for RestartContainer on
 * resize (AllowExistingRestartContainerForNonSidecarInitContainer is false on create).
 */
export function validateNonSidecarResizePolicy(container: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  objects(container, 'resizePolicy').forEach((policy, j) => {
    if (str(policy, 'restartPolicy') === 'RestartContainer')
      errors.push(
        fieldError.invalid(
          path.child('resizePolicy').index(j).child('restartPolicy'),
          'RestartContainer',
          "must not be set to 'RestartContainer' for non-sidecar initContainers",
        ),
      );
  });
  return errors;
}

/** Whether a field is set, as reflect.DeepEqual against the zero value sees it. */
export function isSet(container: JsonObject, key: string): boolean {
  const value = own(container, key);
  if (value === undefined || value === null) return false;
  if (isObject(value)) return Object.values(value).some((v) => v !== undefined && v !== null);
  return value !== '' && value !== false && value !== 0;
}
