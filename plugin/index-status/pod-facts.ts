// What the Job controller reads from a pod of an Indexed Job, ported from
// pkg/controller/job/indexed_job_utils.go, job_controller.go and pkg/controller/controller_utils.go
// (Kubernetes 1.36), so that index-status classifies pods exactly as the controller does.
import type { RawJob, RawPod } from '../../kubernetes/index.ts';

export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';
export const INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-ignored-failure-count';
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

const INT32_MAX = 2147483647;

/** Go strconv.Atoi for the values the controller reads (undefined when it would fail). */
function atoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  // Past 2^53 the exact value no longer matters: every caller rejects anything that large.
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return undefined;
  return value === 0 ? 0 : value; // no -0 from "-0"
}

/**
 * getCompletionIndex: the annotation (not the label, which the controller only writes), or
 * undefined when it is missing, unreadable or negative.
 */
export function completionIndexOf(pod: RawPod): number | undefined {
  const text = pod.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (text === undefined) return undefined;
  const index = atoi(text);
  return index === undefined || index < 0 ? undefined : index;
}

/** parseInt32: an unreadable, negative or too large value counts as 0, as in the controller. */
function annotationCount(pod: RawPod, key: string): number {
  const text = pod.metadata.annotations?.[key];
  if (text === undefined) return 0;
  const value = atoi(text);
  return value === undefined || value < 0 || value > INT32_MAX ? 0 : value;
}

/** Counted failures of the index before this pod was created (job-index-failure-count). */
export function indexFailureCountOf(pod: RawPod): number {
  return annotationCount(pod, INDEX_FAILURE_COUNT_ANNOTATION);
}

/** Failures of the index before this pod that the pod failure policy ignored. */
export function indexIgnoredFailureCountOf(pod: RawPod): number {
  return annotationCount(pod, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);
}

export function hasIndexFailureCountAnnotation(pod: RawPod): boolean {
  return pod.metadata.annotations?.[INDEX_FAILURE_COUNT_ANNOTATION] !== undefined;
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: RawPod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp === undefined;
}

/** controller.IsPodTerminating: being deleted and not yet Succeeded or Failed. */
export function isPodTerminating(pod: RawPod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp !== undefined;
}

/**
 * onlyReplaceFailedPods: with podReplacementPolicy Failed, or any podFailurePolicy, a pod being
 * deleted is neither replaced nor counted as failed until it reaches phase Failed.
 */
export function onlyReplaceFailedPods(job: RawJob): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy != null;
}

/**
 * isPodFailed: phase Failed; or, unless onlyReplaceFailedPods, deleted before it succeeded (an
 * orphan that never reaches Failed).
 */
export function isPodFailed(pod: RawPod, job: RawJob): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded';
}

/** The pod is not counted in the Job's status yet (the controller removes the finalizer after). */
export function hasJobTrackingFinalizer(pod: RawPod): boolean {
  const finalizers = pod.metadata.finalizers;
  return Array.isArray(finalizers) && finalizers.includes(JOB_TRACKING_FINALIZER);
}
