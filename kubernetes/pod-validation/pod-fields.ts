import { bool, has, int, isObject, obj, objects, own, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { MAX_INT32 } from '../go-integers.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../names.ts';
import { inclusiveRangeError } from './volume-sources/index.ts';

/**
 * The scalar pod-level fields of ValidatePodSpec (validation.go): serviceAccountName, nodeName,
 * activeDeadlineSeconds, hostname, subdomain, priorityClassName, runtimeClassName,
 * preemptionPolicy, imagePullSecrets, hostnameOverride, and the host-network and user-namespace
 * dependencies of containers.
 */

const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const MAX_HOSTNAME_OVERRIDE = 64;

function subdomainField(podSpec: JsonObject, key: string, path: FieldPath): FieldError[] {
  const value = str(podSpec, key) ?? '';
  return value === '' ? [] : dns1123SubdomainErrors(value).map((m) => fieldError.invalid(path.child(key), value, m));
}

function labelField(podSpec: JsonObject, key: string, path: FieldPath): FieldError[] {
  const value = str(podSpec, key) ?? '';
  return value === '' ? [] : dns1123LabelErrors(value).map((m) => fieldError.invalid(path.child(key), value, m));
}

/** The pod-level scalar checks, in ValidatePodSpec's order. */
export function validatePodFields(podSpec: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  // SetDefaults_PodSpec sets 30 when unset, so the Required of upstream never fires here.
  if (!has(podSpec, 'terminationGracePeriodSeconds'))
    errors.push(fieldError.required(path.child('terminationGracePeriodSeconds')));
  errors.push(...validateImagePullSecrets(podSpec, path.child('imagePullSecrets')));
  errors.push(...validatePodHostName(podSpec, path));
  // ValidateServiceAccountName, ValidateNodeName: NameIsDNSSubdomain.
  errors.push(...subdomainField(podSpec, 'serviceAccountName', path), ...subdomainField(podSpec, 'nodeName', path));
  const deadline = int(podSpec, 'activeDeadlineSeconds');
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32))
    errors.push(fieldError.invalid(path.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  errors.push(...labelField(podSpec, 'hostname', path), ...labelField(podSpec, 'subdomain', path));
  errors.push(...subdomainField(podSpec, 'priorityClassName', path));
  // ValidateRuntimeClassName: any set value, "" included, must be a DNS subdomain.
  const runtimeClassName = str(podSpec, 'runtimeClassName');
  if (runtimeClassName !== undefined)
    for (const m of dns1123SubdomainErrors(runtimeClassName))
      errors.push(fieldError.invalid(path.child('runtimeClassName'), runtimeClassName, m));
  const preemption = str(podSpec, 'preemptionPolicy');
  if (preemption !== undefined) {
    const at = path.child('preemptionPolicy');
    if (preemption === '') errors.push(fieldError.required(at));
    else if (!PREEMPTION_POLICIES.includes(preemption))
      errors.push(fieldError.notSupported(at, preemption, PREEMPTION_POLICIES));
  }
  return errors;
}

/** validation.go validateImagePullSecrets: only `name` may be set on each reference. */
function validateImagePullSecrets(podSpec: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  objects(podSpec, 'imagePullSecrets').forEach((ref, i) => {
    if (Object.entries(ref).some(([key, value]) => key !== 'name' && value !== null && value !== undefined))
      errors.push(fieldError.invalid(path.index(i), ref, 'only name may be set'));
  });
  return errors;
}

/** validation.go validatePodHostName (hostnameOverride; HostnameOverride is GA in 1.36.4). */
function validatePodHostName(podSpec: JsonObject, path: FieldPath): FieldError[] {
  const override = str(podSpec, 'hostnameOverride');
  if (override === undefined) return [];
  const at = path.child('hostnameOverride');
  const errors: FieldError[] = [];
  if (bool(podSpec, 'setHostnameAsFQDN') === true)
    errors.push(fieldError.forbidden(at, 'may not be specified when setHostnameAsFQDN is true'));
  if (bool(podSpec, 'hostNetwork') === true)
    errors.push(fieldError.forbidden(at, 'may not be specified when hostNetwork is true'));
  if (override.length > MAX_HOSTNAME_OVERRIDE) errors.push(fieldError.tooLong(at, MAX_HOSTNAME_OVERRIDE));
  for (const m of dns1123SubdomainErrors(override)) errors.push(fieldError.invalid(at, override, m));
  return errors;
}

/**
 * validation.go validatePodHostNetworkDeps: with hostNetwork, a container's hostPort is 0 (a
 * template's pods get it defaulted) or equal to its containerPort.
 */
export function validatePodHostNetworkDeps(podSpec: JsonObject, path: FieldPath): FieldError[] {
  if (bool(podSpec, 'hostNetwork') !== true) return [];
  const errors: FieldError[] = [];
  objects(podSpec, 'containers').forEach((container, i) => {
    objects(container, 'ports').forEach((port, j) => {
      const hostPort = int(port, 'hostPort') ?? 0;
      if (hostPort !== 0 && hostPort !== (int(port, 'containerPort') ?? 0))
        errors.push(
          fieldError.invalid(
            path.child('containers').index(i).child('ports').index(j).child('hostPort'),
            hostPort,
            'must match `containerPort` when `hostNetwork` is true',
          ),
        );
    });
  });
  return errors;
}

/**
 * Whether the pod uses the host's user namespace (unset counts as true). v1 keeps hostUsers,
 * hostNetwork, hostPID and hostIPC on the pod spec; the internal type moves them into the
 * security context, whence upstream's reads.
 */
export function usesHostUsers(podSpec: JsonObject): boolean {
  return bool(podSpec, 'hostUsers') !== false;
}

/**
 * validation.go validateHostUsers: without host users, no host network (unless
 * UserNamespacesHostNetworkSupport, alpha), PID or IPC, and no volume devices. Upstream spells
 * the paths `HostPID` and `HostIPC`; so does this.
 */
export function validateHostUsers(podSpec: JsonObject, path: FieldPath): FieldError[] {
  if (usesHostUsers(podSpec)) return [];
  const errors: FieldError[] = [];
  const forbidden = 'when `hostUsers` is false';
  if (bool(podSpec, 'hostNetwork') === true) errors.push(fieldError.forbidden(path.child('hostNetwork'), forbidden));
  if (bool(podSpec, 'hostPID') === true) errors.push(fieldError.forbidden(path.child('HostPID'), forbidden));
  if (bool(podSpec, 'hostIPC') === true) errors.push(fieldError.forbidden(path.child('HostIPC'), forbidden));
  for (const key of ['initContainers', 'containers', 'ephemeralContainers'])
    objects(podSpec, key).forEach((container, i) => {
      const devices = own(container, 'volumeDevices');
      if (Array.isArray(devices) && devices.length > 0)
        errors.push(fieldError.forbidden(path.child(key).index(i).child('volumeDevices'), forbidden));
    });
  return errors;
}

/**
 * validation.go validateFileKeyRefVolumes: an env `fileKeyRef` names an emptyDir volume of the
 * pod.
 */
export function validateFileKeyRefVolumes(podSpec: JsonObject, path: FieldPath): FieldError[] {
  const volumes = new Map<string, JsonObject>();
  for (const volume of objects(podSpec, 'volumes')) volumes.set(str(volume, 'name') ?? '', volume);
  const errors: FieldError[] = [];
  for (const key of ['initContainers', 'containers', 'ephemeralContainers'])
    objects(podSpec, key).forEach((container, i) => {
      objects(container, 'env').forEach((env, j) => {
        const ref = obj(obj(env, 'valueFrom'), 'fileKeyRef');
        if (!ref) return;
        const name = str(ref, 'volumeName') ?? '';
        const at = path.child(key).index(i).child('env').index(j).child('valueFrom', 'fileKeyRef', 'volumeName');
        const volume = volumes.get(name);
        if (!volume) errors.push(fieldError.notFound(at, name));
        else if (!isObject(own(volume, 'emptyDir')))
          errors.push(fieldError.invalid(at, name, 'referenced volume must be of type emptyDir'));
      });
    });
  return errors;
}
