import { PLACEHOLDER_UID } from '../../kubernetes/index.ts';
import { type JobView } from '../../policy/index.ts';
import { defaultJob } from '../../kubernetes/index.ts';
import { bool, int, isObject, obj, str, type JsonObject } from '../../kubernetes/index.ts';
import { CONTROLLER_UID_LABEL, LEGACY_CONTROLLER_UID_LABEL, podSpecOf } from '../../kubernetes/index.ts';
import type { Effective } from './explanation.ts';

/**
 * The Job spec explain talks about: a Job's own, or the Jobs a CronJob creates. The API server
 * does not default a CronJob's jobTemplate.spec (SetDefaults_Job takes a Job), but every Job the
 * CronJob controller creates is defaulted at its own create: so the jobTemplate is wrapped in a
 * Job and defaulted by policy's defaultJob, exactly as that create will.
 */
export interface JobSpecs {
  /** The spec as written (the basis for which fields were defaulted). */
  readonly written: JsonObject;
  /** The spec after the API server's defaulting. */
  readonly effective: JsonObject;
  /** The Job's name, or for a CronJob the pattern of its Jobs' names. */
  readonly jobName: string;
}

/** The Job name a CronJob gives its Jobs: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export const CRONJOB_JOB_SUFFIX = '<scheduled-minutes>';

export function toJobSpecs(view: JobView): JobSpecs {
  const name = toDisplayName(view.raw) ?? '<name>';
  if (view.kind === 'Job') return { written: view.rawSpec, effective: view.spec, jobName: name };
  const jobTemplate = obj(obj(view.raw, 'spec'), 'jobTemplate') ?? {};
  const jobName = `${name}-${CRONJOB_JOB_SUFFIX}`;
  const templateMeta = obj(jobTemplate, 'metadata') ?? {};
  const job: JsonObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { ...templateMeta, name: jobName },
    spec: obj(jobTemplate, 'spec') ?? {},
  };
  return { written: view.rawSpec, effective: obj(defaultJob(job), 'spec') ?? {}, jobName };
}

export const EFFECTIVE_FIELDS = [
  'completions',
  'parallelism',
  'completionMode',
  'backoffLimit',
  'backoffLimitPerIndex',
  'maxFailedIndexes',
  'podReplacementPolicy',
  'activeDeadlineSeconds',
  'ttlSecondsAfterFinished',
  'suspend',
  'manualSelector',
  'managedBy',
  'restartPolicy',
] as const satisfies readonly (keyof Effective)[];

/** The spec values after defaulting; null where unset or of a type the API server cannot decode. */
export function toEffective(spec: JsonObject): Effective {
  return {
    completions: int(spec, 'completions') ?? null,
    parallelism: int(spec, 'parallelism') ?? null,
    completionMode: str(spec, 'completionMode') ?? null,
    backoffLimit: int(spec, 'backoffLimit') ?? null,
    backoffLimitPerIndex: int(spec, 'backoffLimitPerIndex') ?? null,
    maxFailedIndexes: int(spec, 'maxFailedIndexes') ?? null,
    podReplacementPolicy: str(spec, 'podReplacementPolicy') ?? null,
    activeDeadlineSeconds: int(spec, 'activeDeadlineSeconds') ?? null,
    ttlSecondsAfterFinished: int(spec, 'ttlSecondsAfterFinished') ?? null,
    suspend: bool(spec, 'suspend') ?? null,
    manualSelector: bool(spec, 'manualSelector') ?? null,
    managedBy: str(spec, 'managedBy') ?? null,
    restartPolicy: str(podSpecOf(spec), 'restartPolicy') ?? null,
  };
}

/** The effective fields the written spec left unset (Go decodes null as unset; `""` is a value). */
export function toDefaultedFields(written: JsonObject, effective: Effective): string[] {
  const writtenValue = (field: (typeof EFFECTIVE_FIELDS)[number]): unknown =>
    field === 'restartPolicy' ? (podSpecOf(written) ?? {}).restartPolicy : written[field];
  return EFFECTIVE_FIELDS.filter((field) => {
    const value = writtenValue(field);
    // Pod defaulting treats an empty restartPolicy as unset too.
    const unset = value === undefined || value === null || (field === 'restartPolicy' && value === '');
    return unset && effective[field] !== null;
  });
}

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What a live object was written as, from the annotation `kubectl apply` leaves: a stored Job is
 * already defaulted, so only this tells which of its values the user chose. Undefined when the
 * annotation is absent, not JSON, or of another kind.
 */
export function toLastApplied(object: JsonObject): JsonObject | undefined {
  const text = str(obj(obj(object, 'metadata'), 'annotations'), LAST_APPLIED_ANNOTATION);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) && parsed.kind === object.kind ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const UID_LABELS = [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL];

/**
 * A stored Job as its create looked to validation. defaultJob models a create, where the API
 * server assigns a fresh uid (a placeholder in policy/) and generates the selector and labels
 * from it; a stored Job already carries its real uid there, which the placeholder would then
 * contradict (every live Job would look rejected by the job-selector rule). So the stored uid is
 * mapped to the placeholder wherever generation put it; the pod labels shown map it back.
 */
export function toCreateEquivalent(stored: JsonObject): JsonObject {
  const uid = str(obj(stored, 'metadata'), 'uid');
  if (uid === undefined || stored.kind !== 'Job') return stored;
  const copy = structuredClone(stored);
  const swap = (labels: JsonObject | undefined): void => {
    if (!labels) return;
    for (const key of UID_LABELS) if (labels[key] === uid) labels[key] = PLACEHOLDER_UID;
  };
  const spec = obj(copy, 'spec');
  swap(obj(obj(spec, 'selector'), 'matchLabels'));
  swap(obj(obj(obj(spec, 'template'), 'metadata'), 'labels'));
  return copy;
}

/**
 * The object's name as written; with only generateName, the server appends 5 random characters
 * (policy's defaulting uses a stand-in suffix that must not be shown as the name).
 */
export function toDisplayName(object: JsonObject): string | undefined {
  const metadata = obj(object, 'metadata');
  const name = str(metadata, 'name');
  if (name !== undefined) return name;
  const generateName = str(metadata, 'generateName');
  return generateName !== undefined ? `${generateName}<random>` : undefined;
}
