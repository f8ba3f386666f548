// Failures per index under backoffLimitPerIndex: the two annotations the controller carries from
// a failed pod to its replacement, and when an index has failed for good
// (pkg/controller/job/indexed_job_utils.go, Kubernetes 1.36).
import { int } from '../decoded-access.ts';
import { atoi, MAX_INT32 } from '../go-integers.ts';
import { podFailurePolicyRules } from '../job-spec.ts';
import type { RawPod } from '../objects.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import { isPodFailed, type JobSpecHolder } from './pod-predicates.ts';
import { JOB_INDEX_FAILURE_COUNT_ANNOTATION, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION } from './well-known-names.ts';

export interface IndexFailureCounts {
  /** Failures counted against backoffLimitPerIndex. */
  readonly failures: number;
  /** Failures the pod failure policy ignored (rule action Ignore). */
  readonly ignored: number;
}

/** The annotation's value when the pod has the key (own property; any value, readable or not). */
function annotation(pod: RawPod, key: string): unknown {
  const annotations = pod.metadata.annotations;
  return annotations !== undefined && Object.hasOwn(annotations, key) ? annotations[key] : undefined;
}

/** parseInt32: what strconv.Atoi cannot read, a negative value or one past MaxInt32 is 0. */
function parseInt32(value: unknown): number {
  const parsed = typeof value === 'string' ? atoi(value) : undefined;
  return parsed === undefined || parsed < 0 || parsed > MAX_INT32 ? 0 : parsed;
}

/**
 * Whether the pod carries job-index-failure-count at all. parseIndexFailureCountAnnotation reads
 * a present key through parseInt32, so a present but unreadable value is a count of 0, not "no
 * count": this is what tells a pod created under backoffLimitPerIndex from one created without it.
 */
export function hasIndexFailureCountAnnotation(pod: RawPod): boolean {
  const annotations = pod.metadata.annotations;
  return annotations !== undefined && Object.hasOwn(annotations, JOB_INDEX_FAILURE_COUNT_ANNOTATION);
}

/** parseIndexFailureCountAnnotation (getIndexFailureCount): 0 when absent or unreadable. */
export function indexFailureCountOf(pod: RawPod): number {
  return parseInt32(annotation(pod, JOB_INDEX_FAILURE_COUNT_ANNOTATION));
}

/** parseIndexFailureIgnoreCountAnnotation: 0 when absent or unreadable. */
export function indexIgnoredFailureCountOf(pod: RawPod): number {
  return parseInt32(annotation(pod, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION));
}

/** getIndexAbsoluteFailureCount: counted and ignored failures of the index before this pod. */
export function indexAbsoluteFailureCountOf(pod: RawPod): number {
  return indexFailureCountOf(pod) + indexIgnoredFailureCountOf(pod);
}

/**
 * getNewIndexFailureCounts: the counts the replacement of `podBeingReplaced` is created with: the
 * failed pod's own counts plus its failure, as ignored when a pod failure policy rule says so.
 * No pod being replaced (the index's first pod) gives 0 and 0.
 */
export function newIndexFailureCounts(job: JobSpecHolder, podBeingReplaced: RawPod | null): IndexFailureCounts {
  if (podBeingReplaced === null) return { failures: 0, ignored: 0 };
  const failures = indexFailureCountOf(podBeingReplaced);
  const ignored = indexIgnoredFailureCountOf(podBeingReplaced);
  const spec = job.spec ?? {};
  const hasPolicy = spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null;
  const countFailed =
    !hasPolicy || (matchPodFailurePolicy(podFailurePolicyRules(spec), podBeingReplaced)?.countFailed ?? true);
  return countFailed ? { failures: failures + 1, ignored } : { failures, ignored: ignored + 1 };
}

/**
 * isIndexFailed: the pod failed and a FailIndex rule matched it, or its failure counts and the
 * index had already used every retry (job-index-failure-count >= backoffLimitPerIndex). Only
 * meaningful with backoffLimitPerIndex (the controller calls it only then): false without it.
 */
export function isIndexFailed(job: JobSpecHolder, pod: RawPod): boolean {
  const spec = job.spec ?? {};
  const backoffLimitPerIndex = int(spec, 'backoffLimitPerIndex');
  if (backoffLimitPerIndex === undefined || !isPodFailed(pod, job)) return false;
  let countFailed = true;
  if (spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null) {
    const match = matchPodFailurePolicy(podFailurePolicyRules(spec), pod);
    if (match?.action === 'FailIndex') return true;
    countFailed = match?.countFailed ?? true;
  }
  return countFailed && indexFailureCountOf(pod) >= backoffLimitPerIndex;
}
