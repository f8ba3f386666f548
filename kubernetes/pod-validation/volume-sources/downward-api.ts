import { int, obj, objects, own, str } from '../../decoded-access.ts';
import { fieldError, type FieldError } from '../../field-error.ts';
import type { FieldPath } from '../../field-path.ts';
import { qualifiedNameErrors } from '../../names.ts';
import { compareQuantities, parseQuantity } from '../../quantity.ts';
import { validateFileMode, validateLocalNonReservedPath } from './paths.ts';

/** validVolumeDownwardAPIFieldPathExpressions. */
const VOLUME_FIELD_PATHS = [
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
] as const;

/** validContainerResourceFieldPathExpressions (sorted as sets.List sorts them). */
export const CONTAINER_RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
] as const;

const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'] as const;

/** Field labels that pods.ConvertDownwardAPIFieldLabel accepts for v1 (spec.host becomes spec.nodeName). */
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

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']` → [path, subscript]. */
function splitSubscriptedPath(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const trimmed = fieldPath.slice(0, -2);
  const at = trimmed.indexOf("['");
  if (at <= 0) return undefined;
  return [trimmed.slice(0, at), trimmed.slice(at + 2)];
}

/** pods.ConvertDownwardAPIFieldLabel: the internal field path, or the conversion error's text. */
function convertFieldLabel(version: string, label: string): { path: string } | { error: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const split = splitSubscriptedPath(label);
  if (split) {
    return split[0] === 'metadata.annotations' || split[0] === 'metadata.labels'
      ? { path: label }
      : { error: `field label does not support subscript: ${label}` };
  }
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return CONVERTIBLE_FIELD_LABELS.has(label) ? { path: label } : { error: `field label not supported: ${label}` };
}

/**
 * validateObjectFieldSelector (pkg/apis/core/validation). `apiVersion` is defaulted to v1 before
 * validation (SetDefaults_ObjectFieldSelector), so an absent one is v1 here.
 */
export function validateObjectFieldSelector(
  selector: unknown,
  expressions: readonly string[],
  path: FieldPath,
): FieldError[] {
  const version = str(selector, 'apiVersion') || 'v1';
  const fieldPath = str(selector, 'fieldPath') ?? '';
  if (fieldPath.length === 0) return [fieldError.required(path.child('fieldPath'))];
  const converted = convertFieldLabel(version, fieldPath);
  if ('error' in converted)
    return [fieldError.invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${converted.error}`)];
  const split = splitSubscriptedPath(converted.path);
  if (split) {
    const [base, subscript] = split;
    const key = base === 'metadata.annotations' ? subscript.toLowerCase() : subscript;
    if (base === 'metadata.annotations' || base === 'metadata.labels')
      return qualifiedNameErrors(key).map((msg) => fieldError.invalid(path, key, msg));
    return [fieldError.invalid(path, base, 'does not support subscript')];
  }
  if (!expressions.includes(converted.path))
    return [fieldError.notSupported(path.child('fieldPath'), converted.path, [...expressions].sort())];
  return [];
}

const SCALED_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const CPU_DIVISORS = ['1m', '1'];

/**
 * Whether the divisor's canonical form (Quantity.String()) is one of `allowed`. Canonical forms
 * keep the suffix family: `1000m` is `1`, `1024` stays `1024` (not `1Ki`).
 */
function divisorIn(divisor: unknown, allowed: readonly string[]): boolean {
  const value = parseQuantity(divisor);
  if (!value) return false;
  const binary = typeof divisor === 'string' && /[KMGTPE]i$/.test(divisor);
  return allowed.some((text) => {
    const candidate = parseQuantity(text);
    return candidate !== undefined && /i$/.test(text) === binary && compareQuantities(value, candidate) === 0;
  });
}

/** validateContainerResourceDivisor. */
export function validateContainerResourceDivisor(resource: string, divisor: unknown, path: FieldPath): FieldError[] {
  const value = parseQuantity(divisor);
  if (divisor === undefined || divisor === null || !value || value.numerator === 0n) return [];
  const errors: FieldError[] = [];
  const reject = (what: string, allowed: string): void => {
    errors.push(
      fieldError.invalid(
        path.child('divisor'),
        resource,
        `only divisor's values ${allowed} are supported with the ${what}`,
      ),
    );
  };
  const scaled = SCALED_DIVISORS.join(', ');
  if ((resource === 'limits.cpu' || resource === 'requests.cpu') && !divisorIn(divisor, CPU_DIVISORS))
    reject('cpu resource', '1m and 1');
  if ((resource === 'limits.memory' || resource === 'requests.memory') && !divisorIn(divisor, SCALED_DIVISORS))
    reject('memory resource', scaled);
  if (
    (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') &&
    !divisorIn(divisor, SCALED_DIVISORS)
  )
    reject('local ephemeral storage resource', scaled);
  if (HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p)) && !divisorIn(divisor, SCALED_DIVISORS))
    reject('hugepages resource', scaled);
  return errors;
}

/** validateContainerResourceFieldSelector; `volume` requires containerName (downward API volumes). */
export function validateContainerResourceFieldSelector(
  selector: unknown,
  prefixes: readonly string[],
  path: FieldPath,
  volume: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const resource = str(selector, 'resource') ?? '';
  const expressions: readonly string[] = CONTAINER_RESOURCE_FIELD_PATHS;
  if (volume && (str(selector, 'containerName') ?? '').length === 0) {
    errors.push(fieldError.required(path.child('containerName')));
  } else if (resource.length === 0) {
    errors.push(fieldError.required(path.child('resource')));
  } else if (!expressions.includes(resource) && !prefixes.some((p) => resource.startsWith(p))) {
    errors.push(fieldError.notSupported(path.child('resource'), resource, expressions));
  }
  errors.push(...validateContainerResourceDivisor(resource, own(selector, 'divisor'), path));
  return errors;
}

/**
 * validateDownwardAPIVolumeFile. Go reports a file's errors under the source's path (not under
 * `items[i]`), and so does this port.
 */
export function validateDownwardAPIVolumeFile(file: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const target = str(file, 'path') ?? '';
  if (target.length === 0) errors.push(fieldError.required(path.child('path')));
  errors.push(...validateLocalNonReservedPath(target, path.child('path')));
  const fieldRef = obj(file, 'fieldRef');
  const resourceFieldRef = obj(file, 'resourceFieldRef');
  if (fieldRef) {
    errors.push(...validateObjectFieldSelector(fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef')));
    if (resourceFieldRef)
      errors.push(
        fieldError.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'),
      );
  } else if (resourceFieldRef) {
    errors.push(
      ...validateContainerResourceFieldSelector(
        resourceFieldRef,
        HUGEPAGES_PREFIXES,
        path.child('resourceFieldRef'),
        true,
      ),
    );
  } else {
    errors.push(fieldError.required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errors.push(...validateFileMode(int(file, 'mode'), path.child('mode')));
  return errors;
}

/** validateDownwardAPIVolumeSource. */
export function validateDownwardAPIVolumeSource(source: unknown, path: FieldPath): FieldError[] {
  return [
    ...validateFileMode(int(source, 'defaultMode'), path.child('defaultMode')),
    ...objects(source, 'items').flatMap((file) => validateDownwardAPIVolumeFile(file, path)),
  ];
}
