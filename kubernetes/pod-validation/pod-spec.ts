import { int, own, str, type JsonObject } from '../decoded-access.ts';
import type { FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { validateContainers, validateEphemeralContainers, validateInitContainers } from './containers.ts';
import { validatePodLevel } from './pod-level-checks.ts';
import { validatePodResources } from './pod-resources.ts';
import {
  usesHostUsers,
  validateFileKeyRefVolumes,
  validateHostUsers,
  validatePodFields,
  validatePodHostNetworkDeps,
} from './pod-fields.ts';
import { validateRestartPolicy } from './restart-policy.ts';
import { podResourceClaimNames } from './scheduling.ts';
import { validateVolumes } from './volumes.ts';

/**
 * validation.go ValidatePodSpec for a pod template (podMeta nil), on the spec after the API
 * server's defaulting (kubernetes/defaults.ts), with 1.36.4's default feature gates.
 */
export function validatePodSpec(podSpec: JsonObject, path: FieldPath): FieldError[] {
  const { errors: volumeErrors, volumes } = validateVolumes(own(podSpec, 'volumes'), path.child('volumes'));
  const podClaimNames = podResourceClaimNames(own(podSpec, 'resourceClaims'));
  const context = {
    volumes,
    podClaimNames,
    gracePeriod: int(podSpec, 'terminationGracePeriodSeconds'),
    podRestartPolicy: str(podSpec, 'restartPolicy') ?? '',
    hostUsers: usesHostUsers(podSpec),
  };
  return [
    ...volumeErrors,
    ...validateContainers(podSpec, context, path.child('containers')),
    ...validateInitContainers(podSpec, context, path.child('initContainers')),
    ...validateEphemeralContainers(podSpec, context, path.child('ephemeralContainers')),
    ...validatePodResources(podSpec, podClaimNames, path),
    ...validatePodHostNetworkDeps(podSpec, path),
    ...validateRestartPolicy(str(podSpec, 'restartPolicy') ?? '', path.child('restartPolicy')),
    ...validatePodLevel(podSpec, path),
    ...validateHostUsers(podSpec, path),
    ...validatePodFields(podSpec, path),
    ...validateFileKeyRefVolumes(podSpec, path),
  ];
}
