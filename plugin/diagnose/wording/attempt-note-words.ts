// An attempt's note: what else matters about it, in words, `; `-separated.
import type { AttemptNote } from '../attempts.ts';
import { duration, lastExit } from './phrases.ts';
import { say, type MessageTable } from './message-table.ts';

const NOTES: MessageTable<AttemptNote> = {
  // The text output leaves this one out (its POLICY and COUNTED columns say it): keep its start.
  ignored: (n) => `ignored by pod failure policy rule ${n.rule}: not counted`,
  'stopped-by-job-failure': (n) =>
    `${n.killed ? 'killed' : 'deleted'} by the Job controller when the Job failed; counted as failed`,
  'stopped-after-success': () => 'stopped by the Job controller once the Job met its success criteria; not counted',
  'removed-uncounted': () => 'deleted by the Job controller (suspension or scale-down); not counted',
  'deleted-while-running': () => 'deleted while running',
  'stuck-terminating': (n) =>
    `stuck terminating: ${duration(n.overdueSeconds)} past its grace period${n.node ? ` on node ${n.node}` : ''}`,
  restarted: (n) => `restarted ${n.restarts}× in place${lastExit(n.last, 'last run: exit')}`,
  'pod-deadline': () =>
    "the pod's own activeDeadlineSeconds (spec.template.spec.activeDeadlineSeconds) ended it, not the Job's",
  'index-outside-completions': () => 'index outside completions: not counted',
  'possible-memory-kill': () =>
    'exit 137 (SIGKILL) without OOMKilled: possibly a memory kill (a process of the container killed by the OOM killer, or the node under memory pressure); check the memory limit',
  sigterm: () =>
    'exit 143 (SIGTERM): the container was asked to stop (deletion, eviction, preemption, a deadline) rather than failing by itself',
};

export function attemptNoteWords(notes: readonly AttemptNote[]): string | null {
  return notes.length > 0 ? notes.map((note) => say(NOTES, note)).join('; ') : null;
}
