import { obj, str, stringMap, type JsonObject } from '../../kubernetes/index.ts';
import { podSpecOf } from '../../kubernetes/index.ts';
import { PLACEHOLDER_UID } from '../../kubernetes/index.ts';
import { formatIntervals } from '../../kubernetes/index.ts';
import { plural } from '../format/index.ts';
import type { Effective, Pattern, Pods } from './explanation.ts';

export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
const INDEX_FAILURE_COUNT_KEY = 'batch.kubernetes.io/job-index-failure-count';
const INDEX_IGNORED_FAILURE_COUNT_KEY = 'batch.kubernetes.io/job-index-ignored-failure-count';
const DEFAULT_CONTROLLER = 'kubernetes.io/job-controller';
const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
/** The API server keeps at most 58 characters of generateName (63 minus the 5 random ones). */
const MAX_GENERATE_NAME_BASE = 58;

/** The Kubernetes documentation's four Job patterns, from the defaulted spec. */
export function toPattern(effective: Effective): Pattern {
  if (effective.completionMode === 'Indexed') return 'Indexed';
  if (effective.completions === null) return 'WorkQueue';
  if (effective.completions === 1) return 'NonParallel';
  return 'FixedCompletions';
}

/** The most pods the controller keeps running: min(completions, parallelism), or parallelism for a work queue. */
export function podsAtOnce(effective: Effective): number | null {
  const { completions, parallelism } = effective;
  if (parallelism === null) return null;
  const atOnce = completions === null ? parallelism : Math.min(parallelism, completions);
  return Math.max(0, atOnce);
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

export function explainPods(input: PodsInput): Pods {
  const { effective, pattern, jobName } = input;
  const indexed = pattern === 'Indexed';
  const completions = effective.completions;
  const atOnce = podsAtOnce(effective);
  const base = jobName.slice(0, MAX_GENERATE_NAME_BASE);
  const lastIndex = completions !== null && completions > 0 ? completions - 1 : null;
  const indexes = indexed && lastIndex !== null ? formatIntervals([{ first: 0, last: lastIndex }]) : null;
  return {
    atOnce,
    successesNeeded: completions,
    indexes: indexed ? (indexes ?? '') : null,
    jobName,
    podName: indexed ? `${jobName}-<index>-<random>` : `${base}-<random>`,
    hostname: indexed ? `${jobName}-<index>` : null,
    completionIndex: indexed
      ? { env: 'JOB_COMPLETION_INDEX', annotation: COMPLETION_INDEX_KEY, label: COMPLETION_INDEX_KEY }
      : null,
    labels: toPodLabels(input),
    annotations: toPodAnnotations(effective, indexed),
    sentences: podSentences(input, atOnce),
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
    annotations[INDEX_FAILURE_COUNT_KEY] = '<failures of the index so far>';
    annotations[INDEX_IGNORED_FAILURE_COUNT_KEY] = '<ignored failures of the index, when any>';
  }
  return annotations;
}

function podSentences(input: PodsInput, atOnce: number | null): string[] {
  const { effective, pattern, jobName } = input;
  const { completions, parallelism } = effective;
  const sentences: string[] = [];
  const c = completions ?? 0;
  switch (pattern) {
    case 'NonParallel':
      sentences.push(
        'One pod runs; the Job is done as soon as it succeeds. A pod that fails is replaced by a new one (see "When a pod fails").',
      );
      break;
    case 'FixedCompletions':
      if (c === 0) sentences.push('completions is 0: the Job completes at once, without starting any pod.');
      else {
        sentences.push(
          `${atOnce === 1 ? 'One pod runs at a time' : `Up to ${plural(atOnce ?? 0, 'pod')} run at once`} until ${c} pods have succeeded. The pods are interchangeable: nothing tells a pod which part of the work is its own.`,
        );
      }
      if (parallelism !== null && completions !== null && parallelism > completions && completions > 0) {
        sentences.push(
          `parallelism (${parallelism}) is above completions (${completions}): never more pods run than successes are still needed.`,
        );
      }
      break;
    case 'WorkQueue':
      sentences.push(
        `Up to ${plural(atOnce ?? 0, 'pod')} run${atOnce === 1 ? 's' : ''} at once, taking their work from a queue or another shared source. Once any pod succeeds no new pods start; the Job is done when at least one pod has succeeded and all have finished.`,
      );
      break;
    case 'Indexed':
      if (c === 0) sentences.push('completions is 0: the Job completes at once, without starting any pod.');
      else {
        sentences.push(
          `${c === 1 ? 'One index (0)' : `${c} indexes (0 to ${c - 1})`}, each done by one succeeded pod; up to ${plural(atOnce ?? 0, 'pod')} run${atOnce === 1 ? 's' : ''} at once, lowest missing index first.`,
          `Each pod knows its index: environment variable JOB_COMPLETION_INDEX (in every container and init container), annotation and label ${COMPLETION_INDEX_KEY}, and hostname ${jobName}-<index>.`,
        );
        if (str(podSpecOf(input.spec), 'subdomain') === undefined) {
          sentences.push(
            'For the pods to reach each other by hostname, set spec.template.spec.subdomain to the name of a headless Service that selects them.',
          );
        }
      }
      break;
  }
  if (parallelism === 0) sentences.push('parallelism is 0: no pod starts until spec.parallelism is raised.');
  if (effective.suspend === true) {
    sentences.push(
      input.kind === 'CronJob'
        ? 'Its Jobs are created suspended: they start no pods until their spec.suspend is set to false.'
        : `It is suspended: no pod starts until spec.suspend is set to false (kubectl patch job ${jobName} --type=merge -p '{"spec":{"suspend":false}}'). Resuming resets its start time.`,
    );
  }
  if (effective.suspend !== true && effective.managedBy === null && input.kind === 'Job') {
    sentences.push(
      'Suspending it later (spec.suspend: true) terminates its running pods (SIGTERM, then the grace period), without counting them as failures or completions; they start over on resume.',
    );
  }
  sentences.push(replacementSentence(effective));
  const managedBy = effective.managedBy;
  if (managedBy !== null && managedBy !== DEFAULT_CONTROLLER) {
    sentences.push(
      `spec.managedBy is ${managedBy}: the built-in Job controller leaves this Job alone, and that controller creates its pods.`,
    );
  }
  return sentences;
}

function replacementSentence(effective: Effective): string {
  switch (effective.podReplacementPolicy) {
    case 'Failed':
      return 'A replacement pod is created only once the pod it replaces has fully terminated (podReplacementPolicy Failed): never more than parallelism pods run, and pods still shutting down show in status.terminating.';
    case 'TerminatingOrFailed':
      return 'A pod that is being deleted (node drain, preemption, kubectl delete) counts as failed at once, and its replacement does not wait for it to finish terminating (podReplacementPolicy TerminatingOrFailed): for up to its termination grace period the old and the new pod may run side by side.';
    default:
      return `podReplacementPolicy ${JSON.stringify(effective.podReplacementPolicy)} is not one the API server accepts.`;
  }
}
