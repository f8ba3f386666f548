import { own, type JsonObject } from '../decoded-access.ts';
import type { FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { validateAffinity } from './affinity.ts';
import { validateDNSPolicy, validatePodDNSConfig } from './dns.ts';
import { validateHostAliases } from './host-aliases.ts';
import { validatePodSecurityContext } from './pod-security-context.ts';
import { validateContainerResources } from './resources.ts';
import { validateOverhead, validateScheduling } from './scheduling.ts';
import { validateTolerations } from './tolerations.ts';
import { validateTopologySpreadConstraints } from './topology-spread.ts';

/**
 * The checks of ValidatePodSpec that are not about containers, in the files of the pod-level
 * port: dnsPolicy and dnsConfig, the pod securityContext, affinity, tolerations, topology
 * spread, host aliases, nodeSelector, readiness and scheduling gates, resource claims, os and
 * the OS-specific rules, and overhead (checked as a container's resource limits, validateOverhead).
 * The volumes are validated first by pod-spec.ts, which needs them to resolve the mounts.
 */
export function validatePodLevel(podSpec: JsonObject, path: FieldPath): FieldError[] {
  const dnsPolicy = own(podSpec, 'dnsPolicy');
  return [
    ...validateDNSPolicy(dnsPolicy, path.child('dnsPolicy')),
    ...validatePodSecurityContext(own(podSpec, 'securityContext'), path.child('securityContext'), podSpec),
    ...validateAffinity(own(podSpec, 'affinity'), path.child('affinity')),
    ...validatePodDNSConfig(own(podSpec, 'dnsConfig'), path.child('dnsConfig'), dnsPolicy),
    ...validateTopologySpreadConstraints(
      own(podSpec, 'topologySpreadConstraints'),
      path.child('topologySpreadConstraints'),
    ),
    ...validateTolerations(own(podSpec, 'tolerations'), path.child('tolerations')),
    ...validateHostAliases(own(podSpec, 'hostAliases'), path.child('hostAliases')),
    ...validateScheduling(podSpec, path),
    ...validateOverhead(own(podSpec, 'overhead'), path.child('overhead'), (requirements, at) =>
      validateContainerResources({ resources: requirements }, new Set(), at),
    ),
  ];
}
