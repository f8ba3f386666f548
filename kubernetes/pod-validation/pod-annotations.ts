import { obj, objects, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { validateTolerations } from './tolerations.ts';
import { validateLocalDescendingPath } from './volume-sources/index.ts';

/**
 * The annotations a pod template's metadata may carry with a meaning for pods (validation.go
 * ValidatePodSpecificAnnotations, validateSeccompAnnotationsAndFields,
 * validateAppArmorAnnotationsAndFieldsMatchOnCreate, ValidateTolerationsInPodAnnotations).
 */

const MIRROR_POD = 'kubernetes.io/config.mirror';
const TOLERATIONS = 'scheduler.alpha.kubernetes.io/tolerations';
const TOLERATION_FIELDS = ['key', 'operator', 'value', 'effect', 'tolerationSeconds'];
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const LOCALHOST = 'localhost/';
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];
const INT32_MIN = -2147483648n;
const INT32_MAX = 2147483647n;

type Annotations = Readonly<Record<string, unknown>>;

function text(annotations: Annotations, key: string): string | undefined {
  return Object.hasOwn(annotations, key) && typeof annotations[key] === 'string' ? annotations[key] : undefined;
}

/** helper.GetDeletionCostFromPodAnnotations: validFirstDigit, then strconv.ParseInt(value, 10, 32). */
function isDeletionCost(value: string): boolean {
  const first = value.charAt(0);
  if (!(first === '-' || value === '0' || (first >= '1' && first <= '9'))) return false;
  if (!/^-?\d+$/.test(value)) return false;
  const n = BigInt(value);
  return n >= INT32_MIN && n <= INT32_MAX;
}

/** validation.go ValidateSeccompProfile (the annotation form). */
function validateSeccompAnnotation(value: string, path: FieldPath): FieldError[] {
  if (value === 'runtime/default' || value === 'docker/default' || value === 'unconfined') return [];
  if (value.startsWith(LOCALHOST)) return validateLocalDescendingPath(value.slice(LOCALHOST.length), path);
  return [fieldError.invalid(path, value, 'must be a valid seccomp profile')];
}

function containerNames(podSpec: JsonObject): Set<string> {
  const names = new Set<string>();
  for (const key of CONTAINER_LISTS) for (const c of objects(podSpec, key)) names.add(str(c, 'name') ?? '');
  return names;
}

/** validation.go ValidatePodSpecificAnnotations (see above for the tolerations annotation). */
export function validatePodSpecificAnnotations(
  annotations: Annotations,
  podSpec: JsonObject,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const mirror = text(annotations, MIRROR_POD);
  if (mirror !== undefined && (str(podSpec, 'nodeName') ?? '') === '')
    errors.push(
      fieldError.invalid(path.key(MIRROR_POD), mirror, 'must set spec.nodeName if mirror pod annotation is set'),
    );
  const tolerations = text(annotations, TOLERATIONS);
  if (tolerations) errors.push(...validateTolerationsAnnotation(tolerations, path));
  const cost = text(annotations, DELETION_COST);
  if (cost !== undefined && !isDeletionCost(cost))
    errors.push(fieldError.invalid(path.key(DELETION_COST), cost, 'must be a 32bit integer'));
  // ValidateSeccompPodAnnotations: upstream uses Child, not Key, for these paths.
  const seccompPod = text(annotations, SECCOMP_POD);
  if (seccompPod !== undefined) errors.push(...validateSeccompAnnotation(seccompPod, path.child(SECCOMP_POD)));
  const names = containerNames(podSpec);
  for (const [key, value] of Object.entries(annotations)) {
    if (typeof value !== 'string') continue;
    if (key.startsWith(SECCOMP_CONTAINER_PREFIX)) errors.push(...validateSeccompAnnotation(value, path.child(key)));
    // ValidateAppArmorPodAnnotations.
    if (!key.startsWith(APPARMOR_CONTAINER_PREFIX)) continue;
    const container = key.slice(APPARMOR_CONTAINER_PREFIX.length);
    if (!names.has(container)) errors.push(fieldError.invalid(path.key(key), container, 'container not found'));
    if (value !== '' && value !== 'runtime/default' && value !== 'unconfined' && !value.startsWith(LOCALHOST))
      errors.push(fieldError.invalid(path.key(key), value, `invalid AppArmor profile name: ${JSON.stringify(value)}`));
  }
  return errors;
}

/** Go's name of a JSON value's kind in an unmarshal error. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * validation.go ValidateTolerationsInPodAnnotations: the annotation is JSON for a list of
 * tolerations (field names matched case-insensitively, as encoding/json does), each then
 * validated as `spec.tolerations` is. A value that is not such JSON is Invalid at the
 * annotations; the message then is JavaScript's parse error, not Go's.
 */
function validateTolerationsAnnotation(value: string, path: FieldPath): FieldError[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    return [fieldError.invalid(path, TOLERATIONS, error instanceof Error ? error.message : 'invalid JSON')];
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed))
    return [
      fieldError.invalid(
        path,
        TOLERATIONS,
        `json: cannot unmarshal ${jsonKind(parsed)} into Go value of type []core.Toleration`,
      ),
    ];
  const list = parsed.map((item: unknown) => {
    const out: Record<string, unknown> = {};
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return out;
    for (const [key, field] of Object.entries(item)) {
      const known = TOLERATION_FIELDS.find((name) => name.toLowerCase() === key.toLowerCase());
      if (known) out[known] = field;
    }
    return out;
  });
  return validateTolerations(list, path.child(TOLERATIONS));
}

/** The seccomp or AppArmor type an annotation value stands for, and its localhost profile. */
function matchError(
  kind: 'seccomp' | 'apparmor',
  annotation: string,
  profile: JsonObject,
  path: FieldPath,
): FieldError | undefined {
  const type = str(profile, 'type');
  const mismatch = fieldError.forbidden(path.child('type'), `${kind} type in annotation and field must match`);
  if (type === 'Unconfined') return annotation === 'unconfined' ? undefined : mismatch;
  if (type === 'RuntimeDefault') {
    const ok = annotation === 'runtime/default' || (kind === 'seccomp' && annotation === 'docker/default');
    return ok ? undefined : mismatch;
  }
  if (type !== 'Localhost') return undefined;
  if (!annotation.startsWith(LOCALHOST)) return mismatch;
  const localhost = str(profile, 'localhostProfile');
  return localhost === undefined || annotation.slice(LOCALHOST.length) !== localhost
    ? fieldError.forbidden(path.child('localhostProfile'), `${kind} profile in annotation and field must match`)
    : undefined;
}

/**
 * validation.go validateSeccompAnnotationsAndFields and
 * validateAppArmorAnnotationsAndFieldsMatchOnCreate: an annotation and a field that both say
 * something must say the same.
 */
export function validateAnnotationsMatchFields(
  annotations: Annotations,
  podSpec: JsonObject,
  specPath: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const podContext = obj(podSpec, 'securityContext');
  const podSeccomp = obj(podContext, 'seccompProfile');
  const seccompPod = text(annotations, SECCOMP_POD);
  if (podSeccomp && seccompPod !== undefined) {
    const error = matchError('seccomp', seccompPod, podSeccomp, specPath.child('securityContext', 'seccompProfile'));
    if (error) errors.push(error);
  }
  const windows = str(obj(podSpec, 'os'), 'name') === 'windows';
  const podAppArmor = obj(podContext, 'appArmorProfile');
  for (const key of CONTAINER_LISTS)
    objects(podSpec, key).forEach((container, i) => {
      const at = specPath.child(key).index(i).child('securityContext');
      const name = str(container, 'name') ?? '';
      const seccomp = obj(obj(container, 'securityContext'), 'seccompProfile');
      const seccompAnnotation = text(annotations, SECCOMP_CONTAINER_PREFIX + name);
      if (seccomp && seccompAnnotation !== undefined) {
        const error = matchError('seccomp', seccompAnnotation, seccomp, at.child('seccompProfile'));
        if (error) errors.push(error);
      }
      if (windows) return;
      const appArmor = obj(obj(container, 'securityContext'), 'appArmorProfile') ?? podAppArmor;
      const appArmorAnnotation = text(annotations, APPARMOR_CONTAINER_PREFIX + name);
      if (appArmor && appArmorAnnotation !== undefined) {
        const error = matchError('apparmor', appArmorAnnotation, appArmor, at.child('appArmorProfile'));
        if (error) errors.push(error);
      }
    });
  return errors;
}
