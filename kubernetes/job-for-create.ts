// A stored Job turned back into a manifest `kubectl create -f` accepts: what the API server and
// the controllers set is taken out, what the user wrote stays. The API server's own rules decide
// what goes (pkg/registry/batch/job/strategy.go PrepareForCreate and generateSelector,
// pkg/apis/batch/v1/defaults.go): status is cleared on create anyway, but uid, resourceVersion,
// generation and creationTimestamp of another object must not be sent, and in generated-selector
// mode (manualSelector unset or false) the selector and the controller-uid / job-name labels carry
// the old Job's uid and name, which validation refuses for a new Job ("`selector` not
// auto-generated", "must be '<uid>'"). Defaulted fields (backoffLimit 6, completionMode, the pod
// template's defaults) are kept: the server would set the same values again.
import { cloneDecoded } from './clone-decoded.ts';
import { isObject, obj, type JsonObject } from './decoded-access.ts';
import { newDecodedObject } from './decoded-object.ts';
import {
  CONTROLLER_UID_LABEL,
  CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
} from './job-controller/index.ts';

/** Object metadata only the API server (or a controller acting on this very object) writes. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  // The CronJob (or other owner) owns the old Job; a Job created by hand is the user's.
  'ownerReferences',
  'name',
  'generateName',
] as const;

/** Annotations about the old object, not the Job to create. */
const STALE_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION,
  'batch.kubernetes.io/job-tracking',
];

/** The labels generateSelector puts on the template (and defaulting copies to the Job): name and uid. */
const GENERATED_LABELS = [CONTROLLER_UID_LABEL, LEGACY_CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_JOB_NAME_LABEL];

/** The deletion finalizers the garbage collector adds while an object is being deleted. */
const DELETION_FINALIZERS = new Set(['orphan', 'foregroundDeletion']);

/**
 * The stored Job as a new Job's manifest named by `generateName` (the API server appends five
 * random characters: the old Job, kept as evidence, keeps its name). The input is not changed.
 */
export function toJobForCreate(job: JsonObject, generateName: string): JsonObject {
  const copy = cloneDecoded(job);
  const out = newDecodedObject();
  out.apiVersion = 'batch/v1';
  out.kind = 'Job';
  const metadata = isObject(copy.metadata) ? copy.metadata : newDecodedObject();
  for (const key of SERVER_METADATA) delete metadata[key];
  const withName = newDecodedObject();
  withName.generateName = generateName;
  for (const key of Object.keys(metadata)) withName[key] = metadata[key];
  out.metadata = withName;
  dropKeys(withName, 'annotations', STALE_ANNOTATIONS);
  if (Array.isArray(withName.finalizers)) {
    const kept = withName.finalizers.filter((f) => typeof f !== 'string' || !DELETION_FINALIZERS.has(f));
    if (kept.length > 0) withName.finalizers = kept;
    else delete withName.finalizers;
  }
  const spec = isObject(copy.spec) ? copy.spec : newDecodedObject();
  out.spec = spec;
  // manualSelector: true: the user wrote the selector and the labels; the server generates none.
  if (spec.manualSelector !== true) {
    delete spec.selector;
    if (spec.manualSelector === false) delete spec.manualSelector;
    dropKeys(withName, 'labels', GENERATED_LABELS);
    const templateMetadata = obj(spec.template, 'metadata');
    if (templateMetadata) dropKeys(templateMetadata, 'labels', GENERATED_LABELS);
  }
  // What older kubectl versions wrote for an unset time: no value, only noise.
  const templateMetadata = obj(spec.template, 'metadata');
  if (templateMetadata && templateMetadata.creationTimestamp === null) delete templateMetadata.creationTimestamp;
  return out;
}

/** Removes the keys from the map at `holder[field]`, and the map itself once it is empty. */
function dropKeys(holder: JsonObject, field: string, keys: readonly string[]): void {
  const map = Object.hasOwn(holder, field) ? holder[field] : undefined;
  if (!isObject(map)) return;
  for (const key of keys) delete map[key];
  if (Object.keys(map).length === 0) delete holder[field];
}
