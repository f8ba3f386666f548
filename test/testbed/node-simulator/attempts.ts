// Which attempt a pod is: the n-th pod of its Job (of its index, for Indexed Jobs).
//
// Counted from the pods seen so far, ordered by creation, rather than with a bare counter bumped
// per new pod: after a simulator restart the pods still in the API (failed attempts stay until
// the Job is deleted) give the same numbers again. Pods deleted while the simulator was down are
// the only ones it cannot know about.
import type { V1Pod } from '@kubernetes/client-node';
import { completionIndexOf } from './outcomes.ts';
import { millis } from './time.ts';

interface Member {
  uid: string;
  created: number;
  /** Order of first sight: watch events arrive in etcd order, so this breaks same-second ties. */
  seen: number;
}

export class Attempts {
  private readonly groups = new Map<string, Member[]>();
  private readonly frozen = new Map<string, number>();
  private seenCounter = 0;

  /** Records a pod; call for every pod the informer reports, before asking for attempts. */
  observe(pod: V1Pod): void {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    const key = groupKey(pod);
    let members = this.groups.get(key);
    if (!members) {
      members = [];
      this.groups.set(key, members);
    }
    if (members.some((m) => m.uid === uid)) return;
    members.push({ uid, created: millis(pod.metadata?.creationTimestamp) ?? 0, seen: this.seenCounter++ });
  }

  /**
   * The 1-based attempt number of a pod. Fixed at the first call, so that later pods (or a
   * relist in a different order) never renumber a pod that is already running its outcome.
   */
  attemptOf(pod: V1Pod): number {
    const uid = pod.metadata?.uid ?? '';
    const known = this.frozen.get(uid);
    if (known !== undefined) return known;
    this.observe(pod);
    const members = [...(this.groups.get(groupKey(pod)) ?? [])].sort(
      (a, b) => a.created - b.created || a.seen - b.seen,
    );
    const attempt = members.findIndex((m) => m.uid === uid) + 1;
    this.frozen.set(uid, attempt);
    return attempt;
  }
}

/** The Job's uid (plus the completion index) for Job pods; the pod itself otherwise. */
function groupKey(pod: V1Pod): string {
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller && o.kind === 'Job');
  const job = owner?.uid ?? pod.metadata?.labels?.['batch.kubernetes.io/controller-uid'];
  if (!job) return `pod/${pod.metadata?.uid}`;
  const index = completionIndexOf(pod);
  return index === undefined ? `job/${job}` : `job/${job}/${index}`;
}
