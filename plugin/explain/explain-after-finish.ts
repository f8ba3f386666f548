import type { CronJobSchedule, Effective } from './explanation.ts';

/** The CronJob controller keeps this many finished Jobs when its history limits are unset. */
const DEFAULT_SUCCESSFUL_JOBS_HISTORY = 3;
const DEFAULT_FAILED_JOBS_HISTORY = 1;

/** What happens to the Job and its pods once it finished; wording/after-finish-wording.ts words it. */
export interface AfterFinishFacts {
  readonly ttlSecondsAfterFinished: number | null;
  readonly kind: 'Job' | 'CronJob';
  /** restartPolicy OnFailure: a failed Job's pod is deleted, with the logs of every failed run. */
  readonly onFailure: boolean;
  /** A CronJob's Jobs: how many finished ones it keeps. */
  readonly history: { readonly successful: number; readonly failed: number } | null;
}

export function explainAfterFinish(
  effective: Effective,
  kind: 'Job' | 'CronJob',
  cronJob: Pick<CronJobSchedule, 'successfulJobsHistoryLimit' | 'failedJobsHistoryLimit'> | null,
): AfterFinishFacts {
  return {
    ttlSecondsAfterFinished: effective.ttlSecondsAfterFinished,
    kind,
    onFailure: effective.restartPolicy === 'OnFailure',
    history: cronJob && {
      successful: cronJob.successfulJobsHistoryLimit ?? DEFAULT_SUCCESSFUL_JOBS_HISTORY,
      failed: cronJob.failedJobsHistoryLimit ?? DEFAULT_FAILED_JOBS_HISTORY,
    },
  };
}
