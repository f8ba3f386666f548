// Hand-built snapshots for the cases the recordings do not cover (100,000 completions, odd status
// strings, pods the controller has not counted yet). Shaped like the API server's JSON.
import type { RawJob, RawPod } from '../../../../kubernetes/objects.ts';
import type { JobSnapshot } from '../../../../plugin/job-snapshot.ts';

export const NOW = '2026-11-23T16:10:00Z';

export function indexedJob(spec: Record<string, unknown>, status: RawJob['status'] = {}): RawJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'work', namespace: 'team', uid: 'uid-1', creationTimestamp: '2026-11-23T16:00:00Z' },
    spec: {
      completionMode: 'Indexed',
      parallelism: 3,
      backoffLimit: 6,
      podReplacementPolicy: 'TerminatingOrFailed',
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
      ...spec,
    },
    status: { startTime: '2026-11-23T16:00:01Z', ...status },
  };
}

export interface PodOptions {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** The controller's job-tracking finalizer (the pod is not counted in the status yet). */
  tracked?: boolean;
  /** deletionTimestamp set. */
  deleting?: boolean;
  failureCount?: number;
  ignoredFailureCount?: number;
  exitCode?: number;
  reason?: string;
  conditions?: { type: string; status: string; reason?: string }[];
  name?: string;
  created?: string;
}

let counter = 0;

export function indexPod(index: number, options: PodOptions = {}): RawPod {
  const phase = options.phase ?? 'Running';
  const annotations: Record<string, string> = { 'batch.kubernetes.io/job-completion-index': String(index) };
  if (options.failureCount !== undefined)
    annotations['batch.kubernetes.io/job-index-failure-count'] = String(options.failureCount);
  if (options.ignoredFailureCount !== undefined)
    annotations['batch.kubernetes.io/job-index-ignored-failure-count'] = String(options.ignoredFailureCount);
  const terminated = phase === 'Succeeded' || phase === 'Failed';
  const exitCode = options.exitCode ?? (phase === 'Failed' ? 1 : 0);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name ?? `work-${index}-${(counter++).toString(36).padStart(5, 'x')}`,
      namespace: 'team',
      creationTimestamp: options.created ?? '2026-11-23T16:05:00Z',
      labels: { 'batch.kubernetes.io/job-completion-index': String(index), 'batch.kubernetes.io/job-name': 'work' },
      annotations,
      ...(options.tracked ? { finalizers: ['batch.kubernetes.io/job-tracking'] } : {}),
      ...(options.deleting ? { deletionTimestamp: '2026-11-23T16:09:00Z' } : {}),
    },
    spec: { nodeName: 'node-1' },
    status: {
      phase,
      ...(options.conditions ? { conditions: options.conditions } : {}),
      containerStatuses: [
        {
          name: 'main',
          state: terminated
            ? {
                terminated: {
                  exitCode,
                  reason: options.reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
                  finishedAt: '2026-11-23T16:06:00Z',
                },
              }
            : phase === 'Running'
              ? { running: { startedAt: '2026-11-23T16:05:02Z' } }
              : { waiting: { reason: options.reason ?? 'ContainerCreating' } },
        },
      ],
    },
  };
}

export function snapshotOf(job: RawJob, pods: RawPod[] = []): JobSnapshot {
  return { job, pods, events: [], now: NOW, logTail: null };
}

/** `0,2,4,...`: every other index of 0..size-1, as the controller writes it. */
export function everyOther(size: number, offset = 0): string {
  const parts: string[] = [];
  for (let i = offset; i < size; i += 2) parts.push(String(i));
  return parts.join(',');
}
