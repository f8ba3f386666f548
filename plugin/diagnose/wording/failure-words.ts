// How attempts failed, in words: `both attempts exited 1 (container pi)`, `was OOMKilled
// (container pi, exit 137)`, `were evicted by the kubelet (TerminationByKubelet)`.
import type { FailureHow } from '../failure-groups.ts';
import type { FailuresFact } from '../verdict-facts.ts';

/** What each DisruptionTarget reason means (the API server, scheduler, taint manager, pod GC and kubelet set them). */
const DISRUPTIONS: Record<string, string> = {
  EvictionByEvictionAPI: 'evicted through the Eviction API (EvictionByEvictionAPI)',
  PreemptionByScheduler: 'preempted by the scheduler (PreemptionByScheduler)',
  DeletionByTaintManager: 'deleted by the taint manager (DeletionByTaintManager)',
  DeletionByPodGC: 'deleted by the pod garbage collector (DeletionByPodGC)',
  TerminationByKubelet: 'evicted by the kubelet (TerminationByKubelet)',
};

export function disruptionWords(reason: string | null): string {
  return (
    (reason !== null && Object.hasOwn(DISRUPTIONS, reason) ? DISRUPTIONS[reason] : undefined) ??
    `disrupted (${reason ?? 'DisruptionTarget'})`
  );
}

/** Short label: `exit 1`, `OOMKilled`, `evicted by the kubelet (TerminationByKubelet)`. */
export function failureLabel(how: FailureHow): string {
  switch (how.kind) {
    case 'oom':
      return 'OOMKilled';
    case 'exit':
      return `exit ${how.exitCode}`;
    case 'disruption':
      return how.condition ? disruptionWords(how.reason) : (how.reason ?? '').toLowerCase();
    default:
      return how.reason ?? 'failed';
  }
}

/** `container pi`, `init container fetch-input`. */
export function containerWords(how: Pick<FailureHow, 'container' | 'initContainer'>): string {
  if (!how.container) return '';
  return `${how.initContainer ? 'init container' : 'container'} ${how.container}`;
}

/** The parenthesis after a group's verb: `(container pi)`, `(container pi, exit 137)`. */
export function failureDetail(how: FailureHow): string {
  const parts = [containerWords(how), how.kind === 'oom' && how.exitCode !== null ? `exit ${how.exitCode}` : ''];
  const said = parts.filter(Boolean);
  return said.length > 0 ? ` (${said.join(', ')})` : '';
}

/** What the attempts of a group did: `exited 1`, `were OOMKilled`, `were evicted (TerminationByKubelet)`. */
export function failureVerb(how: FailureHow, plural: boolean): string {
  switch (how.kind) {
    case 'oom':
      return `${plural ? 'were' : 'was'} OOMKilled`;
    case 'exit':
      return `exited ${how.exitCode}`;
    case 'disruption':
      return `${plural ? 'were' : 'was'} ${failureLabel(how)}`;
    default:
      return `failed (${failureLabel(how)})`;
  }
}

/**
 * One phrase for the failures: `both attempts exited 1 (container pi)`, `the attempt was
 * OOMKilled (container pi, exit 137)`, or `2× exit 5 (container pi), 1× evicted (...)`.
 */
export function failuresWords({ groups, total }: FailuresFact): string {
  if (groups.length === 0) return 'no failed pod is left to show how';
  if (groups.length === 1 && groups[0]!.pods === total) {
    const { how } = groups[0]!;
    const subject = total === 1 ? 'the attempt' : total === 2 ? 'both attempts' : `all ${total} attempts`;
    return `${subject} ${failureVerb(how, total > 1)}${failureDetail(how)}`;
  }
  return groups.map((g) => `${g.pods}× ${failureLabel(g.how)}${failureDetail(g.how)}`).join(', ');
}
