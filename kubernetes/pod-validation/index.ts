// Pod-level validators (helper podlevel). The container side and the pod template entry point
// export from here too.
export { isClaimVolume, validateVolumes, type ValidatedVolumes } from './volumes.ts';
export {
  CONTAINER_RESOURCE_FIELD_PATHS,
  validateContainerResourceFieldSelector,
  validateObjectFieldSelector,
} from './volume-sources/index.ts';
export { DEFAULT_FEATURE_GATES, type PodFeatureGates } from './validation-options.ts';
export { isValidSysctlName, validatePodSecurityContext } from './pod-security-context.ts';
export {
  idRangeErrors,
  validateAppArmorProfileField,
  validateSeccompProfileField,
  validateWindowsSecurityContextOptions,
} from './security-profiles.ts';
export {
  validateAffinity,
  validateLabelName,
  validateMatchLabelKeysAndMismatchLabelKeys,
  validateNodeSelectorTerm,
} from './affinity.ts';
export { validateDNSPolicy, validatePodDNSConfig } from './dns.ts';
export { validateHostAliases } from './host-aliases.ts';
export { validateLegacyIP } from './ip-address.ts';
export { validateTolerations } from './tolerations.ts';
export { validateTopologySpreadConstraints } from './topology-spread.ts';
export {
  podResourceClaimNames,
  validateOverhead,
  validatePodResourceClaims,
  validateReadinessGates,
  validateScheduling,
  validateSchedulingGates,
} from './scheduling.ts';
// Container side and the pod template entry point (helper podcont).
export { validatePodTemplateSpec } from './pod-template.ts';
export { type PodWarning, podTemplateWarnings } from './pod-warnings.ts';
