// How attempts failed, grouped: "both attempts exited 1 (container pi)" reads better than two
// table rows, and a failure that repeats on every attempt is the cause worth naming.
import type { PodAnalysis } from './attempts.ts';

export interface FailureGroup {
  kind: 'oom' | 'exit' | 'disruption' | 'other';
  /** Short label: `exit 1`, `OOMKilled`, `evicted (TerminationByKubelet)`. */
  label: string;
  container: string | null;
  initContainer: boolean;
  exitCode: number | null;
  pods: PodAnalysis[];
}

/** Groups failed pods by how they failed; pods killed because the Job had already failed are left out. */
export function failureGroups(pods: readonly PodAnalysis[], include: (pod: PodAnalysis) => boolean): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const pod of pods) {
    if (!pod.failed || pod.stoppedByJobFailure || pod.stoppedAfterSuccess || !include(pod)) continue;
    const group = groupOf(pod);
    const key = `${group.kind}|${group.label}|${group.container ?? ''}`;
    const existing = groups.get(key);
    if (existing) existing.pods.push(pod);
    else groups.set(key, { ...group, pods: [pod] });
  }
  return [...groups.values()].sort((a, b) => b.pods.length - a.pods.length);
}

function groupOf(pod: PodAnalysis): Omit<FailureGroup, 'pods'> {
  const { attempt, outcome } = pod;
  const container = attempt.container;
  const initContainer = pod.match?.initContainer ?? outcome.initContainer;
  if (attempt.disruption) {
    return {
      kind: 'disruption',
      label: disruptionWords(attempt.disruption.reason),
      container: null,
      initContainer: false,
      exitCode: attempt.exitCode,
    };
  }
  if (attempt.reason === 'Evicted' || attempt.reason === 'Preempting') {
    return {
      kind: 'disruption',
      label: attempt.reason.toLowerCase(),
      container: null,
      initContainer: false,
      exitCode: attempt.exitCode,
    };
  }
  if (attempt.reason === 'OOMKilled')
    return { kind: 'oom', label: 'OOMKilled', container, initContainer, exitCode: attempt.exitCode };
  if (attempt.exitCode !== null)
    return { kind: 'exit', label: `exit ${attempt.exitCode}`, container, initContainer, exitCode: attempt.exitCode };
  return { kind: 'other', label: attempt.reason ?? 'failed', container, initContainer, exitCode: null };
}

/** What a DisruptionTarget reason means (the reasons the API server, scheduler, taint manager, pod GC and kubelet write). */
export function disruptionWords(reason: string | null): string {
  switch (reason) {
    case 'EvictionByEvictionAPI':
      return 'evicted through the Eviction API (EvictionByEvictionAPI)';
    case 'PreemptionByScheduler':
      return 'preempted by the scheduler (PreemptionByScheduler)';
    case 'DeletionByTaintManager':
      return 'deleted by the taint manager (DeletionByTaintManager)';
    case 'DeletionByPodGC':
      return 'deleted by the pod garbage collector (DeletionByPodGC)';
    case 'TerminationByKubelet':
      return 'evicted by the kubelet (TerminationByKubelet)';
    default:
      return `disrupted (${reason ?? 'DisruptionTarget'})`;
  }
}

/** `container pi`, `init container fetch-input`. */
export function containerWords(group: Pick<FailureGroup, 'container' | 'initContainer'>): string {
  if (!group.container) return '';
  return `${group.initContainer ? 'init container' : 'container'} ${group.container}`;
}

/** The parenthesis after a group's verb: `(container pi)`, `(container pi, exit 137)`. */
export function groupDetail(group: FailureGroup): string {
  const parts = [
    containerWords(group),
    group.kind === 'oom' && group.exitCode !== null ? `exit ${group.exitCode}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** What the attempts of a group did: `exited 1`, `were OOMKilled`, `were evicted (TerminationByKubelet)`. */
export function groupVerb(group: FailureGroup, plural: boolean): string {
  switch (group.kind) {
    case 'oom':
      return `${plural ? 'were' : 'was'} OOMKilled`;
    case 'exit':
      return `exited ${group.exitCode}`;
    case 'disruption':
      return `${plural ? 'were' : 'was'} ${group.label}`;
    default:
      return `failed (${group.label})`;
  }
}

/**
 * One phrase for the failures: `both attempts exited 1 (container pi)`, `its only attempt was
 * OOMKilled (container pi, exit 137)`, or `2× exit 5 (container pi), 1× evicted (...)`.
 */
export function describeFailures(groups: readonly FailureGroup[], total: number): string {
  if (groups.length === 0) return 'no failed pod is left to show how';
  if (groups.length === 1 && groups[0]!.pods.length === total) {
    const group = groups[0]!;
    const subject = total === 1 ? 'the attempt' : total === 2 ? 'both attempts' : `all ${total} attempts`;
    return `${subject} ${groupVerb(group, total > 1)}${groupDetail(group)}`;
  }
  return groups.map((g) => `${g.pods.length}× ${g.label}${groupDetail(g)}`).join(', ');
}
