// Pods that failed or ran but are no longer there to inspect, and why they went: the Job
// controller deletes the pods still running when a Job fails (kubernetes/kubernetes#78644), which
// under restartPolicy OnFailure is the very pod that kept failing (#74848); TTL and CronJob history
// limits delete whole Jobs; the pod garbage collector and people delete pods.
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { Decisions, PodAnalysis } from './attempts.ts';
import type { EventIndex, EventView } from './events.ts';
import type { JobFacts } from './job-facts.ts';

export type EvidenceGone = DiagnoseOutput['evidenceGone'];

export interface MissingPod {
  pod: string;
  firstSeen: EventView | undefined;
  started: EventView | undefined;
  deletedBy: string | null;
  lastEvent: EventView | undefined;
  /** BackOff events: how often the kubelet restarted its containers (restartPolicy OnFailure). */
  restarts: number;
  deletedAtMs: number | undefined;
}

/** Pods the Events name (kubelet events, or the controller's "Created pod") that no longer exist. */
export function missingPods(pods: readonly PodAnalysis[], events: EventIndex): MissingPod[] {
  const present = new Set(pods.map((p) => p.name));
  const names = new Set<string>([...events.createdPods.keys(), ...events.byPod.keys(), ...events.deletedPods.keys()]);
  const missing: MissingPod[] = [];
  for (const name of names) {
    if (present.has(name)) continue;
    const podEvents = events.byPod.get(name) ?? [];
    const deleted = events.deletedPods.get(name);
    const created = events.createdPods.get(name);
    const firstSeen = [created, podEvents[0]]
      .filter((e): e is EventView => e !== undefined)
      .sort((a, b) => a.atMs - b.atMs)[0];
    missing.push({
      pod: name,
      firstSeen,
      started: podEvents.find((e) => e.reason === 'Started'),
      deletedBy: deleted ? 'job-controller' : null,
      lastEvent: podEvents.at(-1),
      restarts: podEvents
        .filter((e) => e.reason === 'BackOff' && e.message.startsWith('Back-off restarting'))
        .reduce((n, e) => n + e.count, 0),
      deletedAtMs: deleted?.atMs,
    });
  }
  const firstSeen = (m: MissingPod) => m.firstSeen?.atMs ?? m.deletedAtMs ?? Infinity;
  return missing.sort((a, b) => firstSeen(a) - firstSeen(b) || a.pod.localeCompare(b.pod));
}

/**
 * The gone pods the Job controller deleted because the Job failed (deleteActivePods): active at
 * the decision, and counted as failed only after it. Condition times have second precision.
 */
export function deletedWhenJobFailed(missing: readonly MissingPod[], decisions: Decisions): MissingPod[] {
  const failedAt = decisions.failedAt;
  if (failedAt === undefined) return [];
  return missing.filter(
    (m) => m.deletedBy === 'job-controller' && m.deletedAtMs !== undefined && m.deletedAtMs >= failedAt - 1000,
  );
}

export function toEvidenceGone(
  facts: JobFacts,
  pods: readonly PodAnalysis[],
  missing: readonly MissingPod[],
  events: EventIndex,
  decisions: Decisions,
): EvidenceGone {
  const countedPresent = pods.filter((p) => p.counted === true).length;
  const missingFailedPods = Math.max(0, facts.status.failed - countedPresent);
  if (missingFailedPods === 0 && missing.length === 0) return null;
  const why: string[] = [];
  const byController = missing.filter((m) => m.deletedBy === 'job-controller');
  const atFailure = deletedWhenJobFailed(missing, decisions);
  const atSuccess = byController.filter(
    (m) =>
      decisions.failedAt === undefined &&
      decisions.succeededAt !== undefined &&
      m.deletedAtMs !== undefined &&
      m.deletedAtMs >= decisions.succeededAt - 1000,
  );
  if (facts.restartPolicy === 'OnFailure' && atFailure.length > 0) {
    why.push(
      'restartPolicy OnFailure restarts a failing container inside the same pod, so its failures show only as restart counts; when the Job failed, the controller deleted that still-active pod, and its logs and exit codes went with it.',
    );
  } else if (atFailure.length > 0) {
    why.push(
      `The Job controller deletes the pods still running when a Job fails: ${list(atFailure)} (counted as failed).`,
    );
  }
  if (atSuccess.length > 0)
    why.push(
      `The Job controller stopped ${list(atSuccess)} once the Job met its success criteria (not counted as failed).`,
    );
  const unexplained = missing.filter((m) => !atFailure.includes(m) && !atSuccess.includes(m));
  const byControllerOther = unexplained.filter((m) => m.deletedBy === 'job-controller');
  if (byControllerOther.length > 0)
    why.push(
      `The Job controller deleted ${list(byControllerOther)} (suspension or lower parallelism); such pods are not counted.`,
    );
  const byOthers = unexplained.filter((m) => m.deletedBy === null);
  if (byOthers.length > 0) {
    why.push(
      `${list(byOthers)} ${byOthers.length === 1 ? 'was' : 'were'} deleted by something other than the Job controller: kubectl delete, the pod garbage collector (kube-controller-manager --terminated-pod-gc-threshold, or a node that is gone), or an eviction.`,
    );
  }
  const unnamed = missingFailedPods - missing.filter((m) => m.deletedBy === null || atFailure.includes(m)).length;
  if (unnamed > 0) {
    why.push(
      `${unnamed} counted ${unnamed === 1 ? 'failure left' : 'failures left'} neither a pod nor an Event: Events expire after an hour (kube-apiserver --event-ttl), and deleted pods take their status with them.`,
    );
  }
  if (facts.owner?.kind === 'CronJob') {
    why.push(
      `CronJob ${facts.owner.name} deletes its older Jobs with their pods beyond successfulJobsHistoryLimit (default 3) and failedJobsHistoryLimit (default 1).`,
    );
  }
  return {
    missingFailedPods,
    pods: missing.map((m) => ({
      pod: m.pod,
      firstSeenAt: m.firstSeen?.at ?? null,
      // A restarted container's Started event is aggregated: its first occurrence is the start.
      startedAt: m.started ? (m.started.raw.firstTimestamp ?? m.started.at) : null,
      deletedAt: m.deletedBy ? (events.deletedPods.get(m.pod)?.at ?? null) : null,
      deletedBy: m.deletedBy,
      lastEvent: m.lastEvent
        ? {
            reason: m.lastEvent.reason || null,
            message: m.lastEvent.message || null,
            at: m.lastEvent.at,
            count: m.lastEvent.count,
          }
        : null,
    })),
    why,
  };
}

function list(missing: readonly MissingPod[]): string {
  const names = missing.map((m) => m.pod);
  const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  return `${names.length === 1 ? 'pod' : `${names.length} pods`} ${shown}`;
}
