// A snapshot as a file: `diagnose NAME --save FILE` writes the Snapshot document, `diagnose -f
// FILE` reads it back, or reads a `kubectl get job,pods,events -o yaml` List. Files are what users
// hand over (support bundles, post-mortems), so nothing in them is trusted: every object is read
// into the Raw* shapes (kubernetes/to-raw-objects.ts) the analyses trust, and a file without a
// usable Job is a clear error, never a crash.
import { UsageError } from '../../edge/index.ts';
import {
  arr,
  describeValue,
  isObject,
  isRfc3339,
  obj,
  str,
  toRawEvent,
  toRawJob,
  toRawPod,
  type JsonObject,
  type RawEvent,
  type RawJob,
  type RawPod,
} from '../../kubernetes/index.ts';
import { JOB_NAME_LABEL, LEGACY_JOB_NAME_LABEL } from '../../kubernetes/index.ts';
import { MAX_LOG_TAILS, type CronJobSnapshot, type JobSnapshot, type LogTail } from '../job-snapshot.ts';
import { readSavedCronJob, toSavedCronJob, type ReadList, type SavedCronJob } from './cronjob-snapshot-part.ts';
import { LOG_TAIL_LINES } from './fetch-log-tails.ts';
import { belongsToJob, byCreation, byEventTime, isOwnedBy } from './job-members.ts';

export const SNAPSHOT_API_VERSION = 'job-x.dev/v1alpha1';

/** The file `diagnose NAME --save FILE` writes (docs/diagnose.md). */
export interface SnapshotDocument {
  apiVersion: typeof SNAPSHOT_API_VERSION;
  kind: 'Snapshot';
  /** When the snapshot was fetched (RFC 3339): the diagnosis's "now" when it is read back. */
  fetchedAt: string;
  /** The Job; null only beside a cronJob that owns none. */
  job: RawJob | null;
  pods: RawPod[];
  events: RawEvent[];
  /** Log tails of failed containers, most recent first (one by default; N with `--logs N`). */
  logs: LogTail[];
  /** `diagnose cronjob/NAME --save`: the CronJob, its Jobs and Events (cronjob-snapshot-part.ts). */
  cronJob?: SavedCronJob;
}

export function toSnapshotDocument(snapshot: JobSnapshot): SnapshotDocument {
  return {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: 'Snapshot',
    fetchedAt: snapshot.now,
    job: snapshot.job,
    pods: snapshot.pods,
    events: snapshot.events,
    logs: snapshot.logTail ? [snapshot.logTail, ...(snapshot.earlierLogTails ?? [])] : [],
  };
}

/** `diagnose cronjob/NAME --save`: the latest Job's snapshot (if any) and the CronJob. */
export function toCronJobSnapshotDocument(cronJob: CronJobSnapshot, latest: JobSnapshot | null): SnapshotDocument {
  const job = latest ? toSnapshotDocument(latest) : undefined;
  return {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: 'Snapshot',
    fetchedAt: latest?.now ?? cronJob.now,
    job: job?.job ?? null,
    pods: job?.pods ?? [],
    events: job?.events ?? [],
    logs: job?.logs ?? [],
    cronJob: toSavedCronJob(cronJob),
  };
}

export interface SnapshotSource {
  /** The file, as named on the command line (for messages). */
  readonly file: string;
  /** The Job to take from a List that holds several (a Snapshot holds one); with kind CronJob, the CronJob a Snapshot must hold. */
  readonly name?: string;
  /** What `name` names (default Job). */
  readonly kind?: 'Job' | 'CronJob';
  /** The time of this run (RFC 3339): a List records no fetch time, so it is measured against this. */
  readonly now: string;
}

export interface SnapshotReading {
  readonly snapshot: JobSnapshot;
  /** The CronJob of a snapshot saved with `diagnose cronjob/NAME --save`, else null. */
  readonly cronJob: CronJobSnapshot | null;
  /** What was skipped or assumed, for stderr. */
  readonly notes: string[];
}

/** A file `diagnose -f` reads: a Job's snapshot, or a CronJob's, whose latest Job may be none. */
export type DiagnoseReading =
  | { readonly snapshot: JobSnapshot; readonly cronJob: null; readonly notes: string[] }
  | { readonly snapshot: JobSnapshot | null; readonly cronJob: CronJobSnapshot; readonly notes: string[] };

/** Lists inside Lists are flattened as kubectl flattens them, this deep at most. */
const MAX_LIST_DEPTH = 8;
const SAVE_HINT =
  'Save one with: kubectl job-x diagnose NAME --save FILE (or kubectl get job,pods,events -o yaml > FILE).';

/** The documents of a file (JSON or YAML, parsed) as a JobSnapshot. Throws UsageError. */
export function toJobSnapshotFromDocuments(documents: readonly unknown[], source: SnapshotSource): SnapshotReading {
  const reading = toDiagnoseReading(documents, source);
  if (reading.snapshot === null) throw new UsageError(`${source.file}: the Snapshot of a CronJob holds no Job`);
  return { snapshot: reading.snapshot, cronJob: reading.cronJob, notes: reading.notes };
}

/** The documents of a file as what `diagnose -f` diagnoses. Throws UsageError. */
export function toDiagnoseReading(documents: readonly unknown[], source: SnapshotSource): DiagnoseReading {
  const snapshots = documents.filter((document) => isObject(document) && document.kind === 'Snapshot');
  if (snapshots.length > 0) {
    if (documents.length > 1)
      throw new UsageError(`${source.file}: a Snapshot is one document, and this file holds ${documents.length}`);
    return fromSnapshotDocument(snapshots[0] as JsonObject, source);
  }
  return fromObjects(flatten(documents), source);
}

function fromSnapshotDocument(document: JsonObject, source: SnapshotSource): DiagnoseReading {
  const { file } = source;
  const apiVersion = document.apiVersion;
  if (apiVersion !== SNAPSHOT_API_VERSION)
    throw new UsageError(
      `${file}: a Snapshot of apiVersion ${describeValue(apiVersion)}; this job-x reads ${SNAPSHOT_API_VERSION}`,
    );
  const fetchedAt = document.fetchedAt;
  if (!isRfc3339(fetchedAt))
    throw new UsageError(
      `${file}: fetchedAt must be the RFC 3339 time the snapshot was taken, not ${describeValue(fetchedAt)}`,
    );
  const notes: string[] = [];
  const list: ReadList = (entry, key, read) => listOf(entry, key, read, file, notes);
  const cronJob = readSavedCronJob(document, fetchedAt, file, list);
  if (cronJob !== null && source.kind === 'CronJob' && source.name !== cronJobName(cronJob))
    throw new UsageError(`${file} holds the snapshot of cronjob/${cronJobName(cronJob)}, not cronjob/${source.name}`);
  if (cronJob === null && source.kind === 'CronJob')
    throw new UsageError(`${file} holds the snapshot of a Job, not of cronjob/${source.name}: leave the name out`);
  // A CronJob that owned no Job when it was saved: its job is null.
  if (cronJob !== null && document.job === null) return { snapshot: null, cronJob, notes };
  const job = toRawJob(document.job);
  if (job === undefined || (job.kind !== undefined && job.kind !== 'Job'))
    throw new UsageError(`${file}: the Snapshot holds no Job (its job is ${describeValue(document.job, 40)})`);
  if (source.name !== undefined && source.kind !== 'CronJob' && job.metadata.name !== source.name)
    throw new UsageError(`${file} holds the snapshot of job/${job.metadata.name ?? '?'}, not job/${source.name}`);
  const pods = list(document, 'pods', toRawPod);
  const events = list(document, 'events', toRawEvent);
  const logs = list(document, 'logs', toLogTail);
  if (logs.length > MAX_LOG_TAILS) notes.push(`${file}: read the first ${MAX_LOG_TAILS} of its ${logs.length} logs`);
  const [logTail = null, ...earlierLogTails] = logs.slice(0, MAX_LOG_TAILS);
  const read: JobSnapshot = { job, pods, events, now: fetchedAt, logTail };
  const snapshot = earlierLogTails.length > 0 ? { ...read, earlierLogTails } : read;
  return cronJob === null ? { snapshot, cronJob, notes } : { snapshot, cronJob, notes };
}

const cronJobName = (cronJob: CronJobSnapshot) => str(obj(cronJob.cronJob, 'metadata'), 'name') ?? '?';

/** A list of the snapshot: its items of the right shape; the others are skipped with a note. */
function listOf<T>(
  document: JsonObject,
  key: string,
  read: (value: unknown) => T | undefined,
  file: string,
  notes: string[],
): T[] {
  const value = Object.hasOwn(document, key) ? document[key] : undefined;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    notes.push(`${file}: ${key} is not a list (${describeValue(value, 40)}); read as empty`);
    return [];
  }
  const items: T[] = [];
  for (const item of value) {
    const read_ = read(item);
    if (read_ !== undefined) items.push(read_);
  }
  const skipped = value.length - items.length;
  if (skipped > 0)
    notes.push(
      `${file}: skipped ${skipped} of ${value.length} ${key} that ${skipped === 1 ? 'is' : 'are'} not readable`,
    );
  return items;
}

/** A saved log tail: the pod and container it came from, and its last lines (strings only). */
function toLogTail(value: unknown): LogTail | undefined {
  const pod = str(value, 'pod');
  const container = str(value, 'container');
  const lines = arr(value, 'lines');
  if (pod === undefined || container === undefined || lines === undefined) return undefined;
  const tail: LogTail = {
    pod,
    container,
    lines: lines.filter((line) => typeof line === 'string').slice(-LOG_TAIL_LINES),
  };
  // Which run of the container (written since --logs N): kept when present and well-typed.
  const previous = isObject(value) && Object.hasOwn(value, 'previous') ? value.previous : undefined;
  if (typeof previous === 'boolean') tail.previous = previous;
  const finishedAt = str(value, 'finishedAt');
  if (finishedAt !== undefined && isRfc3339(finishedAt)) tail.finishedAt = finishedAt;
  return tail;
}

/** Every object of the documents, the items of Lists (and Lists within them) in their place. */
function flatten(documents: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const add = (value: unknown, depth: number): void => {
    const items = isObject(value) && depth < MAX_LIST_DEPTH ? arr(value, 'items') : undefined;
    if (items === undefined) out.push(value);
    else for (const item of items) add(item, depth + 1);
  };
  for (const document of documents) add(document, 0);
  return out;
}

const kindOf = (value: unknown, kind: string, apiVersion: string): boolean =>
  str(value, 'kind') === kind && (str(value, 'apiVersion') ?? apiVersion) === apiVersion;

/** A List (or documents) of Jobs, pods and Events: one Job, its own pods, and their Events. */
function fromObjects(objects: readonly unknown[], source: SnapshotSource): DiagnoseReading {
  const { file, name } = source;
  const jobs = objects.filter((o) => kindOf(o, 'Job', 'batch/v1')).flatMap((o) => toRawJob(o) ?? []);
  const wanted = name === undefined ? jobs : jobs.filter((job) => job.metadata.name === name);
  const names = jobs.map((job) => job.metadata.name ?? '?');
  if (wanted.length === 0) {
    const what = name === undefined ? 'no batch/v1 Job' : `no Job named "${name}"`;
    throw new UsageError(`${file} holds ${what}${names.length > 0 ? ` (its Jobs: ${someNames(names)})` : ''}`, {
      hint: [SAVE_HINT],
    });
  }
  if (wanted.length > 1)
    throw new UsageError(`${file} holds ${wanted.length} Jobs${name ? ` named "${name}"` : ''}: ${someNames(names)}`, {
      hint: ['Name the one to diagnose: kubectl job-x diagnose NAME -f FILE.'],
    });
  const job = wanted[0]!;
  const pods = objects
    .filter((o) => kindOf(o, 'Pod', 'v1'))
    .flatMap((o) => toRawPod(o) ?? [])
    .filter((pod) => isJobPod(pod, job))
    .sort(byCreation);
  const events = objects.filter((o) => kindOf(o, 'Event', 'v1')).flatMap((o) => toRawEvent(o) ?? []);
  const jobEvents = events.filter((event) => isAboutJob(event, job));
  const podEvents = events.filter((event) => event.involvedObject?.kind === 'Pod');
  return {
    snapshot: {
      job,
      pods,
      events: [...jobEvents, ...podEvents.filter(belongsToJob(job, pods, jobEvents))].sort(byEventTime),
      now: source.now,
      logTail: null,
    },
    cronJob: null,
    notes: [`${file} is a List, which records no fetch time: times are measured against now (${source.now})`],
  };
}

/** The Job's pod: owned by it; a Job without a uid (written by hand) claims pods by its name label. */
function isJobPod(pod: RawPod, job: RawJob): boolean {
  if (job.metadata.uid !== undefined) return isOwnedBy(pod, job);
  const labels = pod.metadata.labels ?? {};
  const jobName = job.metadata.name;
  return jobName !== undefined && (labels[JOB_NAME_LABEL] === jobName || labels[LEGACY_JOB_NAME_LABEL] === jobName);
}

function isAboutJob(event: RawEvent, job: RawJob): boolean {
  const involved = event.involvedObject;
  if (involved?.kind !== 'Job') return false;
  if (job.metadata.uid !== undefined && involved.uid !== undefined) return involved.uid === job.metadata.uid;
  return involved.name === job.metadata.name && (involved.namespace ?? '') === (job.metadata.namespace ?? '');
}

function someNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
