import { BACKOFF_CAP_SECONDS, backoffDelaySeconds } from '../../kubernetes/index.ts';
import { int } from '../../kubernetes/index.ts';
import { podSpecOf } from '../../kubernetes/index.ts';
import type { JsonObject } from '../../kubernetes/index.ts';
import { plural } from '../format/index.ts';
import { formatDuration } from './durations.ts';
import type { Deadline, Effective } from './explanation.ts';

/**
 * activeDeadlineSeconds: counted from status.startTime (the first sync while not suspended; reset
 * on resume); when reached the Job fails with DeadlineExceeded whatever retries are left.
 */
export function explainDeadline(effective: Effective, spec: JsonObject): Deadline {
  const seconds = effective.activeDeadlineSeconds;
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
    const limited = deadlineCutsRetries(effective, seconds);
    if (limited !== undefined) {
      sentences.push(
        `Even if every pod failed at once, the backoff waits alone let only ${plural(limited, 'retry', 'retries')} start within ${formatDuration(seconds)} (backoffLimit allows ${effective.backoffLimit}): a Job whose pods keep failing ends with DeadlineExceeded, not BackoffLimitExceeded.`,
      );
    }
  }
  const podDeadline = int(podSpecOf(spec), 'activeDeadlineSeconds');
  if (podDeadline !== undefined) {
    sentences.push(
      `spec.template.spec.activeDeadlineSeconds (${podDeadline}s) is a per-pod limit, not the Job's: a pod running longer is failed by the kubelet (reason DeadlineExceeded) and that counts as a failure.`,
    );
  }
  return { activeDeadlineSeconds: seconds, sentences };
}

/**
 * How many retries can start before the deadline when pods fail instantly (restartPolicy Never,
 * Job-wide backoff), if fewer than backoffLimit allows; undefined when the deadline does not bite.
 */
export function deadlineCutsRetries(effective: Effective, deadline: number): number | undefined {
  const limit = effective.backoffLimit;
  if (limit === null || effective.restartPolicy !== 'Never' || effective.backoffLimitPerIndex !== null)
    return undefined;
  let elapsed = 0;
  for (let failure = 1; failure <= limit; failure++) {
    const delay = backoffDelaySeconds(failure);
    if (delay === BACKOFF_CAP_SECONDS) {
      // Every later wait is the cap: count the rest without walking a budget of up to 2^31.
      const more = Math.ceil((deadline - elapsed) / BACKOFF_CAP_SECONDS);
      const started = failure - 1 + more - 1;
      return failure - 1 + more <= limit ? started : undefined;
    }
    elapsed += delay;
    if (elapsed >= deadline) return failure - 1;
  }
  return undefined;
}
