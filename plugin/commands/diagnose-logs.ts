// `diagnose --logs N`: how many failed attempts' log tails to show. Live, N tails are fetched
// (plugin/kube/fetch-log-tails.ts); with -f FILE the snapshot's own tails are shown, at most N.
import { UsageError } from '../../edge/index.ts';
import { MAX_LOG_TAILS, type JobSnapshot } from '../job-snapshot.ts';

/** A usage error for a count the fetch would not honour. */
export function checkLogsOption(logs: number | undefined): void {
  if (logs !== undefined && logs > MAX_LOG_TAILS)
    throw new UsageError(
      `--logs ${logs}: at most ${MAX_LOG_TAILS} log tails are fetched (each the last 20 lines of a failed attempt)`,
    );
}

/** -f FILE: the snapshot's log tails, cut to the first N (most recent first) when --logs N is given. */
export function keepLogTails(snapshot: JobSnapshot, logs: number | undefined): JobSnapshot {
  if (logs === undefined) return snapshot;
  const tails = [...(snapshot.logTail ? [snapshot.logTail] : []), ...(snapshot.earlierLogTails ?? [])].slice(0, logs);
  const [logTail = null, ...earlierLogTails] = tails;
  return { ...snapshot, logTail, earlierLogTails };
}
