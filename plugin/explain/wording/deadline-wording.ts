import type { DeadlineFacts } from '../explain-deadline.ts';
import { plural } from '../../format/index.ts';
import { formatDuration } from '../durations.ts';

/** The sentences of `deadline`: how long the Job may run, and what the pod template's deadline does. */
export function deadlineSentences(facts: DeadlineFacts): string[] {
  const seconds = facts.activeDeadlineSeconds;
  const sentences: string[] = [];
  if (seconds === null) {
    sentences.push(
      'No deadline (activeDeadlineSeconds unset): the Job may run for ever. A pod that never starts (its image cannot be pulled, it cannot be scheduled, a volume is missing) is not a failure, so backoffLimit never ends the Job.',
    );
  } else if (seconds === 0) {
    sentences.push('activeDeadlineSeconds is 0: the Job fails (reason DeadlineExceeded) as soon as it starts.');
  } else {
    sentences.push(
      `The whole Job may run for at most ${formatDuration(seconds)}${seconds >= 60 ? ` (${seconds}s)` : ''}, counted from its start (status.startTime); suspending and resuming it starts the clock again.`,
      'When the deadline is reached the Job fails (reason DeadlineExceeded) and its running pods are terminated, however many retries are left: the deadline takes precedence over backoffLimit.',
    );
    if (facts.retriesBeforeDeadline !== undefined) {
      const retries = plural(facts.retriesBeforeDeadline, 'retry', 'retries');
      sentences.push(
        `Even if every pod failed at once, the backoff waits alone let only ${retries} start within ${formatDuration(seconds)} ` +
          `(backoffLimit allows ${facts.backoffLimit}): a Job whose pods keep failing ends with DeadlineExceeded, not BackoffLimitExceeded.`,
      );
    }
  }
  if (facts.podDeadline !== undefined) {
    sentences.push(
      `${facts.specPath}.template.spec.activeDeadlineSeconds (${facts.podDeadline}s) is a per-pod limit, not the Job's: a pod running longer is failed by the kubelet (reason DeadlineExceeded) and that counts as a failure.`,
    );
  }
  return sentences;
}
