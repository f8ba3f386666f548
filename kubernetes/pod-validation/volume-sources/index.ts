export {
  validateAWSElasticBlockStoreVolumeSource,
  validateAzureDisk,
  validateAzureFile,
  validateCinderVolumeSource,
  validateCSIVolumeSource,
  validateFlexVolumeSource,
  validateGCEPersistentDiskVolumeSource,
  validatePhotonPersistentDiskVolumeSource,
  validatePortworxVolumeSource,
  validateScaleIOVolumeSource,
  validateStorageOSVolumeSource,
  validateVsphereVolumeSource,
} from './cloud-disks.ts';
export {
  CONTAINER_RESOURCE_FIELD_PATHS,
  validateContainerResourceFieldSelector,
  validateDownwardAPIVolumeSource,
  validateObjectFieldSelector,
} from './downward-api.ts';
export { validateEphemeralVolumeSource } from './ephemeral.ts';
export { validateConfigMapVolumeSource, validateSecretVolumeSource } from './key-to-path.ts';
export {
  validateEmptyDirVolumeSource,
  validateGitRepoVolumeSource,
  validateHostPathVolumeSource,
  validateImageVolumeSource,
} from './local-sources.ts';
export {
  validateCephFSVolumeSource,
  validateFCVolumeSource,
  validateFlockerVolumeSource,
  validateGlusterfsVolumeSource,
  validateISCSIVolumeSource,
  validateNFSVolumeSource,
  validateQuobyteVolumeSource,
  validateRBDVolumeSource,
} from './network-storage.ts';
export {
  inclusiveRangeError,
  validateLocalDescendingPath,
  validateLocalNonReservedPath,
  validatePathNoBacksteps,
} from './paths.ts';
export { validateProjectedVolumeSource } from './projected.ts';
