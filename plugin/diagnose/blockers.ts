// What keeps a Job that has not finished from making progress: pods that cannot be created,
// scheduled, pulled or started, pods that never finish terminating, a parallelism of 0. Each
// blocker is a job-x reason code (documented in schemas/diagnose-output.schema.json).
import type { PodAnalysis } from './attempts.ts';
import { STUCK_TERMINATING_SECONDS } from './attempts.ts';
import { latest, type EventIndex, type EventView } from './events.ts';
import type { JobFacts } from './job-facts.ts';
import { isObject } from '../../kubernetes/index.ts';
import { CONTAINER_CONFIG_REASONS, IMAGE_PULL_REASONS } from './waiting-reasons.ts';

export type BlockerReason =
  | 'ParallelismZero'
  | 'PodCreationFailing'
  | 'PodsUnschedulable'
  | 'PodsSchedulingGated'
  | 'PodsNotScheduled'
  | 'PodsNotStarting'
  | 'ImagePullFailing'
  | 'ContainerConfigError'
  | 'VolumeMountFailing'
  | 'PodsStuckTerminating';

/** Most blocking first: the first one present becomes the Job's reason. */
const PRIORITY: readonly BlockerReason[] = [
  'ParallelismZero',
  'PodCreationFailing',
  'PodsUnschedulable',
  'PodsSchedulingGated',
  'PodsNotScheduled',
  'PodsNotStarting',
  'ImagePullFailing',
  'ContainerConfigError',
  'VolumeMountFailing',
  'PodsStuckTerminating',
];

export interface Blocker {
  reason: BlockerReason;
  pods: PodAnalysis[];
  /** The Kubernetes message that shows it (scheduler, kubelet, API server, pod condition), quoted as is. */
  message: string | null;
  /** The container concerned, for image and config problems. */
  container: string | null;
  /** The image that cannot be pulled. */
  image: string | null;
  /** PodsSchedulingGated: the scheduling gates of the first pod that has any. */
  gates: string[];
  /** PodsNotScheduled: the schedulerName nobody serves. */
  scheduler: string | null;
  /** PodsNotStarting: the node whose kubelet reports nothing. */
  node: string | null;
  /** PodsNotScheduled, PodsNotStarting: seconds since the pod was created. */
  ageSeconds: number | null;
  event: EventView | undefined;
}

const PENDING_EVENT_REASONS: Record<string, string[]> = {
  PodsUnschedulable: ['FailedScheduling'],
  ImagePullFailing: ['Failed', 'BackOff'],
  ContainerConfigError: ['Failed'],
  VolumeMountFailing: ['FailedMount', 'FailedAttachVolume'],
};

/** A pod nobody has scheduled for this long: no scheduler serves its schedulerName, or it is swamped. */
export const NOT_SCHEDULED_SECONDS = 60;
/** A pod bound this long without any status from its node: the kubelet is not running it. */
export const NOT_STARTED_SECONDS = 120;

export function findBlockers(
  facts: JobFacts,
  pods: readonly PodAnalysis[],
  events: EventIndex,
  now: number,
): Blocker[] {
  const found = new Map<BlockerReason, Blocker>();
  const add = (
    reason: BlockerReason,
    pod: PodAnalysis | null,
    details: Partial<Omit<Blocker, 'reason' | 'pods'>> = {},
  ) => {
    const blocker = found.get(reason) ?? {
      reason,
      pods: [],
      message: null,
      container: null,
      image: null,
      gates: [],
      scheduler: null,
      node: null,
      ageSeconds: null,
      event: undefined,
    };
    if (pod) blocker.pods.push(pod);
    // The first pod that says why speaks for all: its gates, else its message.
    if (blocker.gates.length === 0 && blocker.message === null) blocker.gates = details.gates ?? [];
    blocker.message ??= details.message ?? null;
    blocker.scheduler ??= details.scheduler ?? null;
    blocker.node ??= details.node ?? null;
    blocker.ageSeconds ??= details.ageSeconds ?? null;
    blocker.container ??= details.container ?? null;
    blocker.image ??= details.image ?? null;
    blocker.event ??= details.event;
    found.set(reason, blocker);
  };

  if (facts.parallelism === 0) add('ParallelismZero', null);

  // FailedCreate after the last successful creation, with fewer pods than the Job wants.
  const failedCreate = latest(events.job, 'FailedCreate');
  const created = latest(events.job, 'SuccessfulCreate');
  if (failedCreate && (!created || failedCreate.atMs >= created.atMs)) {
    const running = pods.filter((p) => p.active || (p.terminating && facts.onlyReplaceFailedPods)).length;
    if (running < wantActive(facts))
      add('PodCreationFailing', null, {
        message: failedCreate.message.replace(/^Error creating: /, ''),
        event: failedCreate,
      });
  }

  for (const pod of pods) {
    if (!pod.active || pod.raw.status?.phase !== 'Pending') continue;
    const podEvents = events.byPod.get(pod.name);
    const scheduled = pod.raw.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'SchedulingGated') {
      const gates = schedulingGatesOf(pod);
      add('PodsSchedulingGated', pod, gates.length > 0 ? { gates } : { message: scheduled.message ?? null });
      continue;
    }
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      const event = latest(podEvents, ...PENDING_EVENT_REASONS.PodsUnschedulable!);
      add('PodsUnschedulable', pod, { message: scheduled.message ?? event?.message ?? null, event });
      continue;
    }
    const statuses = [...(pod.raw.status?.initContainerStatuses ?? []), ...(pod.raw.status?.containerStatuses ?? [])];
    const age = (now - pod.createdMs) / 1000;
    const node = typeof pod.raw.spec?.nodeName === 'string' ? pod.raw.spec.nodeName : undefined;
    if (!node && scheduled === undefined && age >= NOT_SCHEDULED_SECONDS) {
      const scheduler =
        typeof pod.raw.spec?.schedulerName === 'string' ? pod.raw.spec.schedulerName : 'default-scheduler';
      add('PodsNotScheduled', pod, { scheduler, ageSeconds: age });
      continue;
    }
    if (node && statuses.length === 0 && !pod.raw.status?.startTime && age >= NOT_STARTED_SECONDS) {
      add('PodsNotStarting', pod, { node, ageSeconds: age });
      continue;
    }
    const image = statuses.find((s) => IMAGE_PULL_REASONS.has(s.state?.waiting?.reason ?? ''));
    if (image) {
      const event = latest(podEvents, 'Failed');
      const pullEvent = podEvents
        ?.filter((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image'))
        .at(-1);
      add('ImagePullFailing', pod, {
        message: pullEvent?.message ?? image.state?.waiting?.message ?? event?.message ?? null,
        container: image.name,
        image: imageOf(pod, image.name) ?? (typeof image.image === 'string' ? image.image : null),
        event: pullEvent ?? event,
      });
      continue;
    }
    const config = statuses.find((s) => CONTAINER_CONFIG_REASONS.has(s.state?.waiting?.reason ?? ''));
    if (config) {
      add('ContainerConfigError', pod, {
        message: config.state?.waiting?.message ?? null,
        container: config.name,
        event: latest(podEvents, 'Failed'),
      });
      continue;
    }
    const mount = latest(podEvents, ...PENDING_EVENT_REASONS.VolumeMountFailing!);
    if (
      mount &&
      statuses.some(
        (s) => s.state?.waiting?.reason === 'ContainerCreating' || s.state?.waiting?.reason === 'PodInitializing',
      )
    ) {
      add('VolumeMountFailing', pod, { message: mount.message, event: mount });
    }
  }

  // Terminating pods past their grace period block a Job that waits for them: replacements
  // (podReplacementPolicy Failed) or, with no other pod, everything.
  const stuck = pods.filter((p) => p.terminating && p.overdueSeconds >= STUCK_TERMINATING_SECONDS);
  if (stuck.length > 0 && (facts.onlyReplaceFailedPods || !pods.some((p) => p.active))) {
    for (const pod of stuck) add('PodsStuckTerminating', pod);
  }

  return PRIORITY.filter((reason) => found.has(reason)).map((reason) => found.get(reason)!);
}

/** manageJob's wantActive: parallelism, capped by the completions still missing. */
export function wantActive(facts: JobFacts): number {
  if (facts.completions === null) return facts.status.succeeded > 0 ? 0 : facts.parallelism;
  return Math.max(0, Math.min(facts.completions - facts.status.succeeded, facts.parallelism));
}

/** The names of the pod's scheduling gates (decoded data: only string names count). */
function schedulingGatesOf(pod: PodAnalysis): string[] {
  const gates = pod.raw.spec?.schedulingGates;
  if (!Array.isArray(gates)) return [];
  return gates
    .map((g: unknown) => (isObject(g) && typeof g.name === 'string' ? g.name : ''))
    .filter((name) => name !== '');
}

/** The image the pod spec gives the container (decoded data: only string images count). */
function imageOf(pod: PodAnalysis, container: string): string | null {
  for (const key of ['initContainers', 'containers']) {
    const list: unknown = pod.raw.spec?.[key];
    const found = Array.isArray(list) ? list.find((c) => isObject(c) && c.name === container) : undefined;
    if (isObject(found) && typeof found.image === 'string' && found.image) return found.image;
  }
  return null;
}
