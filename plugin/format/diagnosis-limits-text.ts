// The Limits block of a diagnosis: what is left of backoffLimit (or of each index's budget), when
// the next attempt comes, the deadline and the TTL, one line each.
import { humanDuration, restartsFailingJob } from '../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import { plural } from './plural.ts';
import { ago } from './time-ago.ts';

export function limitLines(output: DiagnoseOutput, now: number): [string, string][] {
  const lines: [string, string][] = [];
  const r = output.retries;
  if (r.perIndex) {
    const p = r.perIndex;
    const indexes = p.indexes.map(
      (i) =>
        `index ${i.index}: ${plural(i.counted, 'failure')}${i.ignored > 0 ? ` (+${i.ignored} ignored)` : ''}${i.failed ? ', failed' : ''}${i.nextRetryInSeconds !== null ? `, retry in ${humanDuration(i.nextRetryInSeconds)}` : ''}`,
    );
    lines.push([
      'backoffLimitPerIndex',
      `${p.limit} per index; failed indexes ${p.failedIndexes || 'none'}${p.maxFailedIndexes !== null ? ` (maxFailedIndexes ${p.maxFailedIndexes})` : ''}${indexes.length > 0 ? `; ${indexes.slice(0, 8).join('; ')}${indexes.length > 8 ? `; +${indexes.length - 8} more indexes` : ''}` : ''}`,
    ]);
  } else if (r.counted > 0 || r.ignored > 0 || (r.restartsCounted ?? 0) > 0 || output.state === 'Running') {
    const parts = [`${plural(r.counted, 'failure')} counted, ${r.budget} allowed`];
    if (r.ignored > 0) parts.push(`${r.ignored} ignored by the pod failure policy`);
    if ((r.restartsCounted ?? 0) > 0) {
      parts.push(
        `${plural(r.restartsCounted ?? 0, 'container restart')} counted too (restartPolicy OnFailure): the Job fails when they reach ${restartsFailingJob(r.budget)}`,
      );
    } else if (r.remaining !== null && r.counted > 0) {
      parts.push(`${r.remaining} more tolerated`);
    }
    lines.push(['backoffLimit', parts.join('; ')]);
  }
  if (r.nextRetryInSeconds !== null) {
    lines.push([
      'next attempt',
      r.nextRetryInSeconds > 0
        ? `in ${humanDuration(r.nextRetryInSeconds)} (backoff after ${plural(r.failuresSinceLastSuccess, 'failure')})`
        : 'due now',
    ]);
  }
  const d = output.deadline;
  if (d) {
    const state =
      d.startTime === null
        ? 'not started (suspended or new)'
        : d.remainingSeconds !== null
          ? `${humanDuration(d.remainingSeconds)} left (ran ${humanDuration(d.elapsedSeconds ?? 0)})`
          : `ran ${humanDuration(d.elapsedSeconds ?? 0)}${d.exceeded ? ', exceeded' : ''}`;
    lines.push(['activeDeadline', `${d.activeDeadlineSeconds}s: ${state}`]);
  }
  if (output.ttl) {
    const t = output.ttl;
    lines.push([
      'ttlAfterFinished',
      `${t.seconds}s: ${t.deletesAt === null ? 'counts from when the Job finishes' : t.deletesInSeconds === 0 ? 'due: the TTL controller deletes the Job and its pods now' : `deletes the Job and its pods ${ago(t.deletesAt, now)}`}`,
    ]);
  }
  return lines;
}
