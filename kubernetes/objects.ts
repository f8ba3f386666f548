// Kubernetes objects as the API server serves them, for the views that read live Jobs and pods.
//
// The objects are the API server's raw JSON (times are RFC 3339 strings), not client-node's
// model classes: those drop fields they do not know and turn times into Date objects, and
// `-o json|yaml` must print exactly what the server holds. The interfaces below name only the
// fields job-x reads; every other field is kept untouched under the index signature.

/** Fields every Kubernetes object carries. */
export interface RawObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion?: string; kind?: string; name?: string; uid?: string; controller?: boolean }[];
  [key: string]: unknown;
}

export interface RawCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string;
  [key: string]: unknown;
}

/**
 * The scalar fields of a Job's spec the live views read, as a stored Job holds them (decoded as
 * int32/int64, validated non-negative). The rest (template, policies) stays loosely typed:
 * policy/ and the views read it through decoded-access.ts.
 */
export interface RawJobSpec {
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  suspend?: boolean;
  manualSelector?: boolean;
  completionMode?: string;
  podReplacementPolicy?: string;
  managedBy?: string;
  [key: string]: unknown;
}

/** A batch/v1 Job as the API server returns it. */
export interface RawJob {
  apiVersion?: string;
  kind?: string;
  metadata: RawObjectMeta;
  spec?: RawJobSpec;
  status?: {
    conditions?: RawCondition[];
    startTime?: string;
    completionTime?: string;
    active?: number;
    ready?: number;
    succeeded?: number;
    failed?: number;
    terminating?: number;
    completedIndexes?: string;
    failedIndexes?: string;
    uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface RawContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    exitCode?: number;
    signal?: number;
    reason?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
  };
}

export interface RawContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  state?: RawContainerState;
  lastState?: RawContainerState;
  [key: string]: unknown;
}

export interface RawPod {
  apiVersion?: string;
  kind?: string;
  metadata: RawObjectMeta;
  spec?: Record<string, unknown>;
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: RawCondition[];
    startTime?: string;
    containerStatuses?: RawContainerStatus[];
    initContainerStatuses?: RawContainerStatus[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** A core/v1 Event (events.k8s.io fields such as `eventTime`, `series` included when set). */
export interface RawEvent {
  metadata: RawObjectMeta;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  /** events.k8s.io's record of repeats (an Event written through that API). */
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string };
  reportingComponent?: string;
  [key: string]: unknown;
}
