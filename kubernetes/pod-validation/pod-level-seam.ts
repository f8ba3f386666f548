import { obj, objects, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { checkLabels } from '../labels.ts';
import type { PodVolumes } from './volume-mounts.ts';

/**
 * Where ValidatePodSpec calls the pod-level checks ported in volumes.ts, affinity.ts,
 * tolerations.ts, topology-spread.ts, dns.ts, host-aliases.ts, pod-security-context.ts and
 * scheduling.ts. Until those are wired in, this keeps what job-x mirrored before (dnsPolicy,
 * nodeSelector) and resolves volume names without validating the volumes.
 * TODO(wiring): call the ported functions here.
 */

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** ValidateVolumes: the volume errors and the volumes by name. */
export function podVolumes(podSpec: JsonObject, path: FieldPath): { errors: FieldError[]; volumes: PodVolumes } {
  void path;
  const volumes = new Map<string, unknown>();
  for (const volume of objects(podSpec, 'volumes')) volumes.set(str(volume, 'name') ?? '', volume);
  return { errors: [], volumes };
}

/** The pod-level checks of ValidatePodSpec that are not about containers. */
export function validatePodLevel(podSpec: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const dnsPolicy = str(podSpec, 'dnsPolicy') ?? '';
  if (!DNS_POLICIES.includes(dnsPolicy))
    errors.push(fieldError.notSupported(path.child('dnsPolicy'), dnsPolicy, DNS_POLICIES));
  errors.push(...checkLabels(obj(podSpec, 'nodeSelector'), path.child('nodeSelector')));
  return errors;
}
