import { obj, str, stringMap, type JsonObject } from '../../kubernetes/index.ts';
import { podSpecOf } from '../../kubernetes/index.ts';
import { PLACEHOLDER_UID } from '../../kubernetes/index.ts';
import { formatIntervals } from '../../kubernetes/index.ts';
import {
  COMPLETION_INDEX_ENV_NAME,
  JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_CONTROLLER_NAME,
  JOB_INDEX_FAILURE_COUNT_ANNOTATION,
  JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
  JOB_NAME_LABEL,
  LEGACY_JOB_NAME_LABEL,
  wantActive,
} from '../../kubernetes/index.ts';
import type { Effective, Pattern, Pods } from './explanation.ts';

const JOB_NAME_LABELS = [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL];

/** The annotation and label naming a pod's index, as the wording prints it. */
export const COMPLETION_INDEX_KEY = JOB_COMPLETION_INDEX_ANNOTATION;
export { COMPLETION_INDEX_ENV_NAME };
/** The API server keeps at most 58 characters of generateName (63 minus the 5 random ones). */
const MAX_GENERATE_NAME_BASE = 58;

/** The Kubernetes documentation's four Job patterns, from the defaulted spec. */
export function toPattern(effective: Effective): Pattern {
  if (effective.completionMode === 'Indexed') return 'Indexed';
  if (effective.completions === null) return 'WorkQueue';
  if (effective.completions === 1) return 'NonParallel';
  return 'FixedCompletions';
}

/** The most pods the controller keeps running: its wantActive before any pod succeeded. */
export function podsAtOnce(effective: Effective): number | null {
  const { completions, parallelism } = effective;
  if (parallelism === null) return null;
  return Math.max(0, wantActive(completions, parallelism, 0, 0));
}

export interface PodsInput {
  readonly effective: Effective;
  /** The defaulted spec (its template labels include the generated ones). */
  readonly spec: JsonObject;
  readonly pattern: Pattern;
  readonly jobName: string;
  /** The Job's uid when it exists (live), to show in the generated labels. */
  readonly uid: string | undefined;
  readonly kind: 'Job' | 'CronJob';
}

/**
 * What the pods of the Job are: how many run at once, their names, labels and annotations (the
 * data of `pods`), and the facts its sentences are worded from (wording/pods-wording.ts).
 */
export function explainPods(input: PodsInput): { pods: Omit<Pods, 'sentences'>; facts: PodsFacts } {
  const { effective, pattern, jobName } = input;
  const indexed = pattern === 'Indexed';
  const completions = effective.completions;
  const atOnce = podsAtOnce(effective);
  const base = jobName.slice(0, MAX_GENERATE_NAME_BASE);
  const lastIndex = completions !== null && completions > 0 ? completions - 1 : null;
  const indexes = indexed && lastIndex !== null ? formatIntervals([{ first: 0, last: lastIndex }]) : null;
  const pods: Omit<Pods, 'sentences'> = {
    atOnce,
    successesNeeded: completions,
    indexes: indexed ? (indexes ?? '') : null,
    jobName,
    podName: indexed ? `${jobName}-<index>-<random>` : `${base}-<random>`,
    hostname: indexed ? `${jobName}-<index>` : null,
    completionIndex: indexed
      ? { env: COMPLETION_INDEX_ENV_NAME, annotation: COMPLETION_INDEX_KEY, label: COMPLETION_INDEX_KEY }
      : null,
    labels: toPodLabels(input),
    annotations: toPodAnnotations(effective, indexed),
  };
  return { pods, facts: toPodsFacts(input, atOnce) };
}

/** What the sentences about the pods say, decided here; wording/pods-wording.ts words it. */
export interface PodsFacts {
  readonly pattern: Pattern;
  readonly kind: 'Job' | 'CronJob';
  readonly jobName: string;
  readonly completions: number | null;
  readonly parallelism: number | null;
  readonly atOnce: number | null;
  /** Fixed completions with parallelism above completions: no more pods run than successes are needed. */
  readonly parallelismAboveCompletions: boolean;
  /** Indexed pods (completions above 0) without a subdomain: they cannot reach each other by hostname. */
  readonly subdomainMissing: boolean;
  readonly suspended: boolean;
  /** Suspending the Job later terminates its running pods (a Job the built-in controller runs, not suspended). */
  readonly suspendTerminatesPods: boolean;
  readonly podReplacementPolicy: string | null;
  /** The controller spec.managedBy names instead of the built-in one; null for the built-in one. */
  readonly managedElsewhereBy: string | null;
  /** Where the Job spec is: `spec`, or `spec.jobTemplate.spec` in a CronJob. */
  readonly specPath: string;
}

function toPodsFacts(input: PodsInput, atOnce: number | null): PodsFacts {
  const { effective, pattern, kind } = input;
  const { completions, parallelism, managedBy } = effective;
  return {
    pattern,
    kind,
    jobName: input.jobName,
    completions,
    parallelism,
    atOnce,
    parallelismAboveCompletions:
      pattern === 'FixedCompletions' &&
      parallelism !== null &&
      completions !== null &&
      parallelism > completions &&
      completions > 0,
    subdomainMissing:
      pattern === 'Indexed' && (completions ?? 0) !== 0 && str(podSpecOf(input.spec), 'subdomain') === undefined,
    suspended: effective.suspend === true,
    suspendTerminatesPods: effective.suspend !== true && managedBy === null && kind === 'Job',
    podReplacementPolicy: effective.podReplacementPolicy,
    managedElsewhereBy: managedBy !== null && managedBy !== JOB_CONTROLLER_NAME ? managedBy : null,
    specPath: kind === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec',
  };
}

function toPodLabels({ spec, uid, effective, jobName }: PodsInput): Record<string, string> {
  const labels: Record<string, string> = { ...(stringMap(obj(obj(spec, 'template'), 'metadata'), 'labels') ?? {}) };
  for (const [key, value] of Object.entries(labels)) if (value === PLACEHOLDER_UID) labels[key] = uid ?? '<uid>';
  // The generated name labels carry the Job's name (a generateName is completed by the server).
  if (effective.manualSelector !== true) for (const key of JOB_NAME_LABELS) if (key in labels) labels[key] = jobName;
  if (effective.completionMode === 'Indexed') labels[COMPLETION_INDEX_KEY] = '<index>';
  return labels;
}

function toPodAnnotations(effective: Effective, indexed: boolean): Record<string, string> {
  const annotations: Record<string, string> = {};
  if (indexed) annotations[COMPLETION_INDEX_KEY] = '<index>';
  if (indexed && effective.backoffLimitPerIndex !== null) {
    annotations[JOB_INDEX_FAILURE_COUNT_ANNOTATION] = '<failures of the index so far>';
    annotations[JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = '<ignored failures of the index, when any>';
  }
  return annotations;
}
