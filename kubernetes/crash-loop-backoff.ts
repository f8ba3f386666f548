// How long the kubelet waits before it restarts a failed container in place (restartPolicy
// OnFailure or Always), Kubernetes 1.36: kuberuntime_manager.go doBackOff over a
// flowcontrol.Backoff built in kubelet.go (initialCrashLoopBackOff 10 s, MaxContainerBackOff
// 300 s, the default of the kubelet's crashLoopBackOff.maxContainerRestartPeriod).
import { cappedDoubling } from './capped-doubling.ts';

/** initialCrashLoopBackOff: the wait before the second restart. */
export const CRASH_LOOP_BACKOFF_BASE_SECONDS = 10;
/** MaxContainerBackOff: the doubling stops here. */
export const CRASH_LOOP_BACKOFF_CAP_SECONDS = 300;

/**
 * Seconds between a failed run and the restart that follows it, for restart n (1-based). The
 * first restart is immediate: doBackOff finds no back-off entry for the container yet, calls
 * Backoff.Next (which creates one of 10 s) and starts it at once. Each later restart waits the
 * entry's value since the run ended, and Next doubles it: 10 s, 20 s, 40 s … up to 300 s. (A
 * container that ran over 600 s since the last restart starts over at an immediate restart.)
 */
export function crashLoopRestartDelaySeconds(restart: number): number {
  if (restart <= 1) return 0;
  return cappedDoubling(restart - 1, CRASH_LOOP_BACKOFF_BASE_SECONDS, CRASH_LOOP_BACKOFF_CAP_SECONDS);
}

/** The waits before restarts 1 to `restarts` (at most `limit` of them). */
export function crashLoopSchedule(restarts: number, limit = 20): number[] {
  const schedule: number[] = [];
  for (let n = 1; n <= Math.min(restarts, limit); n++) schedule.push(crashLoopRestartDelaySeconds(n));
  return schedule;
}
