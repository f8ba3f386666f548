// `index-status`: where every index of an Indexed Job stands, computed from one snapshot the way
// the Job controller computes it in a sync (pkg/controller/job, 1.36): the recorded status strings
// read with its lenient parser, plus the pods it has not counted yet. Everything is interval
// arithmetic, so a Job with 100,000 completions costs what its status strings and pods cost.
import { countIndexes, type IndexInterval } from '../../kubernetes/index.ts';
import { int } from '../../kubernetes/index.ts';
import type {
  Condition,
  IndexFailures,
  MaxFailedIndexes,
  SuccessPolicy,
} from '../../schemas/generated/index-status-output.ts';
import type { RawCondition, RawJob, RawPod } from '../../kubernetes/index.ts';
import type { JobSnapshot } from '../job-snapshot.ts';
import { complement, contains, fromIndexes, subtract, union } from '../../kubernetes/index.ts';
import {
  calculateFailedIndexes,
  calculateSucceededIndexes,
  completionIndexOf,
  defaultBackoffLimit,
  exceedsBackoffLimit,
  hasJobTrackingFinalizer,
  indexFailureCountOf,
  indexIgnoredFailureCountOf,
  isPodActive,
  isPodFailed,
  isPodTerminating,
  newIndexFailureCounts,
  pastBackoffLimitOnFailure,
} from '../../kubernetes/index.ts';
import { toSuccessPolicyProgress } from './success-policy-progress.ts';

export type IndexState = 'succeeded' | 'failed' | 'active' | 'pending';

/** The four sets partition 0..completions-1. */
export interface IndexSets {
  readonly succeeded: IndexInterval[];
  readonly failed: IndexInterval[];
  readonly active: IndexInterval[];
  readonly pending: IndexInterval[];
}

export interface IndexStatus {
  readonly namespace: string;
  readonly name: string;
  readonly completions: number;
  readonly parallelism: number | null;
  readonly suspended: boolean;
  readonly condition: Condition | null;
  readonly sets: IndexSets;
  /** Pending indexes whose pod is still terminating. */
  readonly terminating: IndexInterval[];
  /** In `sets` from the pods, not yet in the Job's status. */
  readonly unrecorded: { readonly succeeded: IndexInterval[]; readonly failed: IndexInterval[] };
  readonly backoffLimit: { readonly limit: number; readonly failed: number; readonly remaining: number };
  readonly backoffLimitPerIndex: { readonly limit: number; readonly lastChance: IndexInterval[] } | null;
  readonly maxFailedIndexes: MaxFailedIndexes | null;
  readonly failures: { readonly source: 'annotations' | 'pods'; readonly indexes: IndexFailures[] };
  readonly successPolicy: SuccessPolicy | null;
  readonly strayPods: number;
  /** Every pod with a valid index below completions, by index, oldest first (for --index). */
  readonly podsByIndex: ReadonlyMap<number, readonly RawPod[]>;
  /** The snapshot's clock (RFC 3339). */
  readonly now: string;
}

/** What a NonIndexed Job is told instead: index-status has nothing per index to show. */
export interface NotIndexed {
  readonly namespace: string;
  readonly name: string;
  /** spec.completionMode as set (NonIndexed, or an unknown value the controller refuses to sync). */
  readonly completionMode: string;
  readonly completions: number | null;
  readonly succeeded: number;
  readonly failed: number;
  readonly active: number;
}

export type IndexStatusResult =
  { readonly indexed: true; readonly status: IndexStatus } | { readonly indexed: false; readonly job: NotIndexed };

const CONDITION_ORDER = ['Complete', 'Failed', 'SuccessCriteriaMet', 'FailureTarget', 'Suspended'] as const;

/** The index-status of the snapshot's Job. Never throws on odd input: what cannot be read counts as absent. */
export function toIndexStatus(snapshot: JobSnapshot): IndexStatusResult {
  const { job, pods } = snapshot;
  const spec = job.spec ?? {};
  const status = job.status ?? {};
  const namespace = job.metadata.namespace ?? '';
  const name = job.metadata.name ?? '';
  if (spec.completionMode !== 'Indexed') {
    return {
      indexed: false,
      job: {
        namespace,
        name,
        completionMode: typeof spec.completionMode === 'string' ? spec.completionMode : 'NonIndexed',
        completions: int(spec, 'completions') ?? null,
        succeeded: status.succeeded ?? 0,
        failed: status.failed ?? 0,
        active: status.active ?? 0,
      },
    };
  }
  // The API server requires completions for an Indexed Job; 0 is valid (nothing to run).
  const completions = Math.max(0, int(spec, 'completions') ?? 0);
  const backoffLimitPerIndex = int(spec, 'backoffLimitPerIndex') ?? null;

  const podsByIndex = new Map<number, RawPod[]>();
  let strayPods = 0;
  for (const pod of pods) {
    const index = completionIndexOf(pod);
    if (index === null || index >= completions) {
      strayPods++;
      continue;
    }
    const list = podsByIndex.get(index);
    if (list) list.push(pod);
    else podsByIndex.set(index, [pod]);
  }

  // calculateSucceededIndexes; calculateFailedIndexes only with backoffLimitPerIndex (the
  // controller keeps failedIndexes nil otherwise).
  const { previous: recordedSucceeded, current: succeeded } = calculateSucceededIndexes(job, pods, completions);
  let failed: IndexInterval[] = [];
  let recordedFailed: IndexInterval[] = [];
  if (backoffLimitPerIndex !== null) {
    const failedIndexes = calculateFailedIndexes(job, pods, completions);
    recordedFailed = failedIndexes.previous;
    // The API server keeps the two strings disjoint; should pods disagree, a success is final.
    failed = subtract(failedIndexes.current, succeeded);
  }
  const finished = union(succeeded, failed);

  const activeIndexes: number[] = [];
  const terminatingIndexes: number[] = [];
  for (const [index, list] of podsByIndex) {
    if (list.some(isPodActive)) activeIndexes.push(index);
    else if (list.some(isPodTerminating)) terminatingIndexes.push(index);
  }
  const active = subtract(fromIndexes(activeIndexes), finished);
  const started = union(finished, active);
  const pending = complement(started, completions);
  const terminating = subtract(fromIndexes(terminatingIndexes), started);

  const sets: IndexSets = { succeeded, failed, active, pending };
  const failures = toFailures(job, podsByIndex, sets, backoffLimitPerIndex);
  const condition = toCondition(status.conditions);
  const backoffLimit = toBackoffLimit(job);
  const maxFailedIndexesLimit = int(spec, 'maxFailedIndexes');
  const failedCount = countIndexes(failed);
  const maxFailedIndexes: MaxFailedIndexes | null =
    maxFailedIndexesLimit === undefined
      ? null
      : {
          limit: maxFailedIndexesLimit,
          failed: failedCount,
          remaining: Math.max(0, maxFailedIndexesLimit - failedCount),
          exceeded: failedCount > maxFailedIndexesLimit,
        };
  const lastChance =
    backoffLimitPerIndex === null
      ? []
      : fromIndexes(
          failures.indexes
            .filter(
              (f) =>
                (f.status === 'active' || f.status === 'pending') &&
                f.failures >= 1 &&
                f.failures >= backoffLimitPerIndex,
            )
            .map((f) => f.index),
        );

  // The controller's order in a sync: backoffLimit (failed pods, or under OnFailure the restarts of
  // the running pods), then maxFailedIndexes and failed indexes, then the success policy.
  const failing =
    exceedsBackoffLimit(backoffLimit.failed, backoffLimit.limit) ||
    pastBackoffLimitOnFailure(job, backoffLimit.limit, pods) ||
    (maxFailedIndexes?.exceeded ?? false) ||
    (backoffLimitPerIndex !== null && failedCount > 0 && failedCount + countIndexes(succeeded) >= completions);
  const finishing = condition !== null && condition.type !== 'Suspended' ? condition : null;

  return {
    indexed: true,
    status: {
      namespace,
      name,
      completions,
      parallelism: int(spec, 'parallelism') ?? null,
      suspended: spec.suspend === true,
      condition,
      sets,
      terminating,
      unrecorded: { succeeded: subtract(succeeded, recordedSucceeded), failed: subtract(failed, recordedFailed) },
      backoffLimit,
      backoffLimitPerIndex: backoffLimitPerIndex === null ? null : { limit: backoffLimitPerIndex, lastChance },
      maxFailedIndexes,
      failures,
      successPolicy: toSuccessPolicyProgress(job, completions, succeeded, { finishing, failing }),
      strayPods,
      podsByIndex,
      now: snapshot.now,
    },
  };
}

/** Which of the four sets holds the index (binary searches; the sets partition 0..completions-1). */
export function indexStateOf(sets: IndexSets, index: number): IndexState {
  if (contains(sets.succeeded, index)) return 'succeeded';
  if (contains(sets.failed, index)) return 'failed';
  if (contains(sets.active, index)) return 'active';
  return 'pending';
}

/**
 * Failures per index. With backoffLimitPerIndex the controller carries the counts forward on each
 * replacement pod (getNewIndexFailureCounts), so the index's count is the highest of "the pod's
 * annotation, plus one if the pod itself failed"; without it, the failed pods still present.
 */
function toFailures(
  job: RawJob,
  podsByIndex: ReadonlyMap<number, readonly RawPod[]>,
  sets: IndexSets,
  backoffLimitPerIndex: number | null,
): IndexStatus['failures'] {
  const source = backoffLimitPerIndex !== null ? 'annotations' : 'pods';
  const indexes: IndexFailures[] = [];
  for (const [index, list] of podsByIndex) {
    let failures = 0;
    let ignored = 0;
    for (const pod of list) {
      const podFailed = countsAsFailure(pod, job);
      const own = { failures: indexFailureCountOf(pod), ignored: indexIgnoredFailureCountOf(pod) };
      // getNewIndexFailureCounts: what a failed pod hands on to its replacement, its own failure
      // added as counted or, under an Ignore rule, as ignored.
      const handedOn = podFailed ? newIndexFailureCounts(job, pod) : own;
      if (source === 'annotations') {
        failures = Math.max(failures, handedOn.failures);
        ignored = Math.max(ignored, handedOn.ignored);
      } else if (podFailed) {
        if (handedOn.failures > own.failures) failures++;
        else ignored++;
      }
    }
    if (failures + ignored === 0) continue;
    indexes.push({
      index,
      status: indexStateOf(sets, index),
      failures,
      ignored,
      retriesLeft: backoffLimitPerIndex === null ? null : Math.max(0, backoffLimitPerIndex - failures),
    });
  }
  indexes.sort((a, b) => a.index - b.index);
  return { source, indexes };
}

/**
 * A pod that failed, or that the controller will count as failed (isPodFailed: deleted before it
 * finished, under podReplacementPolicy TerminatingOrFailed) while it still carries the tracking
 * finalizer. A terminating pod without the finalizer was either counted already (and its
 * replacement carries the count) or deleted by the controller itself, which never counts those
 * (a Job that succeeded, a scale-down, a suspension).
 */
function countsAsFailure(pod: RawPod, job: RawJob): boolean {
  return pod.status?.phase === 'Failed' || (isPodFailed(pod, job) && hasJobTrackingFinalizer(pod));
}

function toCondition(conditions: readonly RawCondition[] | undefined): Condition | null {
  for (const type of CONDITION_ORDER) {
    const found = conditions?.find((c) => c.type === type && c.status === 'True');
    if (found) return { type, reason: found.reason ?? null, message: found.message ?? null };
  }
  return null;
}

function toBackoffLimit(job: RawJob): IndexStatus['backoffLimit'] {
  // The API server always sets it; a snapshot without it (hand-made) gets the server's default.
  const limit = int(job.spec, 'backoffLimit') ?? defaultBackoffLimit(job.spec ?? {});
  const failed = job.status?.failed ?? 0;
  return { limit, failed, remaining: Math.max(0, limit - failed) };
}
