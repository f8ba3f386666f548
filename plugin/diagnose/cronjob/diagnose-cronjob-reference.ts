// `diagnose cronjob/NAME` as a whole, pure: the CronJob view, then its latest Job's diagnosis; or,
// when the CronJob owns no Job (none started yet, or all removed), the CronJob view and a verdict
// saying why there is none — a state to explain, not an error.
import { humanDuration, toMillis } from '../../../kubernetes/index.ts';
import type { CronJobWithoutJob, DiagnoseOutput } from '../../../schemas/generated/diagnose-output.ts';
import type { JobSnapshot } from '../../job-snapshot.ts';
import { diagnose } from '../diagnose.ts';
import { NO_JOB_WORDING } from './cronjob-wording.ts';
import { diagnoseCronJob, type CronJobBlock, type CronJobSnapshot } from './diagnose-cronjob.ts';

export type { CronJobWithoutJob };

/**
 * The CronJob (with its Jobs and Events) and the snapshot of its latest Job, null when it owns
 * none. The latest Job is fetched after the list of Jobs: its snapshot's copy replaces the
 * listed one, so that the history and the diagnosis agree on its state, and the CronJob is
 * measured at the snapshot's time.
 */
export function diagnoseCronJobReference(
  cronJob: CronJobSnapshot,
  latest: JobSnapshot | null,
  historySize?: number,
): DiagnoseOutput | CronJobWithoutJob {
  if (latest === null) {
    const block = diagnoseCronJob(cronJob, historySize);
    return { job: null, now: cronJob.now, verdict: noJobVerdict(block, cronJob.now), cronjob: block };
  }
  const output = diagnose(latest);
  const uid = latest.job.metadata.uid;
  output.cronjob = diagnoseCronJob(
    {
      ...cronJob,
      jobs: cronJob.jobs.map((job) => (uid !== undefined && job.metadata.uid === uid ? latest.job : job)),
      now: latest.now,
    },
    historySize,
  );
  return output;
}

function noJobVerdict(block: CronJobBlock, now: string): string {
  if (block.lastScheduleTime !== null) return NO_JOB_WORDING.removed(block.name, block.lastScheduleTime);
  if (block.suspended) return NO_JOB_WORDING.notYetSuspended(block.name);
  const next = block.nextRuns[0];
  if (next === undefined) return NO_JOB_WORDING.notYetNoTime(block.name);
  const seconds = Math.round(((toMillis(next) ?? 0) - (toMillis(now) ?? 0)) / 1000);
  return NO_JOB_WORDING.notYet(block.name, next, seconds, humanDuration(seconds));
}

/** Whether the output is a CronJob's without a Job (its `job` is null). */
export function isCronJobWithoutJob(output: DiagnoseOutput | CronJobWithoutJob): output is CronJobWithoutJob {
  return output.job === null;
}
