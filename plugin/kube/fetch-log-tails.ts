// The log tails of a Job's failed containers: what a user reads first after a failure. By default
// the most recent failed container's; `diagnose --logs N` asks for the last N failed attempts.
// Every request is bounded (tail lines, bytes, time) and fetched a few at a time: the API server
// proxies each one from a kubelet, and the log text is hostile input (it is escaped where printed).
import type { KubeClient } from './client.ts';
import { KubeError } from './errors.ts';
import type { RawContainerStatus, RawPod } from '../../kubernetes/index.ts';
import { MAX_LOG_TAILS, type LogTail } from '../job-snapshot.ts';

/** Lines of log kept, and a byte bound so one huge line cannot flood the terminal. */
export const LOG_TAIL_LINES = 20;
const LOG_LIMIT_BYTES = 64 * 1024;
/** Log requests in flight at once: each goes through the API server to a kubelet. */
const LOG_CONCURRENCY = 4;
/** The API server proxies logs from the kubelet; a node that is gone must not hold the diagnosis up. */
const LOG_TIMEOUT_MS = 10_000;

export interface FailedContainer {
  pod: string;
  container: string;
  /** The run before the container's last restart (lastState), read with `previous=true`. */
  previous: boolean;
  finishedAt: string;
}

/**
 * The failed container runs, most recent first: a terminated state with a non-zero exit code (or
 * OOMKilled), and the last state of a restarted container (unless its current run succeeded: the
 * pod recovered). Ties keep the pods' order (oldest first), init containers first.
 */
export function recentFailedContainers(pods: readonly RawPod[], count: number): FailedContainer[] {
  const found: FailedContainer[] = [];
  for (const pod of pods) {
    const statuses: RawContainerStatus[] = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ];
    for (const status of statuses) {
      const current = status.state?.terminated;
      const recovered = current !== undefined && !isFailure(current);
      const candidates = [
        { state: current, previous: false },
        { state: recovered ? undefined : status.lastState?.terminated, previous: true },
      ];
      for (const { state, previous } of candidates) {
        if (!state || !isFailure(state)) continue;
        found.push({
          pod: pod.metadata.name ?? '',
          container: status.name,
          previous,
          finishedAt: state.finishedAt ?? '',
        });
      }
    }
  }
  // A stable sort: equal times keep the order above.
  return found.sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : a.finishedAt > b.finishedAt ? -1 : 0)).slice(0, count);
}

const isFailure = (state: { exitCode?: number; reason?: string }): boolean =>
  state.exitCode !== 0 || state.reason === 'OOMKilled';

/** The container that failed last: a terminated state, or the last state of a restarted one. */
export function mostRecentFailedContainer(pods: readonly RawPod[]): FailedContainer | null {
  return recentFailedContainers(pods, 1)[0] ?? null;
}

/**
 * The log tails of the last `count` failed container runs, most recent first; a run whose log the
 * cluster cannot give (forbidden, pod gone, node unreachable, no logs kept) is left out.
 */
export async function fetchLogTails(
  client: KubeClient,
  namespace: string,
  pods: readonly RawPod[],
  count: number,
): Promise<LogTail[]> {
  const failed = recentFailedContainers(pods, Math.min(count, MAX_LOG_TAILS));
  const tails: (LogTail | null)[] = new Array<LogTail | null>(failed.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < failed.length) {
      const at = next++;
      tails[at] = await fetchLogTail(client, namespace, failed[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOG_CONCURRENCY, failed.length) }, worker));
  return tails.filter((tail) => tail !== null);
}

/** One container run's last lines; null when the cluster cannot give them. */
async function fetchLogTail(client: KubeClient, namespace: string, failed: FailedContainer): Promise<LogTail | null> {
  try {
    const text = await client.getText(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(failed.pod)}/log`,
      {
        container: failed.container,
        tailLines: LOG_TAIL_LINES,
        limitBytes: LOG_LIMIT_BYTES,
        previous: failed.previous ? 'true' : undefined,
      },
      { timeoutMs: LOG_TIMEOUT_MS },
    );
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return {
      pod: failed.pod,
      container: failed.container,
      lines: lines.slice(-LOG_TAIL_LINES),
      previous: failed.previous,
      finishedAt: failed.finishedAt || null,
    };
  } catch (error) {
    // Forbidden, gone, a node that cannot be reached, a runtime that kept no logs: no tail.
    if (error instanceof KubeError) return null;
    throw error;
  }
}
