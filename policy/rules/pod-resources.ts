import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import type { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { obj, valueText, objects, type JsonObject } from '../../kubernetes/index.ts';
import { compareQuantities, parseQuantity } from '../../kubernetes/index.ts';
import { podSpecOf } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

/** IsNativeResource && !hugepages: requests may be below limits (cpu, memory, ...). */
function overcommitAllowed(name: string): boolean {
  return (!name.includes('/') || name.includes('kubernetes.io/')) && !name.startsWith('hugepages-');
}

export default defineRule({
  id: 'pod-resources',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary:
      'Container resource quantities are valid, not negative, and requests do not exceed limits (extended resources: equal).',
    rationale:
      'The API server refuses malformed or negative quantities and requests above limits; extended resources such as GPUs cannot be overcommitted, so their request must equal their limit.',
    remediation:
      'Use quantities such as `500m` or `1Gi`, keep each request at or below its limit, and set extended-resource limits equal to the requests.',
    url: DOCS.resources,
  },
  check(view) {
    const podPath = view.specPath.child('template', 'spec');
    const errors: FieldError[] = [];
    for (const key of ['containers', 'initContainers']) {
      objects(podSpecOf(view.spec), key).forEach((container, i) => {
        errors.push(...checkResources(obj(container, 'resources'), podPath.child(key).index(i).child('resources')));
      });
    }
    return errors;
  },
});

function checkResources(resources: JsonObject | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const limits = obj(resources, 'limits') ?? {};
  const requests = obj(resources, 'requests') ?? {};
  for (const [group, values] of [
    ['limits', limits],
    ['requests', requests],
  ] as const) {
    for (const [name, raw] of Object.entries(values)) {
      const quantity = parseQuantity(raw);
      const at = path.child(group).key(name);
      if (!quantity)
        errors.push(
          fieldError.invalid(
            at,
            raw,
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
          ),
        );
      else if (quantity.numerator < 0n) errors.push(fieldError.invalid(at, raw, 'must be greater than or equal to 0'));
    }
  }
  for (const [name, raw] of Object.entries(requests)) {
    const request = parseQuantity(raw);
    if (!request) continue;
    if (Object.hasOwn(limits, name)) {
      const limit = parseQuantity(limits[name]);
      if (!limit) continue;
      const order = compareQuantities(request, limit);
      if (order !== 0 && !overcommitAllowed(name))
        errors.push(
          fieldError.invalid(
            path.child('requests'),
            raw,
            `must be equal to ${name} limit of ${valueText(limits[name])}`,
          ),
        );
      else if (order > 0)
        errors.push(
          fieldError.invalid(
            path.child('requests'),
            raw,
            `must be less than or equal to ${name} limit of ${valueText(limits[name])}`,
          ),
        );
    } else if (!overcommitAllowed(name)) {
      errors.push(fieldError.required(path.child('limits'), 'Limit must be set for non overcommitable resources'));
    }
  }
  return errors;
}
