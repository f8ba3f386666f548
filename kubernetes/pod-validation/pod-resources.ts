import { has, obj, objects, str, type JsonObject } from '../decoded-access.ts';
import { valueText } from '../describe-value.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { compareQuantities, parseQuantity, type Quantity } from '../quantity.ts';
import { roundUpToMilli, validateResourceName, validateResourceRequirements } from './resources.ts';

/**
 * Pod-level resources, `spec.resources` (validation.go validatePodResources; PodLevelResources is
 * GA in 1.36.4). The aggregate of the containers' requests is component-helpers'
 * AggregateContainerRequests: the containers and sidecars add up, and each init container counts
 * with the sidecars started before it, the larger of the two winning. Messages print the
 * aggregate as a plain or milli quantity, where Go prints its canonical form.
 */

const SUPPORTED = ['cpu', 'hugepages-', 'memory'];

/** validation.go validatePodResourceName: cpu, memory and hugepages only. */
function validatePodResourceName(name: string, path: FieldPath): FieldError[] {
  const errors = validateResourceName(name, path);
  if (errors.length > 0) return errors;
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-')
    ? []
    : [fieldError.notSupported(path, name, SUPPORTED)];
}

/** A quantity, with the text it was written as while it comes from one container alone. */
interface Amount {
  readonly q: Quantity;
  readonly text?: string;
}
type Totals = Map<string, Amount>;

function add(a: Quantity, b: Quantity): Quantity {
  return {
    numerator: a.numerator * b.denominator + b.numerator * a.denominator,
    denominator: a.denominator * b.denominator,
  };
}

function listOf(container: JsonObject, group: string): Totals {
  const out: Totals = new Map();
  for (const [name, raw] of Object.entries(obj(obj(container, 'resources'), group) ?? {})) {
    const q = parseQuantity(raw);
    if (q) out.set(name, { q: roundUpToMilli(q), text: valueText(raw) });
  }
  return out;
}

function addInto(target: Totals, list: Totals): void {
  for (const [name, amount] of list) {
    const current = target.get(name);
    target.set(name, current ? { q: add(current.q, amount.q) } : amount);
  }
}

function maxInto(target: Totals, list: Totals): void {
  for (const [name, amount] of list) {
    const current = target.get(name);
    if (!current || compareQuantities(amount.q, current.q) > 0) target.set(name, amount);
  }
}

/** resourcehelper.AggregateContainerRequests / AggregateContainerLimits (without status). */
function aggregate(podSpec: JsonObject, group: 'requests' | 'limits'): Totals {
  const totals: Totals = new Map();
  for (const container of objects(podSpec, 'containers')) addInto(totals, listOf(container, group));
  const sidecars: Totals = new Map();
  const initMax: Totals = new Map();
  for (const container of objects(podSpec, 'initContainers')) {
    const own = listOf(container, group);
    if (str(container, 'restartPolicy') === 'Always') {
      addInto(totals, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const use: Totals = new Map(own);
      addInto(use, sidecars);
      maxInto(initMax, use);
    }
  }
  maxInto(totals, initMax);
  return totals;
}

function quantityText({ q, text }: Amount): string {
  if (text !== undefined) return text;
  const millis = (q.numerator * 1000n) / q.denominator;
  return millis % 1000n === 0n ? String(millis / 1000n) : `${millis}m`;
}

/** validation.go validatePodResourceConsistency. */
function validatePodResourceConsistency(podSpec: JsonObject, resources: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const podRequests = obj(resources, 'requests') ?? {};
  const podLimits = obj(resources, 'limits') ?? {};
  for (const [name, total] of aggregate(podSpec, 'requests')) {
    const pod = parseQuantity(podRequests[name]);
    if (!Object.hasOwn(podRequests, name) || !pod) continue;
    if (compareQuantities(total.q, roundUpToMilli(pod)) > 0)
      errors.push(
        fieldError.invalid(
          path.child('requests').key(name),
          valueText(podRequests[name]),
          `must be greater than or equal to aggregate container requests of ${quantityText(total)}`,
        ),
      );
  }
  for (const [name, total] of aggregate(podSpec, 'limits')) {
    const pod = parseQuantity(podLimits[name]);
    if (!name.startsWith('hugepages-') || !Object.hasOwn(podLimits, name) || !pod) continue;
    if (compareQuantities(total.q, roundUpToMilli(pod)) > 0)
      errors.push(
        fieldError.invalid(
          path.child('limits').key(name),
          valueText(podLimits[name]),
          `must be greater than or equal to aggregate container limits of ${quantityText(total)}`,
        ),
      );
  }
  objects(podSpec, 'containers').forEach((container, i) => {
    for (const [name, limit] of listOf(container, 'limits')) {
      const pod = parseQuantity(podLimits[name]);
      if (!Object.hasOwn(podLimits, name) || !pod) continue;
      if (compareQuantities(limit.q, roundUpToMilli(pod)) > 0)
        errors.push(
          fieldError.invalid(
            path.child('containers').index(i).key(name).child('limits'),
            quantityText(limit),
            `must be less than or equal to pod limits of ${valueText(podLimits[name])}`,
          ),
        );
    }
  });
  return errors;
}

/** validation.go validatePodResources. */
export function validatePodResources(
  podSpec: JsonObject,
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
): FieldError[] {
  const resources = obj(podSpec, 'resources');
  if (!resources) return [];
  const at = path.child('resources');
  if (str(obj(podSpec, 'os'), 'name') === 'windows')
    return [fieldError.forbidden(at, 'may not be set for a windows pod')];
  const errors: FieldError[] = [];
  if (has(resources, 'claims'))
    errors.push(fieldError.forbidden(at.child('claims'), 'claims may not be set for Resources at pod-level'));
  errors.push(...validateResourceRequirements(resources, validatePodResourceName, podClaimNames, at));
  errors.push(...validatePodResourceConsistency(podSpec, resources, at));
  return errors;
}
