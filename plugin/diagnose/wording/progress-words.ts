// The parts of a verdict that say how far a Job got and what it spent: progress, the retry budget
// used, failures an Ignore rule kept out, the pods a decided Job waits for.
import type { IgnoredFact, ProgressFact, RunningFailuresFact, WaitingFact } from '../verdict-facts.ts';
import { failuresWords } from './failure-words.ts';
import { plural } from '../../format/index.ts';
import { duration, lastExit, shortIndexes } from './phrases.ts';

/** `3/6 indexes succeeded (0,1,5), 2 pods active (2 ready), activeDeadlineSeconds ends it in 5m`. */
export function progressWords(p: ProgressFact): string {
  const parts: string[] = [];
  if (p.indexed && p.completions !== null) {
    const which = p.completedIndexes ? ` (${shortIndexes(p.completedIndexes)})` : '';
    parts.push(`${p.succeeded}/${p.completions} indexes succeeded${which}`);
  } else {
    parts.push(succeededWords(p.succeeded, p.completions, ' (work queue)'));
  }
  parts.push(`${plural(p.active, 'pod')} active${p.active > 0 ? ` (${p.ready} ready)` : ''}`);
  if (p.terminating > 0) {
    const them = p.terminating === 1 ? 'it has' : 'they have';
    const waits = p.replacementWaits
      ? ` (podReplacementPolicy ${p.replacementWaits}: no replacement until ${them} finished)`
      : '';
    parts.push(`${p.terminating} terminating${waits}`);
  }
  if (p.deadlineLeftSeconds !== null) {
    parts.push(
      p.deadlineLeftSeconds > 0
        ? `activeDeadlineSeconds ends it in ${duration(p.deadlineLeftSeconds)}`
        : 'past activeDeadlineSeconds (the controller fails it at its next sync)',
    );
  }
  return parts.join(', ');
}

/** `2/3 completions`, or for a work-queue Job `2 succeeded` (plus `workQueue`). */
export function succeededWords(succeeded: number, completions: number | null, workQueue = ''): string {
  return completions === null ? `${succeeded} succeeded${workQueue}` : `${succeeded}/${completions} completions`;
}

/** `container pi restarted 2 times (last exit 1 Error), 2 of backoffLimit 4 used; 1 index failed (2)`. */
export function runningFailuresWords(f: RunningFailuresFact): string {
  const parts: string[] = [];
  if (f.restarts) {
    const { count, backoffLimit, last } = f.restarts;
    const who = last ? `container ${last.container} ` : '';
    parts.push(
      `${who}restarted ${plural(count, 'time')}${lastExit(last)}, ${count} of backoffLimit ${backoffLimit} used`,
    );
  }
  if (f.perIndex) {
    const { failedCount, failedIndexes, retried, retriedIndexes } = f.perIndex;
    if (failedCount > 0)
      parts.push(`${plural(failedCount, 'index', 'indexes')} failed (${shortIndexes(failedIndexes)})`);
    if (retried > 0) parts.push(`${plural(retried, 'index', 'indexes')} retried (${shortIndexes(retriedIndexes)})`);
  } else if (f.counted) {
    const { failed, backoffLimit, failures } = f.counted;
    parts.push(
      `${failed} of backoffLimit ${backoffLimit} failures used${failures ? ` (${failuresWords(failures)})` : ''}`,
    );
  }
  return parts.join('; ');
}

/** `1 disruption ignored by pod failure policy rule 1`, `3 failures ignored by pod failure policy rules 0, 2`. */
export function ignoredWords(ignored: IgnoredFact): string {
  const rules = `${ignored.rules.length === 1 ? 'rule' : 'rules'} ${ignored.rules.join(', ')}`;
  const what = plural(ignored.count, ignored.disruptions ? 'disruption' : 'failure');
  return `${what} ignored by pod failure policy ${rules}`;
}

/** `waiting for 1 pod to terminate (pi-1-x, 4s past its grace period)`. */
export function waitingWords(waiting: WaitingFact): string {
  if (waiting.count === 0) return 'the terminal condition follows once uncounted pods are counted';
  const { worst } = waiting;
  const overdue = worst && worst.overdueSeconds > 0 ? `, ${duration(worst.overdueSeconds)} past its grace period` : '';
  return `waiting for ${plural(waiting.count, 'pod')} to terminate${worst ? ` (${worst.pod}${overdue})` : ''}`;
}
