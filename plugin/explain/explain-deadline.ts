import { BACKOFF_CAP_SECONDS, backoffDelaySeconds } from '../../kubernetes/index.ts';
import { int } from '../../kubernetes/index.ts';
import { podSpecOf } from '../../kubernetes/index.ts';
import type { JsonObject } from '../../kubernetes/index.ts';
import type { Effective } from './explanation.ts';

/** What the sentences about the deadline say, decided here; wording/deadline-wording.ts words it. */
export interface DeadlineFacts {
  readonly activeDeadlineSeconds: number | null;
  readonly backoffLimit: number | null;
  /** Retries that can start before the deadline when pods fail at once, if fewer than backoffLimit allows. */
  readonly retriesBeforeDeadline: number | undefined;
  /** The pod template's own activeDeadlineSeconds (a per-pod limit), when set. */
  readonly podDeadline: number | undefined;
  /** Where the Job spec is: `spec`, or `spec.jobTemplate.spec` in a CronJob. */
  readonly specPath: string;
}

/**
 * activeDeadlineSeconds: counted from status.startTime (the first sync while not suspended; reset
 * on resume); when reached the Job fails with DeadlineExceeded whatever retries are left.
 */
export function explainDeadline(effective: Effective, spec: JsonObject, kind: 'Job' | 'CronJob'): DeadlineFacts {
  const seconds = effective.activeDeadlineSeconds;
  return {
    activeDeadlineSeconds: seconds,
    backoffLimit: effective.backoffLimit,
    retriesBeforeDeadline: seconds !== null && seconds !== 0 ? deadlineCutsRetries(effective, seconds) : undefined,
    podDeadline: int(podSpecOf(spec), 'activeDeadlineSeconds'),
    specPath: kind === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec',
  };
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
