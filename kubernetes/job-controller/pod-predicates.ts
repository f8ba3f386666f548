// Which pods of a Job are active, terminating or failed, as the Job controller decides it
// (pkg/controller/controller_utils.go and pkg/controller/job/job_controller.go, Kubernetes 1.36).
import type { RawJob, RawPod } from '../objects.ts';

/** What the predicates read of the Job: its spec. */
export type JobSpecHolder = Pick<RawJob, 'spec'>;

function isTerminalPhase(pod: RawPod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** controller.IsPodActive: neither Succeeded nor Failed, and not being deleted. */
export function isPodActive(pod: RawPod): boolean {
  return !isTerminalPhase(pod) && pod.metadata.deletionTimestamp === undefined;
}

/** controller.IsPodTerminating: being deleted and not yet Succeeded or Failed (status.terminating counts these). */
export function isPodTerminating(pod: RawPod): boolean {
  return !isTerminalPhase(pod) && pod.metadata.deletionTimestamp !== undefined;
}

/**
 * onlyReplaceFailedPods (job_controller.go): with podReplacementPolicy Failed, or any pod failure
 * policy, a pod being deleted is neither replaced nor counted as failed until it reaches phase
 * Failed. (The JobPodReplacementPolicy gate is GA and always on.)
 */
export function onlyReplaceFailedPods(job: JobSpecHolder): boolean {
  const spec = job.spec;
  if (spec === undefined) return false;
  return (
    spec.podReplacementPolicy === 'Failed' || (spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null)
  );
}

/**
 * isPodFailed (job_controller.go): phase Failed; or, unless onlyReplaceFailedPods, deleted before
 * it succeeded, which counts the orphans that never reach the Failed phase.
 */
export function isPodFailed(pod: RawPod, job: JobSpecHolder): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded';
}
