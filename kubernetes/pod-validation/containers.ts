import { obj, objects, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { dns1123LabelErrors } from '../names.ts';
import {
  containerRestartPolicy,
  isSet,
  validateContainerRestartPolicy,
  validateInitContainerRestartPolicy,
  validateNonSidecarResizePolicy,
  validateResizePolicy,
} from './container-restart-policy.ts';
import { validateEnv, validateEnvFrom } from './env.ts';
import { checkHostPortConflicts, validateContainerPorts } from './ports.ts';
import { validateLifecycle, validateProbeOf } from './probes.ts';
import { validateContainerResources } from './resources.ts';
import { validateSecurityContext } from './security-context.ts';
import { validateVolumeDevices, validateVolumeMounts, type PodVolumes } from './volume-mounts.ts';

/** What every container list's validation needs from the pod (ValidatePodSpec's arguments). */
export interface ContainerContext {
  readonly volumes: PodVolumes;
  readonly podClaimNames: ReadonlySet<string>;
  /** terminationGracePeriodSeconds after defaulting; bounds sleep actions. */
  readonly gracePeriod: number | undefined;
  readonly podRestartPolicy: string;
  readonly hostUsers: boolean;
}

const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const NOT_FOR_INIT = 'may not be set for init containers without restartPolicy=Always';
/** validation.go allowedEphemeralContainerFields: the fields an ephemeral container may not set. */
const FORBIDDEN_EPHEMERAL_FIELDS = [
  'ports',
  'resources',
  'resizePolicy',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'restartPolicy',
  'restartPolicyRules',
];

/** validation.go validateContainerCommon: what holds for containers of every kind. */
function validateContainerCommon(container: JsonObject, context: ContainerContext, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = str(container, 'name') ?? '';
  if (name === '') errors.push(fieldError.required(path.child('name')));
  else for (const m of dns1123LabelErrors(name)) errors.push(fieldError.invalid(path.child('name'), name, m));
  if ((str(container, 'image') ?? '') === '') errors.push(fieldError.required(path.child('image')));
  const messagePolicy = str(container, 'terminationMessagePolicy') ?? '';
  if (messagePolicy === '') errors.push(fieldError.required(path.child('terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(messagePolicy))
    errors.push(
      fieldError.notSupported(path.child('terminationMessagePolicy'), messagePolicy, TERMINATION_MESSAGE_POLICIES),
    );
  errors.push(
    ...validateContainerPorts(container, path.child('ports')),
    ...validateEnv(container, path.child('env')),
    ...validateEnvFrom(container, path.child('envFrom')),
    ...validateVolumeMounts(container, context.volumes, path.child('volumeMounts')),
    ...validateVolumeDevices(container, context.volumes, path.child('volumeDevices')),
    ...validatePullPolicy(str(container, 'imagePullPolicy') ?? '', path.child('imagePullPolicy')),
    ...validateContainerResources(container, context.podClaimNames, path.child('resources')),
    ...validateResizePolicy(container, context.podRestartPolicy, path.child('resizePolicy')),
    ...validateSecurityContext(container, context.hostUsers, path.child('securityContext')),
  );
  return errors;
}

/** validation.go validatePullPolicy. */
function validatePullPolicy(policy: string, path: FieldPath): FieldError[] {
  if (policy === '') return [fieldError.required(path)];
  return PULL_POLICIES.includes(policy) ? [] : [fieldError.notSupported(path, policy, PULL_POLICIES)];
}

/** The probes and lifecycle of a container that may have them (regular containers, sidecars). */
function validateProbesAndLifecycle(
  container: JsonObject,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const lifecycle = obj(container, 'lifecycle');
  if (lifecycle) errors.push(...validateLifecycle(lifecycle, gracePeriod, path.child('lifecycle')));
  for (const kind of PROBES) errors.push(...validateProbeOf(container, kind, gracePeriod, path.child(kind)));
  return errors;
}

/** validation.go validateContainers. */
export function validateContainers(podSpec: JsonObject, context: ContainerContext, path: FieldPath): FieldError[] {
  const containers = objects(podSpec, 'containers');
  if (containers.length === 0) return [fieldError.required(path)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const at = path.index(i);
    errors.push(...validateContainerCommon(container, context, at));
    const name = str(container, 'name') ?? '';
    if (names.has(name)) errors.push(fieldError.duplicate(at.child('name'), name));
    else names.add(name);
    errors.push(...validateProbesAndLifecycle(container, context.gracePeriod, at));
    errors.push(...validateContainerRestartPolicy(container, at));
  });
  errors.push(...checkHostPortConflicts(containers, path));
  return errors;
}

/** validation.go validateInitContainers: sidecars (restartPolicy Always) may have probes and lifecycle. */
export function validateInitContainers(podSpec: JsonObject, context: ContainerContext, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set(objects(podSpec, 'containers').map((c) => str(c, 'name') ?? ''));
  objects(podSpec, 'initContainers').forEach((container, i) => {
    const at = path.index(i);
    errors.push(...validateContainerCommon(container, context, at));
    errors.push(...validateInitContainerRestartPolicy(container, at));
    const sidecar = containerRestartPolicy(container) === 'Always';
    const name = str(container, 'name') ?? '';
    if (names.has(name)) errors.push(fieldError.duplicate(at.child('name'), name));
    else if (name !== '') names.add(name);
    // Init containers run one by one: host ports may only clash within one of them.
    errors.push(...checkHostPortConflicts([container], path));
    if (sidecar) errors.push(...validateProbesAndLifecycle(container, context.gracePeriod, at));
    else
      for (const key of ['lifecycle', ...PROBES])
        if (obj(container, key)) errors.push(fieldError.forbidden(at.child(key), NOT_FOR_INIT));
    if (!sidecar) errors.push(...validateNonSidecarResizePolicy(container, at));
  });
  return errors;
}

/**
 * validation.go validateEphemeralContainers (with validateContainerOnlyForPod and
 * validateFieldAllowList). A template may not have ephemeral containers at all
 * (ValidatePodTemplateSpec says so too), but their own errors are reported as well.
 */
export function validateEphemeralContainers(
  podSpec: JsonObject,
  context: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const ephemeral = objects(podSpec, 'ephemeralContainers');
  if (ephemeral.length === 0) return [];
  const errors: FieldError[] = [];
  const others = new Set<string>();
  for (const key of ['containers', 'initContainers'])
    for (const c of objects(podSpec, key)) others.add(str(c, 'name') ?? '');
  const all = new Set(others);
  ephemeral.forEach((container, i) => {
    const at = path.index(i);
    errors.push(...validateContainerCommon(container, context, at));
    const image = str(container, 'image') ?? '';
    if (image !== image.trim())
      errors.push(fieldError.invalid(at.child('image'), image, 'must not have leading or trailing whitespace'));
    const name = str(container, 'name') ?? '';
    if (all.has(name)) errors.push(fieldError.duplicate(at.child('name'), name));
    else all.add(name);
    const target = str(container, 'targetContainerName') ?? '';
    if (target !== '' && !others.has(target)) errors.push(fieldError.notFound(at.child('targetContainerName'), target));
    for (const key of FORBIDDEN_EPHEMERAL_FIELDS)
      if (isSet(container, key))
        errors.push(fieldError.forbidden(at.child(key), 'cannot be set for an Ephemeral Container'));
    objects(container, 'volumeMounts').forEach((mount, j) => {
      for (const key of ['subPath', 'subPathExpr'])
        if ((str(mount, key) ?? '') !== '')
          errors.push(
            fieldError.forbidden(
              at.child('volumeMounts').index(j).child(key),
              'cannot be set for an Ephemeral Container',
            ),
          );
    });
  });
  return errors;
}
