// The kubelet's waiting reasons for a container (pkg/kubelet: images, kuberuntime), grouped by
// what they tell about a Job that makes no progress.

/** Waiting reasons that mean the container never gets an image. */
export const IMAGE_PULL_REASONS: ReadonlySet<string> = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RegistryUnavailable',
  'SignatureValidationFailed',
]);
/** Waiting reasons that mean the kubelet cannot create the container from its spec. */
export const CONTAINER_CONFIG_REASONS: ReadonlySet<string> = new Set([
  'CreateContainerConfigError',
  'CreateContainerError',
]);
/** Waiting reasons that only say "not yet". */
export const TRANSIENT_WAITING_REASONS: ReadonlySet<string> = new Set(['ContainerCreating', 'PodInitializing']);
