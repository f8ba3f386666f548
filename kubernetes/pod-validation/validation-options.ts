/**
 * The feature gates of Kubernetes 1.36.4 (pkg/features/kube_features.go) that change what the API
 * server validates in a pod template, at their default values. A disabled gate usually means the
 * pod strategy drops the field before validation (pkg/api/pod/util.go dropDisabledFields), so the
 * field is silently ignored rather than rejected.
 */
export interface PodFeatureGates {
  /** Beta, off by default: projected `clusterTrustBundle` sources are dropped. */
  readonly ClusterTrustBundleProjection: boolean;
  /** Beta, off by default: projected `podCertificate` sources are dropped. */
  readonly PodCertificateRequest: boolean;
  /** Alpha, off by default: `spec.schedulingGroup` is dropped. */
  readonly GenericWorkload: boolean;
  /** Alpha, off by default: tolerations may not use the Lt/Gt operators. */
  readonly TaintTolerationComparisonOperators: boolean;
  /** Beta, on by default in 1.36: IPs may not have leading zeros nor be IPv4-mapped IPv6. */
  readonly StrictIPCIDRValidation: boolean;
  /** Beta, on by default: `spec.hostnameOverride` is kept and validated. */
  readonly HostnameOverride: boolean;
  /** Beta, on by default: `spec.resources` (pod-level resources) is kept and validated. */
  readonly PodLevelResources: boolean;
  /** Beta, off by default: without it a new pod may only use seLinuxChangePolicy Recursive. */
  readonly SELinuxMount: boolean;
  /** Beta, on by default: matchLabelKeys are merged into the selector (new validation). */
  readonly MatchLabelKeysInPodTopologySpreadSelectorMerge: boolean;
}

export const DEFAULT_FEATURE_GATES: PodFeatureGates = {
  ClusterTrustBundleProjection: false,
  PodCertificateRequest: false,
  GenericWorkload: false,
  TaintTolerationComparisonOperators: false,
  HostnameOverride: true,
  PodLevelResources: true,
  MatchLabelKeysInPodTopologySpreadSelectorMerge: true,
  SELinuxMount: false,
  StrictIPCIDRValidation: true,
};
