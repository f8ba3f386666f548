// The one fetch every live view works from: a Job, its pods and their Events at one moment.
// plugin/kube fetches it (or reads it from a file); diagnose and index-status are pure functions of it.
import type { JsonObject, RawEvent, RawJob, RawPod } from '../kubernetes/index.ts';

/** `diagnose --logs N` reads at most this many tails (of 20 lines and 64 KiB each), from a cluster or a file. */
export const MAX_LOG_TAILS = 50;

/** The last lines a failed container wrote, when the cluster could give them. */
export interface LogTail {
  pod: string;
  container: string;
  /** The log lines, oldest first, without trailing newlines. */
  lines: string[];
  /** The container's run before its last restart (`kubectl logs --previous`), not its latest one. */
  previous?: boolean;
  /** When that run of the container finished (RFC 3339), when known. */
  finishedAt?: string | null;
}

/** Everything a live view needs, fetched once. Pure analysis functions take this and nothing else. */
export interface JobSnapshot {
  job: RawJob;
  /** The Job's pods (controller-uid selector), oldest first. */
  pods: RawPod[];
  /** Events whose involvedObject is the Job or one of its pods (including pods already gone), oldest first. */
  events: RawEvent[];
  /** When the snapshot was taken (RFC 3339), the clock every "ago" and "left" is computed against. */
  now: string;
  /** The log tail of the most recent failed container, or null when there is none or it could not be read. */
  logTail: LogTail | null;
  /**
   * `diagnose --logs N`: the log tails of the failed attempts before `logTail`'s, most recent
   * first (at most N-1). Absent or empty by default: one tail, as before.
   */
  earlierLogTails?: LogTail[];
}

/** What `diagnose cronjob/NAME` adds to its latest Job's snapshot: the CronJob at one moment. */
export interface CronJobSnapshot {
  /** The CronJob as the API server returned it (decoded data, read by type). */
  readonly cronJob: JsonObject;
  /** The Jobs whose controller is the CronJob. */
  readonly jobs: readonly RawJob[];
  /** The CronJob's Events. */
  readonly events: readonly RawEvent[];
  /** When it was fetched (RFC 3339). */
  readonly now: string;
}
