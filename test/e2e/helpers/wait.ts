// Bounded waits for what the real controllers do. The bound is generous (the Job controller
// backs off 10 s, 20 s, ... between failed pods) and only there so a broken run ends; tests
// never assert on how long something took. A wait that runs out fails with the Job's status,
// its pods and the namespace's events, which is what you need to see why.
import { ApiException, type V1Job } from '@kubernetes/client-node';
import { cluster } from './cluster.ts';
import { condition, podsOf, readJob } from './jobs.ts';

export const DEFAULT_TIMEOUT_MS = 120_000;
const POLL_MS = 250;

export interface WaitOptions {
  timeoutMs?: number;
  /** Extra context for the failure message. */
  describe?: () => Promise<string>;
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const context = options.describe ? await options.describe().catch((e: unknown) => `(describe failed: ${e})`) : '';
      const cause = lastError
        ? `\nlast error: ${lastError instanceof Error ? lastError.message : String(lastError)}`
        : '';
      throw new Error(`gave up waiting for ${what}${cause}\n${context}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Waits until the Job has condition `type` with status True (or `status`). */
export async function waitForJobCondition(
  namespace: string,
  name: string,
  type: string,
  options: WaitOptions & { status?: string } = {},
): Promise<V1Job> {
  const status = options.status ?? 'True';
  return waitFor(
    `condition ${type}=${status} on Job ${namespace}/${name}`,
    async () => {
      const job = await readJob(namespace, name);
      return condition(job, type)?.status === status ? job : undefined;
    },
    { ...options, describe: () => describeJob(namespace, name) },
  );
}

/** Waits until the Job and all of its pods are gone (TTL controller, garbage collector). */
export async function waitForJobGone(namespace: string, job: V1Job, options: WaitOptions = {}): Promise<void> {
  await waitFor(
    `Job ${namespace}/${job.metadata!.name} and its pods to be deleted`,
    async () => {
      const jobGone = await readJob(namespace, job.metadata!.name!).then(
        () => false,
        (err: unknown) => err instanceof ApiException && err.code === 404,
      );
      return jobGone && (await podsOf(job)).length === 0 ? true : undefined;
    },
    { ...options, describe: () => describeJob(namespace, job.metadata!.name!) },
  );
}

/** The Job's status, its pods and the namespace's events, for failure messages. */
export async function describeJob(namespace: string, name: string): Promise<string> {
  const lines: string[] = [];
  let job: V1Job | undefined;
  try {
    job = await readJob(namespace, name);
    lines.push(`Job ${namespace}/${name} status: ${JSON.stringify(job.status, null, 2)}`);
  } catch (err) {
    lines.push(`Job ${namespace}/${name}: ${err instanceof ApiException ? `HTTP ${err.code}` : String(err)}`);
  }
  if (job) {
    for (const pod of await podsOf(job)) {
      const states = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
        .map((s) => {
          const [state, detail] = Object.entries(s.state ?? {})[0] ?? ['?', {}];
          const d = detail as { reason?: string; exitCode?: number };
          return `${s.name}=${state}${d.reason ? `(${d.reason}${d.exitCode !== undefined ? ` ${d.exitCode}` : ''})` : ''} restarts=${s.restartCount}`;
        })
        .join(' ');
      const index = pod.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'];
      lines.push(
        `  pod ${pod.metadata!.name}${index !== undefined ? ` [index ${index}]` : ''}: ${pod.status?.phase}` +
          `${pod.metadata?.deletionTimestamp ? ' (terminating)' : ''} ${states}`,
      );
    }
  }
  const events = await cluster().core.listNamespacedEvent({ namespace });
  for (const e of events.items) {
    lines.push(`  event ${e.type} ${e.reason} ${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message ?? ''}`);
  }
  return lines.join('\n');
}
