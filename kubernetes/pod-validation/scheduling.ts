import { has, isObject, obj, objects, own, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { checkLabels } from '../labels.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from '../names.ts';
import { validateOSFields, validateWindowsHostProcessPod } from './os-rules.ts';

const subdomainErrors = (value: string, path: FieldPath): FieldError[] =>
  dns1123SubdomainErrors(value).map((msg) => fieldError.invalid(path, value, msg));

/** validateReadinessGates: each conditionType is a qualified name. */
export function validateReadinessGates(gates: unknown, path: FieldPath): FieldError[] {
  return objects({ gates }, 'gates').flatMap((gate, i) => {
    const type = str(gate, 'conditionType') ?? '';
    return qualifiedNameErrors(type).map((msg) => fieldError.invalid(path.index(i).child('conditionType'), type, msg));
  });
}

/** validateSchedulingGates: qualified names, no duplicates (reported at the gate's index). */
export function validateSchedulingGates(gates: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  objects({ gates }, 'gates').forEach((gate, i) => {
    const name = str(gate, 'name') ?? '';
    for (const msg of qualifiedNameErrors(name)) errors.push(fieldError.invalid(path.index(i), name, msg));
    if (seen.has(name)) errors.push(fieldError.duplicate(path.index(i), name));
    seen.add(name);
  });
  return errors;
}

/** validatePodResourceClaims and validatePodResourceClaim (podMeta is nil for a template). */
export function validatePodResourceClaims(claims: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  objects({ claims }, 'claims').forEach((claim, i) => {
    const claimPath = path.index(i);
    const name = str(claim, 'name') ?? '';
    if (name === '') errors.push(fieldError.required(claimPath.child('name')));
    else if (names.has(name)) errors.push(fieldError.duplicate(claimPath.child('name'), name));
    else {
      for (const msg of dns1123LabelErrors(name)) errors.push(fieldError.invalid(claimPath.child('name'), name, msg));
      names.add(name);
    }
    const claimName = str(claim, 'resourceClaimName');
    const templateName = str(claim, 'resourceClaimTemplateName');
    // Go renders the internal struct with its field names.
    const rendered = {
      Name: name,
      ResourceClaimName: claimName ?? null,
      ResourceClaimTemplateName: templateName ?? null,
    };
    if (claimName !== undefined && templateName !== undefined)
      errors.push(
        fieldError.invalid(
          claimPath,
          rendered,
          'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified',
        ),
      );
    if (claimName === undefined && templateName === undefined)
      errors.push(
        fieldError.invalid(
          claimPath,
          rendered,
          'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`',
        ),
      );
    if (claimName !== undefined) errors.push(...subdomainErrors(claimName, claimPath.child('resourceClaimName')));
    if (templateName !== undefined)
      errors.push(...subdomainErrors(templateName, claimPath.child('resourceClaimTemplateName')));
  });
  return errors;
}

/** gatherPodResourceClaimNames: the non-empty claim names, for the containers' resources.claims. */
export function podResourceClaimNames(claims: unknown): ReadonlySet<string> {
  return new Set(
    objects({ claims }, 'claims')
      .map((c) => str(c, 'name') ?? '')
      .filter((n) => n !== ''),
  );
}

/**
 * The scheduling fields of ValidatePodSpec: nodeSelector (ValidateLabels), readinessGates,
 * schedulingGates, resourceClaims, and os with its Linux/Windows rules (validateOS,
 * validateLinux, validateWindows, validateWindowsHostProcessPod). priorityClassName,
 * runtimeClassName and preemptionPolicy are in pod-fields.ts with the other scalar fields.
 * `spec.schedulingGroup` is dropped before validation while GenericWorkload is off (1.36.4's
 * default).
 */
export function validateScheduling(podSpec: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [
    ...validatePodResourceClaims(own(podSpec, 'resourceClaims'), path.child('resourceClaims')),
    ...checkLabels(obj(podSpec, 'nodeSelector'), path.child('nodeSelector')),
    ...validateReadinessGates(own(podSpec, 'readinessGates'), path.child('readinessGates')),
    ...validateSchedulingGates(own(podSpec, 'schedulingGates'), path.child('schedulingGates')),
  ];
  errors.push(...validateWindowsHostProcessPod(podSpec, path));
  if (has(podSpec, 'os')) errors.push(...validateOSFields(podSpec, path));
  return errors;
}

/**
 * validateOverhead: the overhead list is checked as a container's resource limits
 * (ValidateContainerResourceRequirements), which the container side ports; pass it in.
 */
export function validateOverhead(
  overhead: unknown,
  path: FieldPath,
  validateContainerResourceRequirements: (requirements: JsonObject, path: FieldPath) => FieldError[],
): FieldError[] {
  return isObject(overhead) ? validateContainerResourceRequirements({ limits: overhead }, path) : [];
}
