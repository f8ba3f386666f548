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

/**
 * Whether a document is meant as a Kubernetes Job or CronJob, served or not: its kind in any case
 * (kubectl's discovery mapper knows `job` too; the server then refuses it) or with spaces around
 * it, or no kind at all in the batch group; and any apiVersion (none included) but that of another
 * API group, such as Volcano's `batch.volcano.sh` Job (a custom resource: a dotted group other
 * than Kubernetes' own). The api-version rule reports what kubectl or the API server would refuse
 * of those.
 */
export function isJobKind(document: unknown): boolean {
  return isObject(document) && intendedKind(document) !== undefined && !isOtherGroup(str(document, 'apiVersion'));
}

/** The kind a document means, as above: a CronJob without a kind is told by its jobTemplate. */
function intendedKind(document: JsonObject): JobKind | undefined {
  const kind = document.kind;
  if (typeof kind === 'string' && kind !== '') {
    const spelled = kind.trim().toLowerCase();
    return spelled === 'job' ? 'Job' : spelled === 'cronjob' ? 'CronJob' : undefined;
  }
  const apiVersion = str(document, 'apiVersion') ?? '';
  if (apiVersion.slice(0, apiVersion.indexOf('/') + 1).toLowerCase() !== 'batch/') return undefined;
  return obj(obj(document, 'spec'), 'jobTemplate') ? 'CronJob' : 'Job';
}

function isOtherGroup(apiVersion: string | undefined): boolean {
  const slash = apiVersion?.indexOf('/') ?? -1;
  if (apiVersion === undefined || slash < 0) return false;
  const group = apiVersion.slice(0, slash).toLowerCase();
  return group.includes('.') && !group.endsWith('.k8s.io') && !group.endsWith('.kubernetes.io');
}

/**
 * `admitted`: the document is an object the API server sent a webhook, which it has already
 * decoded, defaulted and prepared for create or update (admission runs after all of that), so it
 * is its own defaulted form: defaulting a copy again would cost the clone and give the same object.
 */
export function toJobView(document: JsonObject, admitted = false): JobView {
  // Read as what it means, so that a misspelt kind gets the findings of what it meant.
  const kind = intendedKind(document) ?? 'Job';
  const object = admitted ? document : kind === 'Job' ? defaultJob(document) : defaultCronJob(document);
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
