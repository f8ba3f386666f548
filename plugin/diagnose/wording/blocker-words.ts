// What blocks a Job, in words, quoting the Kubernetes message that shows it: one template per
// blocker reason.
import type { BlockerReason } from '../blockers.ts';
import type { BlockerFact } from '../verdict-facts.ts';
import { succeededWords } from './progress-words.ts';
import { duration, oneLine } from './phrases.ts';

/** Each reason's words; `who` is `pod NAME` or `N pods`, `quote` the message after a dash. */
const BLOCKERS: Record<BlockerReason, (b: BlockerFact, who: string, quote: string) => string> = {
  ParallelismZero: (b) =>
    `spec.parallelism is 0 — the controller creates no pods (${succeededWords(b.succeeded, b.completions)})`,
  PodCreationFailing: (_, __, quote) => `the API server refuses the Job's pods${quote}`,
  PodsUnschedulable: (_, who, quote) => `${who} cannot be scheduled${quote}`,
  PodsSchedulingGated: (b, who, quote) =>
    `${who} wait${b.pods.length === 1 ? 's' : ''} for scheduling gates nobody removes${quote}`,
  PodsNotScheduled: (b, who) =>
    `${who} never scheduled — no scheduler has acted on it in ${duration(b.ageSeconds ?? 0)} ` +
    `(schedulerName ${b.scheduler ?? '?'})`,
  PodsNotStarting: (b, who) =>
    `${who} not started — bound to node ${b.node ?? '?'}, ` +
    `whose kubelet has reported nothing about it in ${duration(b.ageSeconds ?? 0)}`,
  ImagePullFailing: (b, who) => {
    const short = /: ([^:]{1,40})$/.exec(oneLine(b.message ?? ''))?.[1];
    const of = b.container ? `container ${b.container} of ` : '';
    const pulled = `image ${b.image ?? '?'} cannot be pulled${short ? ` (${short})` : ''}`;
    const waits = `${of}${who} waits in ${b.podReason ?? 'ErrImagePull'}`;
    return `${pulled} — ${waits}, and a pod that never starts never fails`;
  },
  ContainerConfigError: (b, who, quote) =>
    `container ${b.container ?? '?'} of ${who} cannot be created (${b.podReason ?? ''})${quote}`,
  VolumeMountFailing: (b, who, quote) => `${who} cannot mount ${b.pods.length === 1 ? 'its' : 'their'} volumes${quote}`,
  PodsStuckTerminating: (b, who) => {
    const one = b.pods.length === 1;
    const replacement = one ? 'a replacement' : 'replacements';
    const policy = `podReplacementPolicy ${b.replacementWaits}`;
    const waits = b.replacementWaits
      ? `${policy} waits for ${one ? 'it' : 'them'} to finish before creating ${replacement}`
      : 'no other pod runs';
    const overdue = duration(b.overdueSeconds ?? 0);
    return `${who} still terminating ${overdue} after ${one ? 'its' : 'their'} grace period ended; ${waits}`;
  },
};

export function blockerWords(b: BlockerFact): string {
  const who = b.pods.length === 1 ? `pod ${b.pods[0]}` : `${b.pods.length} pods`;
  const message = b.gates.length > 0 ? `scheduling gates: ${b.gates.join(', ')}` : b.message;
  return BLOCKERS[b.reason](b, who, message ? ` — ${oneLine(message)}` : '');
}
