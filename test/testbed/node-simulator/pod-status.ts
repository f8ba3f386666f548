// Pure builders for the pieces of a pod status the kubelet owns. Condition types, reasons and
// messages follow pkg/kubelet/status/generate.go of Kubernetes 1.36, so that what job-x reads
// from the testbed reads like a real node.
import { createHash, randomBytes } from 'node:crypto';
import type { V1Container, V1ContainerStatus, V1Pod, V1PodCondition } from '@kubernetes/client-node';
import { rfc3339 } from './time.ts';

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** What the runtime reports as image: registry and tag spelled out (docker.io/library/perl:5.34.0). */
export function normalizeImage(image: string): string {
  const [first = '', ...rest] = image.split('/');
  const hasRegistry = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let ref = hasRegistry ? image : rest.length === 0 ? `docker.io/library/${image}` : `docker.io/${image}`;
  const lastSegment = ref.slice(ref.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}

/** A stable digest per image name, so that every pod of a Job reports the same imageID. */
export function imageID(image: string): string {
  const repo = normalizeImage(image).replace(/[:@][^/]*$/, '');
  return `${repo}@sha256:${createHash('sha256').update(image).digest('hex')}`;
}

export function newContainerID(): string {
  return `containerd://${randomBytes(32).toString('hex')}`;
}

export interface ContainerRef {
  spec: V1Container;
  init: boolean;
  /** An init container with restartPolicy Always: runs alongside the main containers. */
  sidecar: boolean;
}

/** Init containers first (in order), then the regular containers. */
export function containersOf(pod: V1Pod): ContainerRef[] {
  return [
    ...(pod.spec?.initContainers ?? []).map((spec) => ({ spec, init: true, sidecar: spec.restartPolicy === 'Always' })),
    ...(pod.spec?.containers ?? []).map((spec) => ({ spec, init: false, sidecar: false })),
  ];
}

function mounts(spec: V1Container): V1ContainerStatus['volumeMounts'] {
  const list = (spec.volumeMounts ?? []).map((m) => ({
    name: m.name,
    mountPath: m.mountPath,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
  return list.length > 0 ? list : undefined;
}

type Base = Omit<V1ContainerStatus, 'state' | 'ready' | 'started'>;

function base(ref: ContainerRef, previous: V1ContainerStatus | undefined, created: boolean): Base {
  return {
    name: ref.spec.name,
    image: created ? normalizeImage(ref.spec.image ?? '') : (ref.spec.image ?? ''),
    imageID: created ? imageID(ref.spec.image ?? '') : '',
    ...(created ? { containerID: previous?.containerID ?? newContainerID() } : {}),
    restartCount: previous?.restartCount ?? 0,
    lastState: previous?.lastState ?? {},
    volumeMounts: mounts(ref.spec),
  };
}

export function waiting(
  ref: ContainerRef,
  previous: V1ContainerStatus | undefined,
  reason: string,
  message?: string,
): V1ContainerStatus {
  const created = previous?.containerID !== undefined;
  return {
    ...base(ref, previous, created),
    state: { waiting: { reason, ...(message ? { message } : {}) } },
    ready: false,
    started: false,
  };
}

export function running(
  ref: ContainerRef,
  previous: V1ContainerStatus | undefined,
  startedAt: number,
): V1ContainerStatus {
  return {
    ...base(ref, previous, true),
    state: { running: { startedAt: rfc3339(startedAt) as unknown as Date } },
    ready: true,
    started: true,
  };
}

export function terminated(
  ref: ContainerRef,
  previous: V1ContainerStatus | undefined,
  exitCode: number,
  reason: string,
  finishedAt: number,
  message?: string,
): V1ContainerStatus {
  const startedAt = previous?.state?.running?.startedAt ?? (previous?.state?.terminated?.startedAt as Date | undefined);
  const wasCreated = previous?.containerID !== undefined;
  return {
    ...base(ref, previous, wasCreated),
    state: {
      terminated: {
        exitCode,
        reason,
        ...(message ? { message } : {}),
        ...(startedAt ? { startedAt } : {}),
        finishedAt: rfc3339(finishedAt) as unknown as Date,
        ...(wasCreated ? { containerID: previous?.containerID } : {}),
      },
    },
    ready: false,
    started: false,
  };
}

/** The reason the runtime gives an exited container. */
export function exitReason(exitCode: number, oom = false): string {
  if (oom) return 'OOMKilled';
  return exitCode === 0 ? 'Completed' : 'Error';
}

function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}

/**
 * The kubelet-owned conditions (PodReadyToStartContainers, Initialized, Ready, ContainersReady)
 * for the given phase and container statuses; every other condition (PodScheduled from the
 * scheduler, DisruptionTarget from the eviction API, readiness gates) is kept as it is.
 * lastTransitionTime moves only when a condition's status changes.
 */
export function podConditions(
  pod: V1Pod,
  phase: Phase,
  initStatuses: V1ContainerStatus[],
  statuses: V1ContainerStatus[],
  extra: V1PodCondition[] = [],
): V1PodCondition[] {
  const refs = containersOf(pod);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const byName = new Map([...initStatuses, ...statuses].map((s) => [s.name, s]));
  const regularStarted = statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  const incompleteInit = refs
    .filter((r) => r.init)
    .filter((r) => {
      const s = byName.get(r.spec.name);
      return r.sidecar ? !s?.started : s?.state?.terminated?.exitCode !== 0;
    })
    .map((r) => r.spec.name);
  const unready = refs
    .filter((r) => !r.init || r.sidecar)
    .filter((r) => !byName.get(r.spec.name)?.ready)
    .map((r) => r.spec.name);

  const terminalReason = phase === 'Failed' ? 'PodFailed' : 'PodCompleted';
  const containersReady: Omit<V1PodCondition, 'type'> = terminal
    ? { status: 'False', reason: terminalReason }
    : unready.length > 0
      ? { status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${goList(unready)}` }
      : { status: 'True' };
  const initialized: Omit<V1PodCondition, 'type'> =
    phase === 'Succeeded'
      ? { status: 'True', reason: 'PodCompleted' }
      : regularStarted || incompleteInit.length === 0
        ? { status: 'True' }
        : {
            status: 'False',
            reason: 'ContainersNotInitialized',
            message: `containers with incomplete status: ${goList(incompleteInit)}`,
          };

  const owned: V1PodCondition[] = [
    { type: 'PodReadyToStartContainers', status: terminal ? 'False' : 'True' },
    { type: 'Initialized', ...initialized },
    { type: 'Ready', ...containersReady },
    { type: 'ContainersReady', ...containersReady },
  ];
  const existing = pod.status?.conditions ?? [];
  const ownedTypes = new Set(owned.map((c) => c.type));
  const now = rfc3339();
  const generation = pod.metadata?.generation;
  const stamp = (c: V1PodCondition): V1PodCondition => {
    const before = existing.find((e) => e.type === c.type);
    return {
      ...c,
      ...(generation !== undefined ? { observedGeneration: generation } : {}),
      lastProbeTime: null as unknown as Date,
      lastTransitionTime: (before && before.status === c.status ? before.lastTransitionTime : now) as Date,
    };
  };
  const others = existing.filter((c) => !ownedTypes.has(c.type) && !extra.some((x) => x.type === c.type));
  if (!others.some((c) => c.type === 'PodScheduled')) others.push(stamp({ type: 'PodScheduled', status: 'True' }));
  return [...owned.map(stamp), ...others, ...extra.map(stamp)];
}
