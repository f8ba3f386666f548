// spec.activeDeadlineSeconds as the controller measures it (pastActiveDeadline): from
// status.startTime, never while suspended; suspension clears startTime (1.35+) and resuming sets
// it anew, so the deadline restarts.
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { JobFacts } from './job-facts.ts';
import { pastActiveDeadline, secondsBetween } from '../../kubernetes/index.ts';

export type Deadline = DiagnoseOutput['deadline'];

/** `decidedAt`: when the controller decided the outcome, for a Job that has finished or is finishing. */
export function toDeadline(
  facts: JobFacts,
  reason: string | null,
  decidedAt: number | undefined,
  now: number,
): Deadline {
  const seconds = facts.activeDeadlineSeconds;
  if (seconds === null) return null;
  const start = facts.status.startTime;
  if (start === null) {
    return {
      activeDeadlineSeconds: seconds,
      startTime: null,
      elapsedSeconds: null,
      remainingSeconds: null,
      exceeded: reason === 'DeadlineExceeded',
    };
  }
  const until = decidedAt ?? now;
  const elapsed = Math.max(0, Math.round(secondsBetween(start, until)));
  const running = decidedAt === undefined && !facts.suspend;
  return {
    activeDeadlineSeconds: seconds,
    startTime: facts.status.startTimeText,
    elapsedSeconds: elapsed,
    remainingSeconds: running ? Math.max(0, seconds - elapsed) : null,
    exceeded:
      reason === 'DeadlineExceeded' ||
      (decidedAt === undefined && pastActiveDeadline(seconds, start, facts.suspend, now)),
  };
}
