import { valueText } from '../describe-value.ts';
import { arr, isObject, obj, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { dns1123LabelErrors, qualifiedNameErrors } from '../names.ts';
import { compareQuantities, parseQuantity, type Quantity } from '../quantity.ts';

/**
 * Container resources (validation.go ValidateContainerResourceRequirements →
 * validateResourceRequirements, with pkg/apis/core/helper's resource-name predicates).
 */

const QUANTITY_DECODE_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** helper standardResources. */
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const INTEGER_RESOURCES = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);
const HUGEPAGES_PREFIX = 'hugepages-';

/** helper.IsNativeResource: no domain, or the kubernetes.io domain. */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** helper.IsExtendedResourceName. */
function isExtended(name: string): boolean {
  if (isNative(name) || name.startsWith('requests.')) return false;
  return qualifiedNameErrors(`requests.${name}`).length === 0;
}

function isHugePages(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX);
}

/** helper.IsQuotaHugePageResourceName, part of IsStandardResourceName. */
function isQuotaHugePages(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX) || name.startsWith(`requests.${HUGEPAGES_PREFIX}`);
}

/** helper.IsOvercommitAllowed. */
function overcommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

/** validation.go validateResourceName: a qualified name; without a domain, a standard resource. */
export function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errors = qualifiedNameErrors(name).map((m) => fieldError.invalid(path, name, m));
  if (errors.length > 0) return errors;
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isQuotaHugePages(name))
    errors.push(fieldError.invalid(path, name, 'must be a standard resource type or fully qualified'));
  return errors;
}

/** validation.go validateContainerResourceName: its own check runs whatever validateResourceName said. */
function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errors = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name))
      errors.push(fieldError.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtended(name)) {
    errors.push(fieldError.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errors;
}

/** SetDefaults_ResourceList rounds every quantity up to milli-units before validation. */
export function roundUpToMilli(q: Quantity): Quantity {
  const millis = q.numerator * 1000n;
  let whole = millis / q.denominator;
  if (millis % q.denominator !== 0n && millis > 0n) whole += 1n;
  return { numerator: whole, denominator: 1000n };
}

/** validation.go ValidateResourceQuantityValue: not negative; whole for integer resources. */
function validateQuantityValue(name: string, raw: unknown, q: Quantity, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (q.numerator < 0n) errors.push(fieldError.invalid(path, raw, 'must be greater than or equal to 0'));
  if ((INTEGER_RESOURCES.has(name) || isExtended(name)) && q.numerator % 1000n !== 0n)
    errors.push(fieldError.invalid(path, raw, 'must be an integer'));
  return errors;
}

/** helper.IsHugePageResourceValueDivisible (page size from the name, `hugepages-2Mi`). */
function hugePagesError(name: string, raw: unknown, q: Quantity): string | undefined {
  const pageSize = parseQuantity(name.slice(HUGEPAGES_PREFIX.length));
  const text = valueText(raw);
  const message = `${text} is not positive integer multiple of ${name}`;
  if (!pageSize || pageSize.numerator <= 0n || (pageSize.numerator * 1000n) % pageSize.denominator !== 0n)
    return message;
  const size = pageSize.numerator / pageSize.denominator;
  const value = q.numerator / q.denominator;
  return size === 0n || value % size !== 0n ? message : undefined;
}

type Parsed = Map<string, { raw: unknown; quantity: Quantity }>;

/** Each quantity of a list, rounded; a value the decoder refuses is reported at its key. */
function parseList(list: JsonObject, path: FieldPath, errors: FieldError[]): Parsed {
  const parsed: Parsed = new Map();
  for (const [name, raw] of Object.entries(list)) {
    const quantity = parseQuantity(raw);
    if (!quantity) errors.push(fieldError.invalid(path.key(name), raw, QUANTITY_DECODE_ERROR));
    else parsed.set(name, { raw, quantity: roundUpToMilli(quantity) });
  }
  return parsed;
}

/** A resource-name check: validateContainerResourceName or validatePodResourceName. */
export type ResourceNameCheck = (name: string, path: FieldPath) => FieldError[];

/** validation.go ValidateContainerResourceRequirements: a container's `resources`. */
export function validateContainerResources(
  container: JsonObject,
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
): FieldError[] {
  return validateResourceRequirements(obj(container, 'resources'), validateContainerResourceName, podClaimNames, path);
}

/** validation.go validateResourceRequirements. */
export function validateResourceRequirements(
  resources: JsonObject | undefined,
  validateName: ResourceNameCheck,
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = parseList(obj(resources, 'limits') ?? {}, limPath, errors);
  const requests = parseList(obj(resources, 'requests') ?? {}, reqPath, errors);
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, { raw, quantity }] of limits) {
    const at = limPath.key(name);
    errors.push(...validateName(name, at), ...validateQuantityValue(name, raw, quantity, at));
    if (isHugePages(name)) {
      hugePages = true;
      const message = hugePagesError(name, raw, quantity);
      if (message) errors.push(fieldError.invalid(at, valueText(raw), message));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, { raw, quantity }] of requests) {
    const at = reqPath.key(name);
    errors.push(...validateName(name, at), ...validateQuantityValue(name, raw, quantity, at));
    const limit = limits.get(name);
    if (limit) {
      const order = compareQuantities(quantity, limit.quantity);
      const limitText = `${name} limit of ${valueText(limit.raw)}`;
      if (order !== 0 && !overcommitAllowed(name))
        errors.push(fieldError.invalid(reqPath, valueText(raw), `must be equal to ${limitText}`));
      else if (order > 0)
        errors.push(fieldError.invalid(reqPath, valueText(raw), `must be less than or equal to ${limitText}`));
    } else if (!overcommitAllowed(name)) {
      errors.push(fieldError.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) {
      hugePages = true;
      const message = hugePagesError(name, raw, quantity);
      if (message) errors.push(fieldError.invalid(at, valueText(raw), message));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errors.push(fieldError.forbidden(path, 'HugePages require cpu or memory'));
  errors.push(...validateResourceClaimNames(arr(resources, 'claims') ?? [], podClaimNames, path.child('claims')));
  return errors;
}

/** validation.go validateResourceClaimNames: each claim is named once and exists in the pod. */
function validateResourceClaimNames(
  claims: unknown[],
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  claims.forEach((claim, i) => {
    const at = path.index(i);
    const name = isObject(claim) ? (str(claim, 'name') ?? '') : '';
    if (name === '') {
      errors.push(fieldError.required(at));
      return;
    }
    const request = isObject(claim) ? (str(claim, 'request') ?? '') : '';
    if (names.has(name)) errors.push(fieldError.duplicate(at, name));
    else {
      let key = name;
      if (request !== '') {
        for (const m of dns1123LabelErrors(request)) errors.push(fieldError.invalid(at.child('request'), request, m));
        key += `/${request}`;
      }
      if (names.has(key)) errors.push(fieldError.duplicate(at, key));
      else if (request === '')
        for (const seen of names)
          if (seen.includes('/') && seen.slice(0, seen.indexOf('/')) === name)
            errors.push(fieldError.duplicate(at, name));
      names.add(key);
    }
    if (!podClaimNames.has(name)) {
      const known = [...podClaimNames].sort();
      const detail = `must be one of the names in pod.spec.resourceClaims${known.length === 0 ? ' which is empty' : `: ${known.join(', ')}`}`;
      errors.push(fieldError.notFound(at, name, detail));
    }
  });
  return errors;
}
