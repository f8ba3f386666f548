// Which pods and Events belong to a Job, and in what order the views take them: the same rules
// whether the snapshot is fetched from the cluster (fetch-snapshot.ts) or read from a List a user
// saved with `kubectl get job,pods,events -o yaml` (snapshot-document.ts).
import type { RawEvent, RawJob, RawPod } from '../../kubernetes/index.ts';

/** Whether the Job is the pod's controller: the controller counts only the pods it owns. */
export function isOwnedBy(pod: RawPod, job: RawJob): boolean {
  const uid = job.metadata.uid;
  return uid !== undefined && (pod.metadata.ownerReferences ?? []).some((o) => o.controller === true && o.uid === uid);
}

/** Oldest first (then by name), as the views list attempts. */
export function byCreation(a: RawPod, b: RawPod): number {
  return (
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  );
}

/** When an Event last happened, for ordering: lastTimestamp, else eventTime, else its creation. */
export function eventTime(event: RawEvent): string {
  return event.lastTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp ?? '';
}

export function byEventTime(a: RawEvent, b: RawEvent): number {
  return eventTime(a).localeCompare(eventTime(b));
}

const CREATED_POD = /Created pod: (\S+)$/; // also "(combined from similar events): Created pod: x"

/**
 * An Event of a pod belongs to the Job when the pod is one of its live pods, or one the Job
 * created (its "Created pod: NAME" Events), or, for pods whose creation Events were aggregated
 * away, when the pod's name has the Job controller's form (NAME-xxxxx, NAME-INDEX-xxxxx) and the
 * Event is not older than the Job.
 */
export function belongsToJob(
  job: RawJob,
  pods: readonly RawPod[],
  jobEvents: readonly RawEvent[],
): (event: RawEvent) => boolean {
  const uids = new Set(pods.map((p) => p.metadata.uid));
  const names = new Set(pods.map((p) => p.metadata.name));
  for (const event of jobEvents) {
    const created = CREATED_POD.exec(event.message ?? '');
    if (created) names.add(created[1]);
  }
  const jobName = job.metadata.name ?? '';
  // The name is data: every character of it literal (a name read from a file may hold `[` or `(`).
  const generated = new RegExp(`^${jobName.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}-(?:\\d+-)?[a-z0-9]{5}$`);
  const since = job.metadata.creationTimestamp ?? '';
  return (event) => {
    const involved = event.involvedObject;
    if (!involved?.name) return false;
    if (involved.uid && uids.has(involved.uid)) return true;
    if (names.has(involved.name)) return true;
    return generated.test(involved.name) && eventTime(event) >= since;
  };
}
