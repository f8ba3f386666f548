import type { PerIndexFacts, RetriesFacts } from '../explain-retries.ts';
import { plural } from '../../format/index.ts';
import { formatDuration, ordinal } from '../durations.ts';

/** The sentences of `retries`: the budget, what counts against it, the waits, the per-index budget. */
export function retriesSentences(facts: RetriesFacts): string[] {
  const { budget, failsAfter, unlimited, schedule, retries, onFailure } = facts;
  const sentences: string[] = [];
  if (budget === null || failsAfter === null) {
    sentences.push('backoffLimit has a value the API server cannot read: the retry budget is unknown.');
    return sentences;
  }
  if (budget < 0) {
    sentences.push(`backoffLimit ${budget} is negative (the API server rejects it): the retry budget is unknown.`);
    return sentences;
  }
  const perIndex = facts.perIndex !== null;
  if (unlimited) {
    sentences.push(
      perIndex
        ? `No Job-wide retry limit: backoffLimit is ${budget}${facts.backoffLimitWritten ? '' : ' (the default when backoffLimitPerIndex is set)'}; each index has its own budget (below).`
        : `No retry limit in practice: backoffLimit is ${budget}.`,
    );
  } else if (onFailure) {
    sentences.push(
      budget === 0
        ? 'No retries (backoffLimit 0): the first container restart fails the Job (reason BackoffLimitExceeded).'
        : [
            'restartPolicy OnFailure: the kubelet restarts a failed container in the same pod, and each restart counts.',
            `The ${ordinal(failsAfter)} restart across the Job's running pods, the one after the ${ordinal(failsAfter)} failed run,`,
            'fails the Job (reason BackoffLimitExceeded).',
          ].join(' '),
      'The controller then deletes the pod, and with it the logs of every failed run.',
      `Pods that fail as a whole (evicted, node lost) are replaced and count as well: the ${ordinal(budget + 1)} failed pod fails the Job too.`,
    );
  } else {
    sentences.push(
      budget === 0
        ? 'No retries (backoffLimit 0): the first counted failure fails the Job (reason BackoffLimitExceeded).'
        : `Retry budget: ${plural(budget, 'counted failure')}${facts.backoffLimitWritten || perIndex ? '' : ' (backoffLimit, default 6)'}. The ${ordinal(failsAfter)} counted failure fails the Job (reason BackoffLimitExceeded) and terminates its running pods.`,
    );
    sentences.push(
      facts.hasPodFailurePolicy
        ? 'A counted failure is a pod that ends in phase Failed (a container exited non-zero, was OOM-killed, the pod was evicted…) unless a pod failure policy rule ignores it.'
        : 'A counted failure is a pod that ends in phase Failed: a container exited non-zero or was OOM-killed, the pod was evicted or its node was lost.',
    );
    if (perIndex && facts.backoffLimitWritten) {
      sentences.push(
        `This Job-wide limit applies on top of the per-index budget: the ${ordinal(failsAfter)} counted failure across all indexes fails the whole Job.`,
      );
    }
  }
  if (onFailure && schedule.length > 0 && !unlimited && !perIndex) {
    sentences.push(crashLoopSentence(schedule, facts.scheduleTruncated));
  } else if (!onFailure && retries > 0 && !unlimited && !perIndex) {
    const waits = formatSchedule(schedule, facts.scheduleTruncated);
    const total = schedule.reduce((sum, delay) => sum + delay, 0);
    sentences.push(
      `Before each retry the controller waits ${waits} (10s doubling, capped at 10m; ${facts.scheduleTruncated ? 'over' : 'in all'} ${formatDuration(total)} of waiting).${facts.successResetsWait ? ' A pod that succeeds resets the wait (not the budget).' : ''}`,
    );
  }
  if (facts.restartPolicy === 'Never')
    sentences.push('Failed pods stay (restartPolicy Never): kubectl logs works on every failed attempt.');
  else if (!onFailure)
    sentences.push(
      `restartPolicy ${facts.restartPolicy ?? '(unset)'} is not allowed for a Job (the API server accepts ${facts.hasPodFailurePolicy ? 'only Never with a podFailurePolicy' : 'OnFailure or Never'}).`,
    );
  if (facts.hasIgnoreRule)
    sentences.push(
      'Failures the pod failure policy ignores do not count, but they still lengthen the wait before the next pod.',
    );
  if (facts.perIndex) sentences.push(...perIndexSentences(facts.perIndex));
  return sentences;
}

function perIndexSentences(facts: PerIndexFacts): string[] {
  const { budget, maxFailedIndexes: max } = facts;
  const sentences = [
    budget === 0
      ? 'Per index (backoffLimitPerIndex 0): an index fails at its first counted failure and is not retried; the other indexes go on.'
      : `Per index (backoffLimitPerIndex ${budget}): each index is retried up to ${plural(budget, 'time')}; its ${ordinal(budget + 1)} counted failure marks the index failed, and the other indexes go on.`,
  ];
  if (budget > 0) {
    sentences.push(
      `Before each retry of an index the controller waits ${formatSchedule(facts.schedule, facts.scheduleTruncated)} (counted per index).`,
    );
  }
  if (max === null) {
    sentences.push(
      'Any number of indexes may fail: every index runs to the end, then the Job fails (reason FailedIndexes) if any index failed; status.failedIndexes lists them.',
    );
  } else {
    sentences.push(
      max === 0
        ? 'maxFailedIndexes 0: the first failed index fails the Job at once (reason MaxFailedIndexesExceeded) and terminates its running pods.'
        : `If more than ${plural(max, 'index', 'indexes')} fail${max === 1 ? 's' : ''}, the Job fails at once (reason MaxFailedIndexesExceeded): ` +
            `the ${ordinal(max + 1)} failed index ends it and terminates its running pods. ` +
            `With ${max === 1 ? 'one failed index' : `up to ${max} failed indexes`}, the Job runs every other index and then fails with reason FailedIndexes.`,
    );
  }
  return sentences;
}

/**
 * The kubelet's waits before the counted restarts (crashLoopSchedule): the first restart is
 * immediate, so the back-off shows only from the second one on.
 */
function crashLoopSentence(schedule: readonly number[], truncated: boolean): string {
  const later = schedule.slice(1);
  if (later.length === 0)
    return 'The kubelet makes that restart at once: its back-off (CrashLoopBackOff) only begins before a second restart.';
  return [
    'The kubelet restarts a failed container at once the first time,',
    `then waits about ${formatSchedule(later, truncated)} before the next restarts (CrashLoopBackOff, 10s doubling up to 5m).`,
  ].join(' ');
}

/** `10s, 20s, 40s, 1m20s`, then `… then 10m each` once the cap repeats. */
export function formatSchedule(schedule: readonly number[], truncated: boolean): string {
  const last = schedule[schedule.length - 1];
  if (last === undefined) return '';
  const firstOfLast = schedule.indexOf(last);
  // The cap repeats: list the waits up to it, then say it once.
  if (firstOfLast < schedule.length - 1) {
    const before = schedule.slice(0, firstOfLast).map(formatDuration);
    return `${before.length > 0 ? `${before.join(', ')}, then ` : ''}${formatDuration(last)} each`;
  }
  const text = schedule.map(formatDuration).join(', ');
  return truncated ? `${text}, … (${formatDuration(last)} or more each)` : text;
}
