import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import type { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { arr, objects, str, type JsonObject } from '../../kubernetes/index.ts';
import { dns1123LabelErrors } from '../../kubernetes/index.ts';
import { podSpecOf } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

export default defineRule({
  id: 'pod-containers',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary:
      'The pod template has at least one container; every container and init container has a unique DNS-label name and an image.',
    rationale:
      'Generic pod validation rejects a template without containers, container names that are not DNS labels or repeat across containers and initContainers, and containers without an image.',
    remediation: 'Give every container a unique lowercase name (at most 63 characters) and an image.',
    url: DOCS.podTemplate,
  },
  check(view) {
    const podSpec = podSpecOf(view.spec);
    const podPath = view.specPath.child('template', 'spec');
    const errors: FieldError[] = [];
    const containers = objects(podSpec, 'containers');
    const seen = new Set<string>();
    if (containers.length === 0) errors.push(fieldError.required(podPath.child('containers')));
    containers.forEach((container, i) => {
      const path = podPath.child('containers').index(i);
      errors.push(...checkContainer(container, path));
      const name = str(container, 'name') ?? '';
      if (seen.has(name)) errors.push(fieldError.duplicate(path.child('name'), name));
      else seen.add(name);
    });
    objects(podSpec, 'initContainers').forEach((container, i) => {
      const path = podPath.child('initContainers').index(i);
      errors.push(...checkContainer(container, path));
      const name = str(container, 'name') ?? '';
      if (seen.has(name)) errors.push(fieldError.duplicate(path.child('name'), name));
      else if (name !== '') seen.add(name);
    });
    if ((arr(podSpec, 'ephemeralContainers') ?? []).length > 0) {
      errors.push(
        fieldError.forbidden(podPath.child('ephemeralContainers'), 'ephemeral containers not allowed in pod template'),
      );
    }
    return errors;
  },
});

/** validateContainerCommon: the parts job-x mirrors (see README, "What lint does not mirror"). */
function checkContainer(container: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = str(container, 'name') ?? '';
  if (name === '') errors.push(fieldError.required(path.child('name')));
  else for (const msg of dns1123LabelErrors(name)) errors.push(fieldError.invalid(path.child('name'), name, msg));
  if ((str(container, 'image') ?? '') === '') errors.push(fieldError.required(path.child('image')));
  const policy = str(container, 'terminationMessagePolicy') ?? '';
  if (!TERMINATION_MESSAGE_POLICIES.includes(policy))
    errors.push(fieldError.notSupported(path.child('terminationMessagePolicy'), policy, TERMINATION_MESSAGE_POLICIES));
  const pullPolicy = str(container, 'imagePullPolicy') ?? '';
  if (!PULL_POLICIES.includes(pullPolicy))
    errors.push(fieldError.notSupported(path.child('imagePullPolicy'), pullPolicy, PULL_POLICIES));
  return errors;
}
