// Re-running only some indexes of an Indexed Job: one new Job per index, each `completions: 1`,
// whose containers set JOB_COMPLETION_INDEX to that index explicitly. The Job controller gives an
// Indexed Job's pods the variable only where a container does not already set it
// (addCompletionIndexEnvVariable, pkg/controller/job/indexed_job_utils.go, Kubernetes 1.36: "for
// _, v := range container.Env { if v.Name == completionIndexEnvName { return } }"), so the pod of
// the new Job (index 0 to the controller) reads the old index. That is sound only when the
// workload takes its index from that variable: a template that reads the completion-index
// annotation or label through the downward API would read 0, and one that addresses its peers by
// hostname (`subdomain`: NAME-INDEX.SUBDOMAIN) would have another hostname and no peers.
import {
  arr,
  COMPLETION_INDEX_ENV_NAME,
  isObject,
  JOB_COMPLETION_INDEX_ANNOTATION,
  newDecodedObject,
  obj,
  objects,
  str,
  type JsonObject,
} from '../../kubernetes/index.ts';

/** More Jobs than this in one manifest is no longer a targeted re-run. */
export const MAX_INDEX_JOBS = 100;

/** Why a Job per index would not run the same work; null when nothing in the template says so. */
export type PerIndexBlocker =
  | { code: 'reads-index-downward-api'; where: string; fieldPath: string }
  | { code: 'uses-subdomain'; subdomain: string }
  | { code: 'too-many-indexes'; count: number; max: number };

/** Downward API fields that hold the completion index (the whole maps hold it too). */
function exposesIndex(fieldPath: string): boolean {
  return (
    fieldPath.includes(JOB_COMPLETION_INDEX_ANNOTATION) ||
    fieldPath === 'metadata.annotations' ||
    fieldPath === 'metadata.labels'
  );
}

/** The first reason the pod template cannot be re-run index by index, or null. */
export function perIndexBlocker(podSpec: JsonObject | undefined, count: number): PerIndexBlocker | null {
  if (count > MAX_INDEX_JOBS) return { code: 'too-many-indexes', count, max: MAX_INDEX_JOBS };
  const subdomain = str(podSpec, 'subdomain');
  if (subdomain !== undefined && subdomain !== '') return { code: 'uses-subdomain', subdomain };
  for (const key of ['initContainers', 'containers'] as const) {
    for (const container of objects(podSpec, key)) {
      for (const env of objects(container, 'env')) {
        // The variable itself is what the new Job sets.
        if (str(env, 'name') === COMPLETION_INDEX_ENV_NAME) continue;
        const fieldPath = str(obj(obj(env, 'valueFrom'), 'fieldRef'), 'fieldPath');
        if (fieldPath !== undefined && exposesIndex(fieldPath))
          return {
            code: 'reads-index-downward-api',
            where: `${key}[name=${str(container, 'name') ?? '?'}].env[name=${str(env, 'name') ?? '?'}]`,
            fieldPath,
          };
      }
    }
  }
  for (const volume of objects(podSpec, 'volumes')) {
    const sources = [
      obj(volume, 'downwardAPI'),
      ...objects(obj(volume, 'projected'), 'sources').map((s) => obj(s, 'downwardAPI')),
    ];
    for (const source of sources) {
      for (const item of objects(source, 'items')) {
        const fieldPath = str(obj(item, 'fieldRef'), 'fieldPath');
        if (fieldPath !== undefined && exposesIndex(fieldPath))
          return { code: 'reads-index-downward-api', where: `volumes[name=${str(volume, 'name') ?? '?'}]`, fieldPath };
      }
    }
  }
  return null;
}

/**
 * The Job for one index: completions and parallelism 1, no maxFailedIndexes or successPolicy
 * (both count the indexes of the whole Job, and validation refuses values past completions), and
 * JOB_COMPLETION_INDEX set to the index in every container. `job` is a fresh manifest to change.
 */
export function toIndexJob(job: JsonObject, name: string, index: number): JsonObject {
  const metadata = obj(job, 'metadata') ?? newDecodedObject();
  metadata.generateName = `${name}-index-${index}-`;
  const labels = obj(metadata, 'labels') ?? newDecodedObject();
  labels[INDEX_LABEL] = String(index);
  metadata.labels = labels;
  const spec = obj(job, 'spec') ?? newDecodedObject();
  spec.completions = 1;
  spec.parallelism = 1;
  delete spec.maxFailedIndexes;
  delete spec.successPolicy;
  const podSpec = obj(obj(spec, 'template'), 'spec');
  for (const key of ['initContainers', 'containers'] as const) {
    for (const container of objects(podSpec, key)) setIndexEnv(container, index);
  }
  return job;
}

/** Labels the per-index Jobs with the index they re-run (`kubectl get jobs -l job-x.dev/completion-index`). */
export const INDEX_LABEL = 'job-x.dev/completion-index';

/** Sets the variable in place when the container declares it (later variables may expand it), else appends it. */
function setIndexEnv(container: JsonObject, index: number): void {
  const variable = newDecodedObject();
  variable.name = COMPLETION_INDEX_ENV_NAME;
  variable.value = String(index);
  const env = arr(container, 'env') ?? [];
  const at = env.findIndex((e) => isObject(e) && e.name === COMPLETION_INDEX_ENV_NAME);
  container.env = at >= 0 ? env.map((e, i) => (i === at ? variable : e)) : [...env, variable];
}
