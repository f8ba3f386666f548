// The sweep's reading of the cluster (`diagnose -n NS` or `diagnose -A` without a name): the
// snapshots of every Job that may need a diagnosis, in four list calls for the whole scope
// whatever the number of Jobs, pods and namespaces: the Jobs; the pods carrying a controller-uid
// label; the Events of Jobs; the Warning Events of pods. A Job that finished without a counted
// failure needs no diagnosis: it is dropped as its page arrives, and so are its pods and Events,
// so memory holds the candidates only. No log tails: that would be a request per Job (diagnose
// NAME fetches its tail).
import type { RawEvent, RawJob, RawPod } from '../../kubernetes/index.ts';
import { CONTROLLER_UID_LABEL, toRawEvent, toRawJob, toRawPod } from '../../kubernetes/index.ts';
import type { JobSnapshot } from '../job-snapshot.ts';
import type { KubeClient } from './client.ts';
import { KubeError } from './errors.ts';
import { belongsToJob, byCreation, byEventTime } from './job-members.ts';

export interface SweepFetch {
  readonly snapshots: JobSnapshot[];
  /** Jobs listed, candidates or not. */
  readonly jobsListed: number;
}

/** Whether a Job may need a diagnosis: not finished, or finished with a failure counted. */
export function isSweepCandidate(job: RawJob): boolean {
  if ((job.status?.failed ?? 0) > 0) return true;
  const finished = (job.status?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  return !finished;
}

/** Lists and groups; `namespace` null means every namespace. Throws KubeError (a 403 names the right). */
export async function fetchSweepSnapshots(
  client: KubeClient,
  namespace: string | null,
  onWarning: (message: string) => void,
): Promise<SweepFetch> {
  const scope = (plural: string, group = '/api/v1') =>
    namespace === null ? `${group}/${plural}` : `${group}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
  let jobsListed = 0;
  const listed = await client.list<unknown, RawJob>(
    scope('jobs', '/apis/batch/v1'),
    {},
    {
      dropManagedFields: true,
      keep: (item) => {
        jobsListed++;
        const job = toRawJob(item);
        return job && isSweepCandidate(job) ? job : undefined;
      },
    },
  );
  const jobs = listed.items;
  const byUid = new Map(jobs.map((job) => [job.metadata.uid ?? '', job]));
  const ownerOf = (pod: RawPod): string | undefined =>
    (pod.metadata.ownerReferences ?? []).find((o) => o.controller === true && o.kind === 'Job')?.uid;
  let warned = false;
  const optional = async <T>(request: Promise<T[]>): Promise<T[]> => {
    try {
      return await request;
    } catch (error) {
      if (!(error instanceof KubeError) || !('verb' in error)) throw error;
      if (!warned) onWarning(`${error.message} The diagnoses go on without Events.`);
      warned = true;
      return [];
    }
  };
  const [pods, jobEvents, podWarnings] = await Promise.all([
    client
      .list<unknown, RawPod>(
        scope('pods'),
        { labelSelector: CONTROLLER_UID_LABEL },
        {
          dropManagedFields: true,
          keep: (item) => {
            const pod = toRawPod(item);
            return pod && byUid.has(ownerOf(pod) ?? '') ? pod : undefined;
          },
        },
      )
      .then((r) => r.items),
    optional(
      listEvents(client, scope('events'), 'involvedObject.kind=Job', (e) => byUid.has(e.involvedObject?.uid ?? '')),
    ),
    optional(listEvents(client, scope('events'), 'involvedObject.kind=Pod,type=Warning', () => true)),
  ]);
  const podsOf = groupBy(pods, (pod) => ownerOf(pod) ?? '');
  const jobEventsOf = groupBy(jobEvents, (event) => event.involvedObject?.uid ?? '');
  const warningsIn = groupBy(podWarnings, (event) => event.involvedObject?.namespace ?? event.metadata.namespace ?? '');
  // The server's clock, as diagnose NAME takes it: ages and "ago" agree with the cluster's.
  const now = listed.serverDate ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const snapshots = jobs.map((job): JobSnapshot => {
    const uid = job.metadata.uid ?? '';
    const own = (podsOf.get(uid) ?? []).sort(byCreation);
    const events = jobEventsOf.get(uid) ?? [];
    const belongs = belongsToJob(job, own, events);
    const warnings = (warningsIn.get(job.metadata.namespace ?? '') ?? []).filter(belongs);
    return { job, pods: own, events: [...events, ...warnings].sort(byEventTime), now, logTail: null };
  });
  return { snapshots, jobsListed };
}

async function listEvents(
  client: KubeClient,
  path: string,
  fieldSelector: string,
  wanted: (event: RawEvent) => boolean,
): Promise<RawEvent[]> {
  const { items } = await client.list<unknown, RawEvent>(
    path,
    { fieldSelector },
    {
      dropManagedFields: true,
      keep: (item) => {
        const event = toRawEvent(item);
        return event && wanted(event) ? event : undefined;
      },
    },
  );
  return items;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
