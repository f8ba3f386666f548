// How attempts failed, grouped: "both attempts exited 1 (container pi)" reads better than two
// table rows, and a failure that repeats on every attempt is the cause worth naming. Data only;
// wording/failure-words.ts says it.
import type { PodAnalysis } from './attempts.ts';

/** How a group's attempts failed, without the pods. */
export interface FailureHow {
  kind: 'oom' | 'exit' | 'disruption' | 'other';
  /**
   * disruption: the DisruptionTarget condition's reason (`condition` true) or the pod's
   * status.reason, Evicted or Preempting (`condition` false); other: the pod's reason.
   */
  reason: string | null;
  condition: boolean;
  container: string | null;
  initContainer: boolean;
  exitCode: number | null;
}

export interface FailureGroup extends FailureHow {
  pods: PodAnalysis[];
}

/** Groups failed pods by how they failed; pods killed because the Job had already failed are left out. */
export function failureGroups(pods: readonly PodAnalysis[], include: (pod: PodAnalysis) => boolean): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const pod of pods) {
    if (!pod.failed || pod.stoppedByJobFailure || pod.stoppedAfterSuccess || !include(pod)) continue;
    const how = howOf(pod);
    const key = `${sameWordsKey(how)}|${how.container ?? ''}`;
    const existing = groups.get(key);
    if (existing) existing.pods.push(pod);
    else groups.set(key, { ...how, pods: [pod] });
  }
  return [...groups.values()].sort((a, b) => b.pods.length - a.pods.length);
}

/** How many pods the groups hold. */
export function podCount(groups: readonly FailureGroup[]): number {
  return groups.reduce((n, g) => n + g.pods.length, 0);
}

/** Failures that read the same (all OOM kills alike, one exit code, one disruption reason) share a group. */
function sameWordsKey(how: FailureHow): string {
  switch (how.kind) {
    case 'oom':
      return 'oom';
    case 'exit':
      return `exit|${how.exitCode}`;
    case 'disruption':
      return how.condition ? `condition|${how.reason ?? 'DisruptionTarget'}` : `pod|${how.reason}`;
    default:
      return `other|${how.reason ?? 'failed'}`;
  }
}

function howOf(pod: PodAnalysis): FailureHow {
  const { attempt, outcome } = pod;
  const container = attempt.container;
  const initContainer = pod.match?.initContainer ?? outcome.initContainer;
  const exitCode = attempt.exitCode;
  if (attempt.disruption) {
    return {
      kind: 'disruption',
      reason: attempt.disruption.reason,
      condition: true,
      container: null,
      initContainer: false,
      exitCode,
    };
  }
  if (attempt.reason === 'Evicted' || attempt.reason === 'Preempting') {
    return {
      kind: 'disruption',
      reason: attempt.reason,
      condition: false,
      container: null,
      initContainer: false,
      exitCode,
    };
  }
  if (attempt.reason === 'OOMKilled')
    return { kind: 'oom', reason: null, condition: false, container, initContainer, exitCode };
  if (exitCode !== null) return { kind: 'exit', reason: null, condition: false, container, initContainer, exitCode };
  return { kind: 'other', reason: attempt.reason, condition: false, container, initContainer, exitCode: null };
}
