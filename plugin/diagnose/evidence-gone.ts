// Pods that failed or ran but are no longer there to inspect, and why they went: the Job
// controller deletes the pods still running when a Job fails (kubernetes/kubernetes#78644), which
// under restartPolicy OnFailure is the very pod that kept failing (#74848); TTL and CronJob history
// limits delete whole Jobs; the pod garbage collector and people delete pods.
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { Decisions, PodAnalysis } from './attempts.ts';
import type { EventIndex, EventView } from './events.ts';
import type { JobFacts } from './job-facts.ts';

/** What the output says about pods that are gone; wording/gone-words.ts says `why`. */
export type EvidenceGone = Omit<NonNullable<DiagnoseOutput['evidenceGone']>, 'why'> & { why: GoneReason[] };

/** Why pods are gone, most likely first. */
export type GoneReason =
  | { code: 'on-failure-pod-deleted' }
  | { code: 'deleted-at-failure'; pods: string[] }
  | { code: 'stopped-at-success'; pods: string[] }
  | { code: 'deleted-by-controller'; pods: string[] }
  | { code: 'deleted-by-others'; pods: string[] }
  | { code: 'no-trace'; failures: number }
  | { code: 'cronjob-history'; cronJob: string };

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
): EvidenceGone | null {
  const countedPresent = pods.filter((p) => p.counted === true).length;
  const missingFailedPods = Math.max(0, facts.status.failed - countedPresent);
  if (missingFailedPods === 0 && missing.length === 0) return null;
  const why: GoneReason[] = [];
  const byController = missing.filter((m) => m.deletedBy === 'job-controller');
  const atFailure = deletedWhenJobFailed(missing, decisions);
  const atSuccess = byController.filter(
    (m) =>
      decisions.failedAt === undefined &&
      decisions.succeededAt !== undefined &&
      m.deletedAtMs !== undefined &&
      m.deletedAtMs >= decisions.succeededAt - 1000,
  );
  const names = (list: readonly MissingPod[]) => list.map((m) => m.pod);
  if (facts.restartPolicy === 'OnFailure' && atFailure.length > 0) why.push({ code: 'on-failure-pod-deleted' });
  else if (atFailure.length > 0) why.push({ code: 'deleted-at-failure', pods: names(atFailure) });
  if (atSuccess.length > 0) why.push({ code: 'stopped-at-success', pods: names(atSuccess) });
  const unexplained = missing.filter((m) => !atFailure.includes(m) && !atSuccess.includes(m));
  const byControllerOther = unexplained.filter((m) => m.deletedBy === 'job-controller');
  if (byControllerOther.length > 0) why.push({ code: 'deleted-by-controller', pods: names(byControllerOther) });
  const byOthers = unexplained.filter((m) => m.deletedBy === null);
  if (byOthers.length > 0) why.push({ code: 'deleted-by-others', pods: names(byOthers) });
  const unnamed = missingFailedPods - missing.filter((m) => m.deletedBy === null || atFailure.includes(m)).length;
  if (unnamed > 0) why.push({ code: 'no-trace', failures: unnamed });
  if (facts.owner?.kind === 'CronJob') why.push({ code: 'cronjob-history', cronJob: facts.owner.name });
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
