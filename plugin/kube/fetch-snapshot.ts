// One JobSnapshot (snapshot.ts) from the cluster: the Job, its pods, the Events of both, the
// server's time and the log tail of the most recent failed container.
//
// The number of list calls does not grow with the number of pods: one GET of the Job, then three
// lists side by side (pods, the Job's Events, the namespace's Warning Events of pods), each paged
// 500 at a time like kubectl (one page of 5,000 was no faster on the testbed, and its peak memory
// was some 30 MB higher), then at most one log request (N, a few at a time,
// for `diagnose --logs N`: fetch-log-tails.ts). The items' managedFields are cut from
// each page before it is parsed (without-managed-fields.ts): 40 % of a pod's JSON, never read. Pods' Normal Events (Scheduled,
// Pulling, Pulled, Created, Started, Killing) are not fetched: they restate what the pod's
// status already holds, and a 5,000-pod Job has some 25,000 of them. Warning Events (failed
// scheduling, image pulls, mounts, back-off, eviction, ...) are what a diagnosis needs. Events of
// pods already deleted are kept too: their names come from the Job's "Created pod" Events.
import type { KubeClient } from './client.ts';
import { KubeError } from './errors.ts';
import type { ResolvedJob } from './fetch-job.ts';
import type { RawEvent, RawJob, RawPod } from '../../kubernetes/index.ts';
import {
  arr,
  CONTROLLER_UID_LABEL,
  obj,
  objects,
  str,
  stringMap,
  toRawEvent,
  toRawPod,
} from '../../kubernetes/index.ts';
import { belongsToJob, byCreation, byEventTime, isOwnedBy } from './job-members.ts';
import type { JobSnapshot } from '../job-snapshot.ts';
import { fetchLogTails } from './fetch-log-tails.ts';

export { LOG_TAIL_LINES, mostRecentFailedContainer } from './fetch-log-tails.ts';

export interface SnapshotOptions {
  /** Fetch the log tail of the most recent failed container (default true). */
  logTail?: boolean;
  /** `diagnose --logs N`: the log tails of the last N failed attempts (default 1; 0 fetches none). */
  logTails?: number;
  /** Fetch Events (default true). */
  events?: boolean;
  /** Items per list request (default 500, kubectl's --chunk-size). */
  pageSize?: number;
  /** Told about what could not be fetched but did not stop the snapshot (e.g. Events forbidden). */
  onWarning?: (message: string) => void;
}

/** Fetches the snapshot of a Job found by resolveJob (fetch-job.ts). Throws KubeError. */
export async function fetchJobSnapshot(
  client: KubeClient,
  resolved: ResolvedJob,
  options: SnapshotOptions = {},
): Promise<JobSnapshot> {
  const { job } = resolved;
  const namespace = job.metadata.namespace ?? client.namespace;
  const uid = job.metadata.uid ?? '';
  const pageSize = options.pageSize;
  // Both Event lists meet the same refusal: say it once.
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (!warned.has(message)) options.onWarning?.(message);
    warned.add(message);
  };
  const wantEvents = options.events !== false;

  const [pods, jobEvents, podWarnings] = await Promise.all([
    fetchPods(client, job, namespace, pageSize),
    wantEvents
      ? optionalEvents(client, namespace, { fieldSelector: `involvedObject.uid=${uid}` }, pageSize, warn)
      : Promise.resolve([]),
    wantEvents
      ? optionalEvents(client, namespace, { fieldSelector: 'involvedObject.kind=Pod,type=Warning' }, pageSize, warn)
      : Promise.resolve([]),
  ]);
  const events = [...jobEvents, ...podWarnings.filter(belongsToJob(job, pods, jobEvents))].sort(byEventTime);
  const tailCount = options.logTail === false ? 0 : (options.logTails ?? 1);
  const [logTail = null, ...earlierLogTails] =
    tailCount > 0 ? await fetchLogTails(client, namespace, pods, tailCount) : [];
  const now = resolved.serverDate ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { job, pods, events, now, logTail, ...(tailCount > 1 ? { earlierLogTails } : {}) };
}

async function fetchPods(
  client: KubeClient,
  job: RawJob,
  namespace: string,
  pageSize: number | undefined,
): Promise<RawPod[]> {
  const { items } = await client.list<unknown, RawPod>(
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
    { labelSelector: labelSelectorOf(job) },
    {
      pageSize,
      // Server-side-apply bookkeeping, 40 % of a pod's JSON: cut before parsing.
      dropManagedFields: true,
      // Read as a RawPod (to-raw-objects.ts), the types the analyses trust. The controller
      // counts only the pods it owns; a selector (manualSelector) may match others.
      keep: (item) => {
        const pod = toRawPod(item);
        if (pod === undefined || !isOwnedBy(pod, job)) return undefined;
        // In case an answer came in a shape the cut did not recognize. Set to undefined rather
        // than deleted: `delete` turns each metadata object into a slower, bigger dictionary.
        if (pod.metadata.managedFields !== undefined) pod.metadata.managedFields = undefined;
        return pod;
      },
    },
  );
  return items.sort(byCreation);
}

/** spec.selector as a label selector string; the controller-uid label when the Job has none. */
export function labelSelectorOf(job: RawJob): string {
  // Decoded data: only string labels and values count (the API server stores nothing else).
  const selector = obj(job.spec, 'selector');
  const parts: string[] = [];
  for (const [key, value] of Object.entries(stringMap(selector, 'matchLabels') ?? {})) parts.push(`${key}=${value}`);
  for (const expression of objects(selector, 'matchExpressions')) {
    const key = str(expression, 'key');
    const operator = str(expression, 'operator');
    const values = (arr(expression, 'values') ?? []).filter((value) => typeof value === 'string');
    if (key === undefined) continue;
    if (operator === 'In') parts.push(`${key} in (${values.join(',')})`);
    else if (operator === 'NotIn') parts.push(`${key} notin (${values.join(',')})`);
    else if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.length > 0 ? parts.join(',') : `${CONTROLLER_UID_LABEL}=${job.metadata.uid ?? ''}`;
}

/** Events are evidence, not the subject: a refusal to list them is a warning, not an error. */
async function optionalEvents(
  client: KubeClient,
  namespace: string,
  query: Record<string, string>,
  pageSize: number | undefined,
  warn: (message: string) => void,
): Promise<RawEvent[]> {
  try {
    const { items } = await client.list<unknown, RawEvent>(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`,
      query,
      {
        pageSize,
        dropManagedFields: true,
        keep: (item) => {
          const event = toRawEvent(item);
          if (event?.metadata.managedFields !== undefined) event.metadata.managedFields = undefined;
          return event;
        },
      },
    );
    return items;
  } catch (error) {
    if (!(error instanceof KubeError) || !('verb' in error)) throw error;
    warn(`${error.message} The diagnosis goes on without Events.`);
    return [];
  }
}
