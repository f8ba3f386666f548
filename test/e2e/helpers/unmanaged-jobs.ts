// Many Jobs at once, written as their controller, the scheduler and the kubelets would leave them,
// for the sweep's end-to-end test and bench:sweep. Each Job has `spec.managedBy` set to another
// controller, so the built-in Job controller leaves it alone, and its pods use a scheduler nobody
// runs, so the shared node simulator never sees them: creating a thousand real Jobs would take the
// controller and the simulator many minutes, and what the sweep reads is the same either way.
//
// Job i has `podsPerJob` pods. Every `failingEvery`-th Job is Failing: its first pod failed with
// exit code 1 (with the kubelet's Warning Event), the others succeeded, no condition yet. The
// others are Complete (SuccessCriteriaMet and Complete, every pod succeeded).
// Each pod gets the scheduler's and the kubelet's Normal Events (Scheduled, Pulled, Created,
// Started), each Job the controller's "Created pod" Events.
import { randomBytes } from 'node:crypto';
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { cluster } from './cluster.ts';
import { loadJob, withSpec } from './jobs.ts';

export interface UnmanagedJobsOptions {
  jobs: number;
  podsPerJob: number;
  failingEvery: number;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** Told after each Job is written. */
  onJob?: (written: number) => void;
}

export interface UnmanagedJobs {
  /** Every Job's name, `sweep-<i>`. */
  names: string[];
  /** The failing ones. */
  failing: string[];
  pods: number;
  events: number;
}

const MANAGER = 'example.com/job-x-bench';

type Json = Record<string, unknown>;

/** Writes the Jobs into `namespace` (which must exist). */
export async function writeUnmanagedJobs(namespace: string, options: UnmanagedJobsOptions): Promise<UnmanagedJobs> {
  const names = Array.from({ length: options.jobs }, (_, i) => `sweep-${i}`);
  const failing = names.filter((_, i) => i % options.failingEvery === 0);
  const failingSet = new Set(failing);
  const totals = { pods: 0, events: 0, written: 0 };
  const concurrency = options.concurrency ?? 16;
  for (let start = 0; start < names.length; start += concurrency) {
    await Promise.all(
      names.slice(start, start + concurrency).map(async (name) => {
        const counts = await writeJob(namespace, name, options.podsPerJob, failingSet.has(name));
        totals.pods += counts.pods;
        totals.events += counts.events;
        options.onJob?.(++totals.written);
      }),
    );
  }
  return { names, failing, pods: totals.pods, events: totals.events };
}

async function writeJob(
  namespace: string,
  name: string,
  podsPerJob: number,
  failing: boolean,
): Promise<{ pods: number; events: number }> {
  const manifest = withSpec(loadJob('pi'), {
    completions: podsPerJob,
    parallelism: podsPerJob,
    managedBy: MANAGER,
    template: { spec: { schedulerName: 'job-x-bench' } },
  });
  manifest.metadata = { name };
  const job = await cluster().batch.createNamespacedJob({ namespace, body: manifest });
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const events: Json[] = [];
  for (let i = 0; i < podsPerJob; i++) {
    const pod = await writePod(namespace, job, failing && i === 0, now);
    events.push(jobEvent(job, 'SuccessfulCreate', `Created pod: ${pod.metadata!.name}`, 'Normal', now));
    events.push(...podEvents(pod, failing && i === 0, now));
  }
  const succeeded = failing ? podsPerJob - 1 : podsPerJob;
  const condition = (type: string) => ({ type, status: 'True', lastTransitionTime: now, lastProbeTime: now });
  const status: Json = failing
    ? { startTime: now, active: 0, ready: 0, terminating: 0, succeeded, failed: 1 }
    : {
        startTime: now,
        completionTime: now,
        active: 0,
        ready: 0,
        terminating: 0,
        succeeded,
        conditions: [condition('SuccessCriteriaMet'), condition('Complete')],
      };
  await cluster().batch.replaceNamespacedJobStatus({
    name,
    namespace,
    body: { ...job, status: status as V1Job['status'] },
  });
  for (const body of events) await cluster().core.createNamespacedEvent({ namespace, body: body as never });
  return { pods: podsPerJob, events: events.length };
}

async function writePod(namespace: string, job: V1Job, failed: boolean, now: string): Promise<V1Pod> {
  const template = job.spec!.template;
  const pod = await cluster().core.createNamespacedPod({
    namespace,
    body: {
      metadata: {
        generateName: `${job.metadata!.name}-`,
        labels: { ...template.metadata?.labels },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: job.metadata!.name!,
            uid: job.metadata!.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: template.spec!,
    },
  });
  const container = template.spec!.containers[0]!;
  const exitCode = failed ? 1 : 0;
  const status = {
    phase: failed ? 'Failed' : 'Succeeded',
    startTime: now,
    conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: now }],
    containerStatuses: [
      {
        name: container.name,
        image: container.image,
        imageID: `${container.image}@sha256:${'0'.repeat(64)}`,
        ready: false,
        restartCount: 0,
        started: false,
        state: {
          terminated: { exitCode, reason: failed ? 'Error' : 'Completed', startedAt: now, finishedAt: now },
        },
      },
    ],
  };
  return cluster().core.replaceNamespacedPodStatus({
    name: pod.metadata!.name!,
    namespace,
    body: { ...pod, spec: { ...pod.spec!, nodeName: 'testbed-node-1' }, status: status as unknown as V1Pod['status'] },
  });
}

function event(involved: Json, reason: string, message: string, type: string, component: string, now: string): Json {
  return {
    metadata: {
      name: `${String(involved.name)}.${randomBytes(8).toString('hex')}`,
      namespace: involved.namespace,
    },
    involvedObject: involved,
    reason,
    message,
    type,
    source: { component },
    reportingComponent: component,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  };
}

function jobEvent(job: V1Job, reason: string, message: string, type: string, now: string): Json {
  const { name, namespace, uid } = job.metadata!;
  return event(
    { apiVersion: 'batch/v1', kind: 'Job', name, namespace, uid },
    reason,
    message,
    type,
    'job-controller',
    now,
  );
}

function podEvents(pod: V1Pod, failed: boolean, now: string): Json[] {
  const { name, namespace, uid } = pod.metadata!;
  const ref = { apiVersion: 'v1', kind: 'Pod', name, namespace, uid };
  const image = pod.spec!.containers[0]!.image;
  const events = [
    event(
      ref,
      'Scheduled',
      `Successfully assigned ${namespace}/${name} to testbed-node-1`,
      'Normal',
      'default-scheduler',
      now,
    ),
    event(ref, 'Pulled', `Container image "${image}" already present on machine`, 'Normal', 'kubelet', now),
    event(ref, 'Created', 'Created container', 'Normal', 'kubelet', now),
    event(ref, 'Started', 'Started container', 'Normal', 'kubelet', now),
  ];
  if (failed) events.push(event(ref, 'Failed', 'Error: container exited with code 1', 'Warning', 'kubelet', now));
  return events;
}
