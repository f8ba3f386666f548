// What the diagnosis reads from the Job itself: its effective spec (the API server has defaulted
// it; the defaults are repeated here only for a Job read from an older or odd source) and its
// status, under names that say what they mean.
import { int, isObject, obj, objects, str, type JsonObject } from '../../kubernetes/index.ts';
import { podFailurePolicyRules, podSpecOf, restartPolicyOf } from '../../kubernetes/index.ts';
import type { RawCondition, RawJob } from '../../kubernetes/index.ts';
import { defaultBackoffLimit, JOB_CONTROLLER_NAME, onlyReplaceFailedPods, toMillis } from '../../kubernetes/index.ts';
/** Kueue puts a Job in a queue with this label (older releases: an annotation of the same name). */
export const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

export interface JobFacts {
  namespace: string;
  name: string;
  uid: string | null;
  createdAt: string | null;
  owner: { kind: string; name: string } | null;
  spec: JsonObject;
  completionMode: string;
  indexed: boolean;
  /** null for a work-queue Job. */
  completions: number | null;
  parallelism: number;
  backoffLimit: number;
  backoffLimitPerIndex: number | null;
  maxFailedIndexes: number | null;
  activeDeadlineSeconds: number | null;
  ttlSecondsAfterFinished: number | null;
  suspend: boolean;
  /** spec.managedBy when it names a controller other than the built-in one. */
  managedElsewhereBy: string | null;
  podReplacementPolicy: string;
  restartPolicy: string | undefined;
  podFailurePolicyRules: JsonObject[] | null;
  successPolicyRules: JsonObject[] | null;
  /** onlyReplaceFailedPods in job_controller.go: terminating pods are not failures and are not replaced. */
  onlyReplaceFailedPods: boolean;
  kueueQueue: string | null;
  /** Queued by Kueue: the queue-name label, or spec.managedBy kueue.x-k8s.io/multikueue. */
  kueueManaged: boolean;
  deleting: boolean;
  status: {
    active: number;
    ready: number;
    terminating: number;
    succeeded: number;
    failed: number;
    completedIndexes: string | null;
    failedIndexes: string | null;
    startTime: number | null;
    startTimeText: string | null;
    completionTime: string | null;
    /** status.uncountedTerminatedPods.failed: pods counted as failed, not yet in status.failed. */
    uncountedFailed: string[];
  };
  conditions: RawCondition[];
}

export function toJobFacts(job: RawJob): JobFacts {
  const spec: JsonObject = isObject(job.spec) ? job.spec : {};
  const meta = job.metadata;
  const status = job.status ?? {};
  const backoffLimitPerIndex = int(spec, 'backoffLimitPerIndex') ?? null;
  const rules = obj(spec, 'podFailurePolicy') ? podFailurePolicyRules(spec) : null;
  const completionMode = str(spec, 'completionMode') ?? 'NonIndexed';
  const managedBy = str(spec, 'managedBy');
  const replacement = str(spec, 'podReplacementPolicy') ?? (rules ? 'Failed' : 'TerminatingOrFailed');
  const completionsRaw = spec.completions;
  const parallelismRaw = int(spec, 'parallelism');
  const controller = (meta.ownerReferences ?? []).find((ref) => ref.controller === true);
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name ?? '',
    uid: meta.uid ?? null,
    createdAt: meta.creationTimestamp ?? null,
    owner: controller?.kind && controller.name ? { kind: controller.kind, name: controller.name } : null,
    spec,
    completionMode,
    indexed: completionMode === 'Indexed',
    // SetDefaults_Job: both unset → 1 and 1; only parallelism set → completions stays nil.
    completions: typeof completionsRaw === 'number' ? completionsRaw : parallelismRaw === undefined ? 1 : null,
    parallelism: parallelismRaw ?? 1,
    backoffLimit: int(spec, 'backoffLimit') ?? defaultBackoffLimit(spec),
    backoffLimitPerIndex,
    maxFailedIndexes: int(spec, 'maxFailedIndexes') ?? null,
    activeDeadlineSeconds: int(spec, 'activeDeadlineSeconds') ?? null,
    ttlSecondsAfterFinished: int(spec, 'ttlSecondsAfterFinished') ?? null,
    suspend: spec.suspend === true,
    managedElsewhereBy: managedBy !== undefined && managedBy !== JOB_CONTROLLER_NAME ? managedBy : null,
    podReplacementPolicy: replacement,
    restartPolicy: restartPolicyOf(spec),
    podFailurePolicyRules: rules,
    successPolicyRules: obj(spec, 'successPolicy') ? objects(obj(spec, 'successPolicy'), 'rules') : null,
    onlyReplaceFailedPods: onlyReplaceFailedPods({ spec }),
    kueueQueue: meta.labels?.[KUEUE_QUEUE_LABEL] ?? meta.annotations?.[KUEUE_QUEUE_LABEL] ?? null,
    kueueManaged:
      meta.labels?.[KUEUE_QUEUE_LABEL] !== undefined ||
      meta.annotations?.[KUEUE_QUEUE_LABEL] !== undefined ||
      (managedBy ?? '').startsWith('kueue.x-k8s.io/'),
    deleting: typeof meta.deletionTimestamp === 'string',
    status: {
      active: status.active ?? 0,
      ready: status.ready ?? 0,
      terminating: status.terminating ?? 0,
      succeeded: status.succeeded ?? 0,
      failed: status.failed ?? 0,
      completedIndexes: completionMode === 'Indexed' ? (status.completedIndexes ?? '') : null,
      failedIndexes: backoffLimitPerIndex !== null ? (status.failedIndexes ?? '') : null,
      startTime: toMillis(status.startTime) ?? null,
      startTimeText: status.startTime ?? null,
      completionTime: status.completionTime ?? null,
      uncountedFailed: (status.uncountedTerminatedPods?.failed ?? []).filter((uid) => typeof uid === 'string'),
    },
    conditions: status.conditions ?? [],
  };
}

/** The condition of that type when its status is True (the controller only acts on True ones). */
export function trueCondition(facts: JobFacts, type: string): RawCondition | undefined {
  return facts.conditions.find((c) => c.type === type && c.status === 'True');
}

/** Container and init container specs of the pod template, by name. */
export function templateContainers(facts: JobFacts): Map<string, { spec: JsonObject; init: boolean }> {
  const podSpec = podSpecOf(facts.spec);
  const byName = new Map<string, { spec: JsonObject; init: boolean }>();
  for (const [key, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    for (const container of objects(podSpec, key)) {
      const name = str(container, 'name');
      if (name !== undefined) byName.set(name, { spec: container, init });
    }
  }
  return byName;
}
