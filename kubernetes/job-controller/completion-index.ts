// A pod's completion index as the Job controller reads it (getCompletionIndex,
// pkg/controller/job/indexed_job_utils.go, Kubernetes 1.36).
import { atoi } from '../go-integers.ts';
import type { RawPod } from '../objects.ts';
import { JOB_COMPLETION_INDEX_ANNOTATION } from './well-known-names.ts';

/**
 * getCompletionIndex: the job-completion-index annotation (never the label of the same name,
 * which the controller only writes) read with strconv.Atoi; null where the controller gets
 * unknownCompletionIndex: absent, unreadable or negative. A value past 2^53 is null too: the
 * controller would read it, but it is past any completions (an int32), so every caller treats
 * it as the controller does an out-of-range index.
 */
export function completionIndexOf(pod: RawPod): number | null {
  const annotations = pod.metadata.annotations;
  if (annotations === undefined || !Object.hasOwn(annotations, JOB_COMPLETION_INDEX_ANNOTATION)) return null;
  const text: unknown = annotations[JOB_COMPLETION_INDEX_ANNOTATION];
  const index = typeof text === 'string' ? atoi(text) : undefined;
  return index === undefined || index < 0 || !Number.isSafeInteger(index) ? null : index;
}
