// The Job controller tests' buildPod() (pkg/controller/job/job_controller_test.go), for porting
// their tables: each call returns a new builder, `.pod` the pod built so far.
import type { RawContainerStatus, RawPod } from '../../../../kubernetes/index.ts';

export interface PodBuilder {
  readonly pod: RawPod;
  index(index: string): PodBuilder;
  indexFailureCount(count: string): PodBuilder;
  indexIgnoredFailureCount(count: string): PodBuilder;
  annotation(key: string, value: string): PodBuilder;
  phase(phase: string): PodBuilder;
  status(status: NonNullable<RawPod['status']>): PodBuilder;
  trackingFinalizer(): PodBuilder;
  deletionTimestamp(time?: string): PodBuilder;
}

export function buildPod(pod: RawPod = { metadata: {} }): PodBuilder {
  const annotate = (key: string, value: string): PodBuilder =>
    buildPod({ ...pod, metadata: { ...pod.metadata, annotations: { ...pod.metadata.annotations, [key]: value } } });
  return {
    pod,
    index: (index) => annotate('batch.kubernetes.io/job-completion-index', index),
    indexFailureCount: (count) => annotate('batch.kubernetes.io/job-index-failure-count', count),
    indexIgnoredFailureCount: (count) => annotate('batch.kubernetes.io/job-index-ignored-failure-count', count),
    annotation: annotate,
    phase: (phase) => buildPod({ ...pod, status: { ...pod.status, phase } }),
    status: (status) => buildPod({ ...pod, status }),
    trackingFinalizer: () =>
      buildPod({ ...pod, metadata: { ...pod.metadata, finalizers: ['batch.kubernetes.io/job-tracking'] } }),
    deletionTimestamp: (time = '2009-11-10T23:00:00Z') =>
      buildPod({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: time } }),
  };
}

/** A container status that has terminated with this exit code (and finish time, when given). */
export function terminated(exitCode: number, finishedAt?: string, name = 'main'): RawContainerStatus {
  return { name, state: { terminated: { exitCode, ...(finishedAt ? { finishedAt } : {}) } } };
}
