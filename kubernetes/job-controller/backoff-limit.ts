// When the Job controller fails a Job with reason BackoffLimitExceeded (syncJob and
// pastBackoffLimitOnFailure, pkg/controller/job/job_controller.go, Kubernetes 1.36). Two tests,
// either of which fails the Job: more counted pod failures than backoffLimit, or, with
// restartPolicy OnFailure, container restarts of the pods still running that reach it.
import { podSpecOf } from '../job-spec.ts';
import { str } from '../decoded-access.ts';
import type { RawPod } from '../objects.ts';
import type { JobSpecHolder } from './pod-predicates.ts';

/** exceedsBackoffLimit in syncJob: the counted failures (status.failed plus the new ones) pass backoffLimit. */
export function exceedsBackoffLimit(failed: number, backoffLimit: number): boolean {
  return failed > backoffLimit;
}

/** The restartCount of every init and regular container of the pod, added up (pastBackoffLimitOnFailure's inner loops). */
export function containerRestartsOf(pod: RawPod): number {
  let restarts = 0;
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const count = status.restartCount;
    if (typeof count === 'number' && Number.isFinite(count)) restarts += count;
  }
  return restarts;
}

/**
 * The restarts pastBackoffLimitOnFailure adds up: those of the pods in phase Running or Pending.
 * A pod that has finished, whatever its phase, no longer counts: its restarts drop out of the sum.
 */
export function restartsCountedOnFailure(pods: readonly RawPod[]): number {
  let restarts = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Running' || phase === 'Pending') restarts += containerRestartsOf(pod);
  }
  return restarts;
}

/**
 * The sum of restarts at which pastBackoffLimitOnFailure fails the Job: backoffLimit itself
 * (`result >= backoffLimit`), except that backoffLimit 0 fails it at the first restart (`result > 0`).
 * So backoffLimit 1 and 2 tolerate 0 and 1 restarts: one fewer than they tolerate failed pods.
 */
export function restartsFailingJob(backoffLimit: number): number {
  return backoffLimit === 0 ? 1 : backoffLimit;
}

/**
 * pastBackoffLimitOnFailure: under restartPolicy OnFailure, whether the container restarts of the
 * Job's running and pending pods have reached backoffLimit. Always false under any other policy.
 */
export function pastBackoffLimitOnFailure(job: JobSpecHolder, backoffLimit: number, pods: readonly RawPod[]): boolean {
  if (str(podSpecOf(job.spec ?? {}), 'restartPolicy') !== 'OnFailure') return false;
  return restartsCountedOnFailure(pods) >= restartsFailingJob(backoffLimit);
}
