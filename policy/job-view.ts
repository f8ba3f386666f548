import { defaultCronJob, defaultJob } from '../kubernetes/index.ts';
import { FieldPath } from '../kubernetes/index.ts';
import { isObject, obj, str, toStoredObject, type JsonObject, type StoredObject } from '../kubernetes/index.ts';

export type JobKind = 'Job' | 'CronJob';

/**
 * One view over a Job or a CronJob's `spec.jobTemplate`, so that every rule is written once:
 * `specPath` is `spec` for a Job and `spec.jobTemplate.spec` for a CronJob.
 */
export interface JobView {
  readonly kind: JobKind;
  readonly apiVersion: string | undefined;
  /** The object as written. */
  readonly raw: JsonObject;
  /** The object after the API server's defaulting and create-time preparation. */
  readonly object: JsonObject;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  /** The Job spec after defaulting (a CronJob's jobTemplate.spec gets pod defaults only). */
  readonly spec: JsonObject;
  /** The Job spec as written. */
  readonly rawSpec: JsonObject;
  readonly specPath: FieldPath;
  readonly annotations: Readonly<Record<string, unknown>>;
  /**
   * Set when the document is an object as the API server stored it (`kubectl get -o yaml`): its
   * create is that of a copy, with a new uid (kubernetes/stored-object.ts).
   */
  readonly stored: StoredObject | undefined;
}

const JOB_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/** The kinds job-x reads: any `batch/*` Job or CronJob (the api-version rule flags old versions). */
export function isJobKind(document: unknown): boolean {
  if (!isObject(document)) return false;
  const apiVersion = str(document, 'apiVersion') ?? '';
  return JOB_KINDS.has(str(document, 'kind') ?? '') && (apiVersion === 'batch' || apiVersion.startsWith('batch/'));
}

export function toJobView(document: JsonObject): JobView {
  const kind = str(document, 'kind') === 'CronJob' ? 'CronJob' : 'Job';
  const object = kind === 'Job' ? defaultJob(document) : defaultCronJob(document);
  const rawSpec = kind === 'Job' ? obj(document, 'spec') : obj(obj(obj(document, 'spec'), 'jobTemplate'), 'spec');
  const spec = kind === 'Job' ? obj(object, 'spec') : obj(obj(obj(object, 'spec'), 'jobTemplate'), 'spec');
  const metadata = obj(document, 'metadata');
  return {
    kind,
    apiVersion: str(document, 'apiVersion'),
    raw: document,
    object,
    name: str(metadata, 'name') ?? str(obj(object, 'metadata'), 'name'),
    namespace: str(metadata, 'namespace'),
    spec: spec ?? {},
    rawSpec: rawSpec ?? {},
    specPath: kind === 'Job' ? FieldPath.root('spec') : FieldPath.root('spec', 'jobTemplate', 'spec'),
    annotations: obj(metadata, 'annotations') ?? {},
    stored: toStoredObject(document),
  };
}
