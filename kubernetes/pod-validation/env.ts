import { objects, obj, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../names.ts';
import {
  validateContainerResourceFieldSelector,
  validateObjectFieldSelector,
  validatePathNoBacksteps,
} from './volume-sources/index.ts';
import { configMapKeyErrors, relaxedEnvVarNameErrors } from './value-checks.ts';

/**
 * Env and envFrom of a container (validation.go ValidateEnv, ValidateEnvFrom and their
 * selectors). 1.36.4 gates: RelaxedEnvironmentVariableValidation (GA, locked on: names are any
 * printable ASCII but `=`) and EnvFiles (beta, on: `fileKeyRef` is a fifth source).
 */

/** validation.go validEnvDownwardAPIFieldPathExpressions, sorted as sets.List prints them. */
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];

/** validation.go ValidateEnv. */
export function validateEnv(container: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  objects(container, 'env').forEach((env, i) => {
    const at = path.index(i);
    const name = str(env, 'name') ?? '';
    if (name === '') errors.push(fieldError.required(at.child('name')));
    else for (const m of relaxedEnvVarNameErrors(name)) errors.push(fieldError.invalid(at.child('name'), name, m));
    errors.push(...validateEnvVarValueFrom(env, at.child('valueFrom')));
  });
  return errors;
}

/** validation.go validateEnvVarValueFrom: exactly one source, and none beside a value. */
function validateEnvVarValueFrom(env: JsonObject, path: FieldPath): FieldError[] {
  const valueFrom = obj(env, 'valueFrom');
  if (!valueFrom) return [];
  const errors: FieldError[] = [];
  let sources = 0;
  const fieldRef = obj(valueFrom, 'fieldRef');
  if (fieldRef) {
    sources++;
    errors.push(...validateObjectFieldSelector(fieldRef, ENV_FIELD_PATHS, path.child('fieldRef')));
  }
  const resourceFieldRef = obj(valueFrom, 'resourceFieldRef');
  if (resourceFieldRef) {
    sources++;
    errors.push(
      ...validateContainerResourceFieldSelector(
        resourceFieldRef,
        HUGEPAGES_PREFIXES,
        path.child('resourceFieldRef'),
        false,
      ),
    );
  }
  for (const key of ['configMapKeyRef', 'secretKeyRef']) {
    const selector = obj(valueFrom, key);
    if (selector) {
      sources++;
      errors.push(...validateKeySelector(selector, path.child(key)));
    }
  }
  const fileKeyRef = obj(valueFrom, 'fileKeyRef');
  if (fileKeyRef) {
    sources++;
    errors.push(...validateFileKeySelector(fileKeyRef, path.child('fileKeyRef')));
  }
  if (sources === 0)
    errors.push(
      fieldError.invalid(
        path,
        '',
        'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`',
      ),
    );
  else if ((str(env, 'value') ?? '') !== '')
    errors.push(fieldError.invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1)
    errors.push(fieldError.invalid(path, '', 'may not have more than one field specified at a time'));
  return errors;
}

/** validation.go validateConfigMapKeySelector and validateSecretKeySelector (the same checks). */
function validateKeySelector(selector: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = str(selector, 'name') ?? '';
  for (const m of dns1123SubdomainErrors(name)) errors.push(fieldError.invalid(path.child('name'), name, m));
  const key = str(selector, 'key') ?? '';
  if (key === '') errors.push(fieldError.required(path.child('key')));
  else for (const m of configMapKeyErrors(key)) errors.push(fieldError.invalid(path.child('key'), key, m));
  return errors;
}

/** validation.go validateFileKeySelector. */
function validateFileKeySelector(selector: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const key = str(selector, 'key') ?? '';
  if (key === '') errors.push(fieldError.required(path.child('key')));
  else for (const m of relaxedEnvVarNameErrors(key)) errors.push(fieldError.invalid(path.child('key'), key, m));
  const volumeName = str(selector, 'volumeName') ?? '';
  if (volumeName === '') errors.push(fieldError.required(path.child('volumeName')));
  else
    for (const m of dns1123LabelErrors(volumeName))
      errors.push(fieldError.invalid(path.child('volumeName'), volumeName, m));
  const filePath = str(selector, 'path') ?? '';
  if (filePath === '') errors.push(fieldError.required(path.child('path')));
  else errors.push(...validatePathNoBacksteps(filePath, path.child('path')));
  return errors;
}

/** validation.go ValidateEnvFrom. */
export function validateEnvFrom(container: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  objects(container, 'envFrom').forEach((source, i) => {
    const at = path.index(i);
    const prefix = str(source, 'prefix') ?? '';
    if (prefix !== '')
      for (const m of relaxedEnvVarNameErrors(prefix)) errors.push(fieldError.invalid(at.child('prefix'), prefix, m));
    let sources = 0;
    for (const key of ['configMapRef', 'secretRef']) {
      const ref = obj(source, key);
      if (!ref) continue;
      sources++;
      const name = str(ref, 'name') ?? '';
      if (name === '') errors.push(fieldError.required(at.child(key, 'name')));
      // ValidateConfigMapName / ValidateSecretName with prefix=true: a trailing '-' is allowed.
      else
        for (const m of dns1123SubdomainErrors(maskTrailingDash(name)))
          errors.push(fieldError.invalid(at.child(key, 'name'), name, m));
    }
    // Reported at the list's path, not the item's, as upstream does.
    if (sources === 0) errors.push(fieldError.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1)
      errors.push(fieldError.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errors;
}

/** apimachinery validation maskTrailingDash (NameIsDNSSubdomain with prefix=true). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
}
