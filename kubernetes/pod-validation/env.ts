import { objects, obj, own, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from '../names.ts';
import { validatePathNoBacksteps } from './local-paths.ts';
import { validateContainerResourceDivisor } from './resource-divisor.ts';
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
/** podshelper.ConvertDownwardAPIFieldLabel's accepted labels (without subscripts). */
const CONVERTIBLE_FIELD_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);
const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
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
    errors.push(...validateObjectFieldSelector(fieldRef, path.child('fieldRef')));
  }
  const resourceFieldRef = obj(valueFrom, 'resourceFieldRef');
  if (resourceFieldRef) {
    sources++;
    errors.push(...validateContainerResourceFieldSelector(resourceFieldRef, path.child('resourceFieldRef')));
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

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']` → path and subscript. */
function splitSubscript(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const body = fieldPath.slice(0, -2);
  const at = body.indexOf("['");
  if (at <= 0) return undefined;
  return { path: body.slice(0, at), subscript: body.slice(at + 2) };
}

/** validation.go validateObjectFieldSelector, with podshelper.ConvertDownwardAPIFieldLabel. */
export function validateObjectFieldSelector(
  selector: JsonObject,
  path: FieldPath,
  expressions: readonly string[] = ENV_FIELD_PATHS,
): FieldError[] {
  // SetDefaults_ObjectFieldSelector: an empty apiVersion is v1.
  const apiVersion = str(selector, 'apiVersion') || 'v1';
  const fieldPath = str(selector, 'fieldPath') ?? '';
  if (fieldPath === '') return [fieldError.required(path.child('fieldPath'))];
  const split = splitSubscript(fieldPath);
  let conversionError: string | undefined;
  if (apiVersion !== 'v1') conversionError = `unsupported pod version: ${apiVersion}`;
  else if (split && split.path !== 'metadata.annotations' && split.path !== 'metadata.labels')
    conversionError = `field label does not support subscript: ${fieldPath}`;
  else if (!split && !CONVERTIBLE_FIELD_LABELS.has(fieldPath) && fieldPath !== 'spec.host')
    conversionError = `field label not supported: ${fieldPath}`;
  if (conversionError !== undefined)
    return [fieldError.invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${conversionError}`)];
  // spec.host is the v1 spelling of spec.nodeName.
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (split) {
    const subscript = split.path === 'metadata.annotations' ? split.subscript.toLowerCase() : split.subscript;
    return qualifiedNameErrors(subscript).map((m) => fieldError.invalid(path, subscript, m));
  }
  if (!expressions.includes(internal)) return [fieldError.notSupported(path.child('fieldPath'), internal, expressions)];
  return [];
}

/** validation.go validateContainerResourceFieldSelector (the env form: no containerName needed). */
function validateContainerResourceFieldSelector(selector: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const resource = str(selector, 'resource') ?? '';
  if (resource === '') errors.push(fieldError.required(path.child('resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p)))
    errors.push(fieldError.notSupported(path.child('resource'), resource, RESOURCE_FIELD_PATHS));
  errors.push(...validateContainerResourceDivisor(resource, own(selector, 'divisor'), path));
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
