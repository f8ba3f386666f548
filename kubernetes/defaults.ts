import { cloneDecoded } from './clone-decoded.ts';
import { isObject, obj, objects, str, type JsonObject } from './decoded-access.ts';
import { newDecodedObject } from './decoded-object.ts';
import { MAX_INT32 } from './go-integers.ts';
import {
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
} from './job-controller/index.ts';

/**
 * The API server's defaulting and create-time preparation of a batch/v1 object, applied before
 * validation exactly as kube-apiserver 1.36 does (pkg/apis/batch/v1/defaults.go,
 * zz_generated.defaults.go, pkg/registry/batch/job/strategy.go PrepareForCreate).
 *
 * Note: `SetDefaults_Job` takes a *Job, so it never runs on a CronJob's `jobTemplate.spec`:
 * completions, parallelism, backoffLimit, completionMode and podReplacementPolicy stay unset there.
 */

/** The UID the server assigns before validation; its value never shows in a finding. */
export const PLACEHOLDER_UID = '00000000-0000-4000-8000-000000000000';
/** The server keeps at most 58 characters of generateName and appends 5 random ones. */
const GENERATED_NAME_SUFFIX = 'xxxxx';
const MAX_GENERATE_NAME_BASE = 58;

/** SetDefaults_Job's backoffLimit when backoffLimitPerIndex is unset. */
export const DEFAULT_BACKOFF_LIMIT = 6;

/**
 * SetDefaults_Job's backoffLimit for a spec that left it unset: 6, or MaxInt32 when
 * backoffLimitPerIndex is set (each index then has its own budget and there is no Job-wide one).
 */
export function defaultBackoffLimit(spec: JsonObject): number {
  return isUnset(spec.backoffLimitPerIndex) ? DEFAULT_BACKOFF_LIMIT : MAX_INT32;
}

/** What a message shows for the uid the API server assigns on create. */
export const NEW_UID_SHOWN = '<uid of the new Job>';

/**
 * A message with the values the defaulting made up shown as what they stand for: the uid the
 * API server will assign, and the name it will generate from generateName. A user must never
 * read the placeholder as a value to write.
 */
export function withoutPlaceholders(text: string, raw: JsonObject): string {
  let out = text.includes(PLACEHOLDER_UID) ? text.replaceAll(PLACEHOLDER_UID, NEW_UID_SHOWN) : text;
  const base = generatedNameBase(raw);
  if (base !== undefined) {
    const standIn = base + GENERATED_NAME_SUFFIX;
    if (out.includes(standIn)) out = out.replaceAll(standIn, `${base}<random>`);
  }
  return out;
}

/** The part of a generated name that generateName fixes, when the object has no name of its own. */
function generatedNameBase(raw: JsonObject): string | undefined {
  const metadata = obj(raw, 'metadata');
  if (str(metadata, 'name') !== undefined) return undefined;
  return str(metadata, 'generateName')?.slice(0, MAX_GENERATE_NAME_BASE);
}

export function defaultJob(raw: JsonObject): JsonObject {
  const job = cloneDecoded(raw);
  const metadata = ensureObject(job, 'metadata');
  const generatedBase = generatedNameBase(raw);
  if (generatedBase !== undefined) metadata.name = generatedBase + GENERATED_NAME_SUFFIX;
  metadata.uid = PLACEHOLDER_UID;
  const spec = ensureObject(job, 'spec');
  setDefaultsJob(job, spec);
  defaultJobSpecCommon(spec);
  if (spec.manualSelector !== true) generateSelector(job, spec);
  delete job.status;
  return job;
}

export function defaultCronJob(raw: JsonObject): JsonObject {
  const cronJob = cloneDecoded(raw);
  const spec = ensureObject(cronJob, 'spec');
  if (spec.concurrencyPolicy === undefined || spec.concurrencyPolicy === null || spec.concurrencyPolicy === '')
    spec.concurrencyPolicy = 'Allow';
  setIfUnset(spec, 'suspend', false);
  setIfUnset(spec, 'successfulJobsHistoryLimit', 3);
  setIfUnset(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = ensureObject(spec, 'jobTemplate');
  defaultJobSpecCommon(ensureObject(jobTemplate, 'spec'));
  delete cronJob.status;
  return cronJob;
}

/** SetDefaults_Job (the Job-only part). */
function setDefaultsJob(job: JsonObject, spec: JsonObject): void {
  if (isUnset(spec.completions) && isUnset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setIfUnset(spec, 'parallelism', 1);
  setIfUnset(spec, 'backoffLimit', defaultBackoffLimit(spec));
  const template = obj(spec, 'template');
  const templateLabels = obj(template, 'metadata') ? obj(obj(template, 'metadata'), 'labels') : undefined;
  const metadata = ensureObject(job, 'metadata');
  const jobLabels = obj(metadata, 'labels');
  // Go shares the map: the labels the selector generation adds later land on the Job too.
  if (templateLabels && (!jobLabels || Object.keys(jobLabels).length === 0)) metadata.labels = templateLabels;
  setIfUnset(spec, 'completionMode', 'NonIndexed');
  setIfUnset(spec, 'suspend', false);
  setIfUnset(spec, 'podReplacementPolicy', isUnset(spec.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed');
  setIfUnset(spec, 'manualSelector', false);
}

/** Defaults that apply to a Job spec wherever it sits (type-based generated defaulters). */
function defaultJobSpecCommon(spec: JsonObject): void {
  for (const rule of objects(obj(spec, 'podFailurePolicy'), 'rules')) {
    for (const pattern of objects(rule, 'onPodConditions')) {
      if (pattern.status === undefined || pattern.status === null || pattern.status === '') pattern.status = 'True';
    }
  }
  // PodTemplateSpec is a struct in Go, never nil: its pod spec is defaulted even when omitted.
  defaultPodSpec(ensureObject(ensureObject(spec, 'template'), 'spec'));
}

/** The parts of core/v1 SetDefaults_PodSpec and SetDefaults_Container that validation reads. */
function defaultPodSpec(podSpec: JsonObject): void {
  if (isUnset(podSpec.restartPolicy) || podSpec.restartPolicy === '') podSpec.restartPolicy = 'Always';
  if (isUnset(podSpec.dnsPolicy) || podSpec.dnsPolicy === '') podSpec.dnsPolicy = 'ClusterFirst';
  setIfUnset(podSpec, 'terminationGracePeriodSeconds', 30);
  // Not a default but the v1 conversion (Convert_v1_PodSpec_To_core_PodSpec), which runs before
  // validation: serviceAccount, the deprecated alias, fills an empty serviceAccountName, and is
  // then validated as that field (found by npm run fuzz:apiserver).
  if ((isUnset(podSpec.serviceAccountName) || podSpec.serviceAccountName === '') && !isUnset(podSpec.serviceAccount))
    podSpec.serviceAccountName = podSpec.serviceAccount;
  // SetDefaults_Container, and SetDefaults_EphemeralContainer for the (forbidden) ephemeral ones.
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const container of objects(podSpec, key)) {
      if (isUnset(container.terminationMessagePolicy) || container.terminationMessagePolicy === '')
        container.terminationMessagePolicy = 'File';
      if (isUnset(container.imagePullPolicy) || container.imagePullPolicy === '') {
        container.imagePullPolicy = imageHasLatestOrNoTag(container.image) ? 'Always' : 'IfNotPresent';
      }
    }
  }
}

function imageHasLatestOrNoTag(image: unknown): boolean {
  if (typeof image !== 'string') return true;
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (image.includes('@')) return false;
  return colon < 0 || lastSegment.slice(colon + 1) === 'latest';
}

/** PrepareForCreate → generateSelector: template labels and the controller-uid selector. */
function generateSelector(job: JsonObject, spec: JsonObject): void {
  // A name that is not a string never gets here on the server (it cannot be decoded: field-types).
  const name = str(obj(job, 'metadata'), 'name') ?? '';
  const template = ensureObject(spec, 'template');
  const templateMeta = ensureObject(template, 'metadata');
  const labels = ensureObject(templateMeta, 'labels');
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!Object.hasOwn(labels, key)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL])
    if (!Object.hasOwn(labels, key)) labels[key] = PLACEHOLDER_UID;
  const selector = ensureObject(spec, 'selector');
  const matchLabels = ensureObject(selector, 'matchLabels');
  if (!Object.hasOwn(matchLabels, CONTROLLER_UID_LABEL)) matchLabels[CONTROLLER_UID_LABEL] = PLACEHOLDER_UID;
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

function setIfUnset(target: JsonObject, key: string, value: unknown): void {
  if (isUnset(target[key])) target[key] = value;
}

/** Returns target[key] as an object, creating it when absent; a wrong-typed value is replaced. */
function ensureObject(target: JsonObject, key: string): JsonObject {
  const existing = target[key];
  if (isObject(existing)) return existing;
  const created = newDecodedObject();
  target[key] = created;
  return created;
}
