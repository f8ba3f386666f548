// The finalizer that keeps a Job's pod until the controller has counted it
// (hasJobTrackingFinalizer, pkg/controller/job/tracking_utils.go, Kubernetes 1.36).
import type { RawPod } from '../objects.ts';
import { JOB_TRACKING_FINALIZER } from './well-known-names.ts';

/**
 * hasJobTrackingFinalizer: the pod still carries batch.kubernetes.io/job-tracking, so its end is
 * not in the Job's status yet (the controller removes the finalizer once it has counted it).
 */
export function hasJobTrackingFinalizer(pod: RawPod): boolean {
  const finalizers = pod.metadata.finalizers;
  return Array.isArray(finalizers) && finalizers.includes(JOB_TRACKING_FINALIZER);
}
