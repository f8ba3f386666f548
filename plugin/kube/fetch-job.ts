// Finding the Job a live view is about: NAME, job/NAME (kubectl's resource/name form, any of
// kubectl's spellings: jobs, job.batch, ...) or cronjob/NAME, which means the CronJob's most
// recent Job. A Job that is not there gets a NotFound error naming the closest Jobs of the
// namespace and any other namespace holding a Job of that name.
import { UsageError } from '../../edge/index.ts';
import type { KubeClient } from './client.ts';
import { closestNames } from './closest-names.ts';
import { describeRequest } from './answer-errors.ts';
import { KubeApiError, KubeError, KubeNotFoundError, NoJobsError } from './errors.ts';
import { bool, int, obj, str, toRawJob, toRawObject, type JsonObject } from '../../kubernetes/index.ts';
import type { RawEvent, RawJob, RawObjectMeta } from '../../kubernetes/index.ts';
import { toRawEvent } from '../../kubernetes/index.ts';

export interface JobReference {
  kind: 'Job' | 'CronJob';
  name: string;
}

/** A Job found, with the server's time of the answer and the CronJob it was chosen through. */
export interface ResolvedJob {
  job: RawJob;
  /** The Date header of the Job's GET (RFC 3339), or null. */
  serverDate: string | null;
  /** Set when the reference was cronjob/NAME: the CronJob, the Jobs it owns, its Events. */
  cronJob: {
    namespace: string;
    name: string;
    object: JsonObject;
    jobs: RawJob[];
    events: RawEvent[];
  } | null;
}

export interface ResolveOptions {
  /** Where to look; default: the client's namespace. */
  namespace?: string;
  /** Look in every namespace (-A): the name must be unique across them. */
  allNamespaces?: boolean;
}

const JOB_KINDS = new Set(['job', 'jobs', 'job.batch', 'jobs.batch', 'job.v1.batch', 'jobs.v1.batch']);
const CRONJOB_KINDS = new Set([
  'cronjob',
  'cronjobs',
  'cj',
  'cronjob.batch',
  'cronjobs.batch',
  'cronjob.v1.batch',
  'cronjobs.v1.batch',
]);
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

/** NAME, job/NAME, jobs/NAME, cronjob/NAME ... Throws UsageError. */
export function parseJobReference(text: string): JobReference {
  const parts = text.split('/');
  if (parts.length > 2) throw new UsageError(`"${text}" is not a Job reference: use NAME, job/NAME or cronjob/NAME`);
  const [kindText, name] = parts.length === 2 ? [parts[0]!.toLowerCase(), parts[1]!] : ['job', parts[0]!];
  let kind: JobReference['kind'];
  if (JOB_KINDS.has(kindText)) kind = 'Job';
  else if (CRONJOB_KINDS.has(kindText)) kind = 'CronJob';
  else
    throw new UsageError(
      `"${text}": job-x works on Jobs and CronJobs, not "${parts[0]}" (use NAME, job/NAME or cronjob/NAME)`,
    );
  if (!name) throw new UsageError(`"${text}" names no ${kind}: use ${kind === 'Job' ? 'job' : 'cronjob'}/NAME`);
  if (!NAME.test(name) || name.length > 253)
    throw new UsageError(`"${name}" is not a valid ${kind} name (lowercase letters, digits, '-' and '.')`);
  return { kind, name };
}

const jobPath = (namespace: string, name: string) =>
  `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs/${encodeURIComponent(name)}`;

/** GET one Job as raw JSON; NotFound names the closest Jobs. */
export async function fetchJob(client: KubeClient, namespace: string, name: string): Promise<RawJob> {
  return (await fetchJobResponse(client, namespace, name)).job;
}

/** GET one CronJob, its metadata read as RawObjectMeta (to-raw-objects.ts); NotFound names the closest CronJobs. */
export async function fetchCronJob(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<JsonObject & { metadata: RawObjectMeta }> {
  return (await getOrNotFound(client, 'cronjobs', namespace, name)).body;
}

/** Resolves a reference (text or parsed) to one Job. Throws KubeError or UsageError. */
export async function resolveJob(
  client: KubeClient,
  reference: string | JobReference,
  options: ResolveOptions = {},
): Promise<ResolvedJob> {
  const ref = typeof reference === 'string' ? parseJobReference(reference) : reference;
  if (options.allNamespaces) {
    const namespace = await findNamespaceOf(client, ref);
    return resolveIn(client, ref, namespace);
  }
  return resolveIn(client, ref, options.namespace ?? client.namespace);
}

async function resolveIn(client: KubeClient, ref: JobReference, namespace: string): Promise<ResolvedJob> {
  if (ref.kind === 'Job') return { ...(await fetchJobResponse(client, namespace, ref.name)), cronJob: null };
  const { cronJob, latest } = await cronJobIn(client, ref.name, namespace);
  if (latest === null) throw noJobsError(ref.name, namespace, cronJob.object);
  return { ...latest, cronJob };
}

/** A CronJob found, with what it owns; its latest Job is null when it owns none (not run yet, or all removed). */
export interface ResolvedCronJob {
  cronJob: NonNullable<ResolvedJob['cronJob']>;
  /** The most recent Job it owns, fetched after the list (its state then matches its pods'). */
  latest: { job: RawJob; serverDate: string | null } | null;
  /** The Date header of the CronJob's GET (RFC 3339), or null: "now" when there is no Job. */
  serverDate: string | null;
}

/** cronjob/NAME: the CronJob, its Jobs and Events, and its latest Job if any. Throws KubeError. */
export async function resolveCronJob(
  client: KubeClient,
  name: string,
  options: ResolveOptions = {},
): Promise<ResolvedCronJob> {
  const namespace = options.allNamespaces
    ? await findNamespaceOf(client, { kind: 'CronJob', name })
    : (options.namespace ?? client.namespace);
  return cronJobIn(client, name, namespace);
}

async function cronJobIn(client: KubeClient, name: string, namespace: string): Promise<ResolvedCronJob> {
  const cronJob = await getOrNotFound(client, 'cronjobs', namespace, name);
  const uid = cronJob.body.metadata.uid;
  // The Jobs it owns, whole (the CronJob view shows their outcomes), and its Events: two lists.
  const [owned, events] = await Promise.all([
    client.list<unknown, RawJob>(
      `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`,
      {},
      {
        dropManagedFields: true,
        keep: (item) => {
          const job = toRawJob(item);
          return job && (job.metadata.ownerReferences ?? []).some((o) => o.controller === true && o.uid === uid)
            ? job
            : undefined;
        },
      },
    ),
    cronJobEvents(client, namespace, uid ?? ''),
  ]);
  const latest = [...owned.items].sort(
    (a, b) =>
      (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
      (b.metadata.name ?? '').localeCompare(a.metadata.name ?? ''),
  )[0];
  return {
    cronJob: { namespace, name, object: cronJob.body, jobs: owned.items, events },
    latest: latest?.metadata.name ? await fetchJobResponse(client, namespace, latest.metadata.name) : null,
    serverDate: cronJob.serverDate,
  };
}

/** The CronJob's Events; evidence, not the subject: none when they may not be listed. */
async function cronJobEvents(client: KubeClient, namespace: string, uid: string): Promise<RawEvent[]> {
  try {
    const { items } = await client.list<unknown, RawEvent>(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`,
      { fieldSelector: `involvedObject.uid=${uid}` },
      { dropManagedFields: true, keep: (item) => toRawEvent(item) },
    );
    return items;
  } catch (error) {
    if (error instanceof KubeError) return [];
    throw error;
  }
}

/** A CronJob without Jobs: what it last did (decoded data, read by type), and how to run one. */
function noJobsError(name: string, namespace: string, cronJob: JsonObject): NoJobsError {
  const spec = obj(cronJob, 'spec');
  const lastScheduleTime = str(obj(cronJob, 'status'), 'lastScheduleTime');
  const lastSchedule = lastScheduleTime ? `it last started a Job at ${lastScheduleTime}` : 'it has never started a Job';
  const suspended = bool(spec, 'suspend') === true ? ' The CronJob is suspended.' : '';
  const schedule = str(spec, 'schedule') ?? '?';
  const limits =
    `successfulJobsHistoryLimit ${int(spec, 'successfulJobsHistoryLimit') ?? 3}, ` +
    `failedJobsHistoryLimit ${int(spec, 'failedJobsHistoryLimit') ?? 1}`;
  return new NoJobsError(
    `cronjob "${name}" in namespace "${namespace}" has no Jobs: ${lastSchedule} (schedule "${schedule}").${suspended}`,
    {
      hint: [
        `Jobs it ran may have been removed by its history limits (${limits}) or by ttlSecondsAfterFinished. ` +
          `To run one now: kubectl create job --from=cronjob/${name} ${name}-manual -n ${namespace}`,
      ],
    },
  );
}

async function fetchJobResponse(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<{ job: RawJob; serverDate: string | null }> {
  const response = await getOrNotFound(client, 'jobs', namespace, name);
  // Read as a RawJob (to-raw-objects.ts): every view after this trusts its types.
  return { job: toRawJob(response.body)!, serverDate: response.serverDate };
}

type Plural = 'jobs' | 'cronjobs';
const KIND_OF: Record<Plural, string> = { jobs: 'Job', cronjobs: 'CronJob' };

async function getOrNotFound(client: KubeClient, plural: Plural, namespace: string, name: string) {
  const path =
    plural === 'jobs'
      ? jobPath(namespace, name)
      : `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/cronjobs/${encodeURIComponent(name)}`;
  let response;
  try {
    response = await client.get<unknown>(path);
  } catch (error) {
    if (!(error instanceof KubeNotFoundError)) throw error;
    throw await notFoundWithHints(client, plural, namespace, name);
  }
  const body = toRawObject(response.body);
  if (body === undefined)
    throw new KubeApiError(200, null, `${describeRequest(path)} (its answer is not an object)`, client.server);
  return { body, serverDate: response.serverDate };
}

/**
 * What to say when a name is not found: close names in the namespace, or the other namespaces
 * holding that name. The extra lookups are best effort (an RBAC refusal just leaves them out).
 */
async function notFoundWithHints(
  client: KubeClient,
  plural: Plural,
  namespace: string,
  name: string,
): Promise<KubeNotFoundError> {
  const kind = KIND_OF[plural];
  const [inNamespace, elsewhere] = await Promise.all([
    namesOf(client, `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/${plural}`, {}),
    namespacesHolding(client, plural, name),
  ]);
  const lines: string[] = [];
  const others = elsewhere?.filter((ns) => ns !== namespace) ?? [];
  if (others.length > 0) {
    lines.push(
      `A ${kind} named "${name}" exists in namespace${others.length > 1 ? 's' : ''} ${others.join(', ')}: add -n ${others[0]}${others.length > 1 ? ' (or another)' : ''}.`,
    );
  }
  let suggestions: string[] = [];
  if (inNamespace) {
    suggestions = closestNames(name, inNamespace);
    if (suggestions.length > 0) lines.push(`Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?`);
    else if (inNamespace.length === 0) lines.push(`There are no ${kind}s in namespace "${namespace}".`);
    else if (inNamespace.length <= 5 && others.length === 0)
      lines.push(`${kind}s in namespace "${namespace}": ${[...inNamespace].sort().join(', ')}.`);
  }
  return new KubeNotFoundError({
    resource: `${plural}.batch`,
    name,
    namespace,
    hint: lines,
    suggestions,
  });
}

async function namesOf(client: KubeClient, path: string, query: Record<string, string>): Promise<string[] | null> {
  try {
    const list = await client.list<unknown, string>(path, query, {
      accept: METADATA_LIST,
      keep: (item) => str(obj(item, 'metadata'), 'name'),
    });
    return list.items;
  } catch (error) {
    if (error instanceof KubeError) return null;
    throw error;
  }
}

/** The namespaces holding a Job (CronJob) of this name, or null when the cluster-wide list is not allowed. */
async function namespacesHolding(client: KubeClient, plural: Plural, name: string): Promise<string[] | null> {
  try {
    const list = await client.list<unknown, string>(
      `/apis/batch/v1/${plural}`,
      { fieldSelector: `metadata.name=${name}` },
      {
        accept: METADATA_LIST,
        keep: (item) => str(obj(item, 'metadata'), 'namespace'),
      },
    );
    return list.items.sort();
  } catch (error) {
    if (error instanceof KubeError) return null;
    throw error;
  }
}

/** -A: the one namespace holding the name. */
async function findNamespaceOf(client: KubeClient, ref: JobReference): Promise<string> {
  const plural: Plural = ref.kind === 'Job' ? 'jobs' : 'cronjobs';
  const list = await client.list<unknown, string>(
    `/apis/batch/v1/${plural}`,
    { fieldSelector: `metadata.name=${ref.name}` },
    {
      accept: METADATA_LIST,
      keep: (item) => str(obj(item, 'metadata'), 'namespace'),
    },
  );
  const namespaces = list.items.sort();
  if (namespaces.length === 1) return namespaces[0]!;
  if (namespaces.length > 1) {
    throw new UsageError(
      `${ref.kind}s named "${ref.name}" exist in several namespaces (${namespaces.join(', ')}): choose one with -n instead of -A`,
    );
  }
  const all = await namesOf(client, `/apis/batch/v1/${plural}`, {});
  const suggestions = all ? closestNames(ref.name, all) : [];
  throw new KubeNotFoundError({
    resource: `${plural}.batch`,
    name: ref.name,
    namespace: null,
    hint: [
      `No namespace has a ${ref.kind} of that name${suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '.'}`,
    ],
    suggestions,
  });
}
