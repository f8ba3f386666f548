// The node-simulator contract (docs: ../README.md, "Node simulator"): what a pod does is written
// in annotations of the Job's pod template, which the Job controller copies onto every pod.
import type { V1Pod } from '@kubernetes/client-node';

export const OUTCOME = 'testbed.job-x.dev/outcome';
export const OUTCOME_INDEX_PREFIX = 'testbed.job-x.dev/outcome-index-';
export const CONTAINER = 'testbed.job-x.dev/container';
export const SECONDS = 'testbed.job-x.dev/seconds';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

export type Outcome =
  | { kind: 'succeed' }
  | { kind: 'exit'; code: number }
  | { kind: 'oom' }
  | { kind: 'evict' }
  | { kind: 'unschedulable' }
  | { kind: 'image-pull-error' }
  | { kind: 'run' };

/** An outcome list that could not be read; the pod then keeps running and says why in an Event. */
export interface OutcomeError {
  error: string;
}

const DEFAULT_SECONDS = 1;

/** Parses `succeed;exit=3;oom`: attempts separated by `;`, blanks around entries ignored. */
export function parseOutcomes(text: string): Outcome[] | OutcomeError {
  const outcomes: Outcome[] = [];
  for (const raw of text.split(';')) {
    const entry = raw.trim();
    const exit = /^exit\s*=\s*(\d{1,3})$/.exec(entry);
    if (exit) {
      const code = Number(exit[1]);
      // A process exit status is one byte; the kubelet never reports more.
      if (code > 255) return { error: `exit code ${code} in "${text}" is above 255` };
      outcomes.push(code === 0 ? { kind: 'succeed' } : { kind: 'exit', code });
    } else if (
      entry === 'succeed' ||
      entry === 'oom' ||
      entry === 'evict' ||
      entry === 'unschedulable' ||
      entry === 'image-pull-error' ||
      entry === 'run'
    ) {
      outcomes.push({ kind: entry });
    } else {
      return {
        error:
          `cannot read "${entry}" in ${OUTCOME} "${text}": expected succeed, exit=N, oom, evict, ` +
          'unschedulable, image-pull-error or run, separated by ";"',
      };
    }
  }
  return outcomes;
}

/** The completion index of a pod of an Indexed Job, or undefined. */
export function completionIndexOf(pod: V1Pod): number | undefined {
  const value = pod.metadata?.annotations?.[COMPLETION_INDEX];
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The outcome of attempt `attempt` (1-based) of this pod's Job (or of its index): the n-th entry,
 * the last entry repeating. No annotation means `succeed`; the per-index annotation wins.
 */
export function outcomeFor(pod: V1Pod, attempt: number): Outcome | OutcomeError {
  const annotations = pod.metadata?.annotations ?? {};
  const index = completionIndexOf(pod);
  const text =
    (index !== undefined ? annotations[`${OUTCOME_INDEX_PREFIX}${index}`] : undefined) ?? annotations[OUTCOME];
  if (text === undefined) return { kind: 'succeed' };
  const outcomes = parseOutcomes(text);
  if ('error' in outcomes) return outcomes;
  return outcomes[Math.min(attempt, outcomes.length) - 1] ?? { kind: 'succeed' };
}

export function isOutcomeError<T extends object>(value: T | OutcomeError): value is OutcomeError {
  return 'error' in value;
}

/** Running time before the outcome, in milliseconds. */
export function runningMillis(pod: V1Pod): number | OutcomeError {
  const text = pod.metadata?.annotations?.[SECONDS];
  if (text === undefined) return DEFAULT_SECONDS * 1000;
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    return { error: `${SECONDS} "${text}" is not a non-negative number of seconds` };
  }
  return seconds * 1000;
}

/**
 * The container whose exit code the outcome sets: the annotation's (a container or a regular init
 * container), else the first container.
 */
export function targetContainer(pod: V1Pod): { name: string; init: boolean } | OutcomeError {
  const containers = pod.spec?.containers ?? [];
  const wanted = pod.metadata?.annotations?.[CONTAINER];
  if (wanted === undefined) return { name: containers[0]?.name ?? '', init: false };
  if (containers.some((c) => c.name === wanted)) return { name: wanted, init: false };
  const init = (pod.spec?.initContainers ?? []).find((c) => c.name === wanted);
  if (init && init.restartPolicy !== 'Always') return { name: wanted, init: true };
  return { error: `${CONTAINER} "${wanted}" is not a container or init container of this pod` };
}

export function describeOutcome(outcome: Outcome): string {
  return outcome.kind === 'exit' ? `exit=${outcome.code}` : outcome.kind;
}
