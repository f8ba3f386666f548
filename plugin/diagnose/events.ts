// The snapshot's Events, indexed by the object they are about. Events outlive the pods they
// describe (until kube-apiserver's --event-ttl, 1 h by default), so they are the only trace of
// pods already deleted.
import type { RawEvent } from '../../kubernetes/index.ts';
import { toMillis } from '../../kubernetes/index.ts';

export interface EventView {
  raw: RawEvent;
  kind: string | undefined;
  name: string | undefined;
  reason: string;
  message: string;
  type: string;
  /** When it last happened (lastTimestamp, else eventTime, else firstTimestamp, else creation). */
  at: string | null;
  atMs: number;
  count: number;
}

export interface EventIndex {
  all: EventView[];
  job: EventView[];
  byPod: Map<string, EventView[]>;
  /** Pods the Job controller created, from SuccessfulCreate events ("Created pod: NAME"). */
  createdPods: Map<string, EventView>;
  /** Pods the Job controller deleted, from SuccessfulDelete events ("Deleted pod: NAME"). */
  deletedPods: Map<string, EventView>;
}

function toView(event: RawEvent): EventView {
  const series = event.series;
  const at =
    event.lastTimestamp ??
    series?.lastObservedTime ??
    event.eventTime ??
    event.firstTimestamp ??
    event.metadata.creationTimestamp ??
    null;
  return {
    raw: event,
    kind: event.involvedObject?.kind,
    name: event.involvedObject?.name,
    reason: event.reason ?? '',
    message: (event.message ?? '').trim(),
    type: event.type ?? 'Normal',
    at,
    atMs: toMillis(at) ?? 0,
    count: Math.max(event.count ?? 0, series?.count ?? 0, 1),
  };
}

export function indexEvents(events: readonly RawEvent[], jobName: string): EventIndex {
  const all = events.map(toView).sort((a, b) => a.atMs - b.atMs);
  const job: EventView[] = [];
  const byPod = new Map<string, EventView[]>();
  const createdPods = new Map<string, EventView>();
  const deletedPods = new Map<string, EventView>();
  for (const event of all) {
    if (event.kind === 'Job' && event.name === jobName) {
      job.push(event);
      // "(combined from similar events): Created pod: x" when the recorder aggregates.
      const created = /Created pod: (\S+)$/.exec(event.message);
      if (event.reason === 'SuccessfulCreate' && created && !createdPods.has(created[1]!))
        createdPods.set(created[1]!, event);
      const deleted = /Deleted pod: (\S+)$/.exec(event.message);
      if (event.reason === 'SuccessfulDelete' && deleted) deletedPods.set(deleted[1]!, event);
    } else if (event.kind === 'Pod' && event.name) {
      const list = byPod.get(event.name) ?? [];
      list.push(event);
      byPod.set(event.name, list);
    }
  }
  return { all, job, byPod, createdPods, deletedPods };
}

/** The latest event with one of the reasons, for a pod or the Job. */
export function latest(events: readonly EventView[] | undefined, ...reasons: string[]): EventView | undefined {
  let found: EventView | undefined;
  for (const event of events ?? [])
    if (reasons.includes(event.reason) && (!found || event.atMs >= found.atMs)) found = event;
  return found;
}
