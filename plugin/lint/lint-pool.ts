import { describeError } from '../../kubernetes/index.ts';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ResolvedPolicy } from '../../policy/index.ts';
import type { JobXPolicy } from '../../schemas/generated/policy.ts';
import type { FilePath } from './file-names.ts';
import { detach, lintFiles, type FileOutcome } from './lint-file.ts';

/**
 * Lints many files on this thread and worker threads together, a batch at a time, and gives the
 * outcomes back in the files' order (the output must not depend on which thread finished first).
 * Each thread reads its files itself: texts never cross threads, only results do.
 *
 * This thread starts at once; a worker needs about 100 ms to start (a Node.js environment, the
 * rules loaded again) and takes batches from the same queue as soon as it is ready.
 */

export interface WorkerSetup {
  readonly policy: JobXPolicy | undefined;
}

export interface WorkerRequest {
  readonly batch: number;
  readonly paths: readonly FilePath[];
}

export type WorkerMessage = { readonly ready: true } | { readonly batch: number; readonly outcomes: FileOutcome[] };

/** Fewer files are linted on this thread alone: a worker would start about when they are done. */
const MIN_FILES_FOR_WORKERS = 200;
/** Files per batch: enough to make messages cheap, few enough to share the work evenly. */
const BATCH_SIZE = 16;
/** Batches sent ahead to each worker, so that it never waits for this thread between two. */
const IN_FLIGHT = 2;
const MAX_WORKERS = 7;

/** Worker threads to start besides this one for this many files (0: this thread alone). */
export function workerCount(files: number): number {
  if (files < MIN_FILES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, MAX_WORKERS));
}

/**
 * The worker script next to this module: lint-worker.ts when running from source, lint-worker.js
 * compiled by tsc, lint-worker.cjs in the CLI bundle (dist/cli).
 */
const WORKER_URL = new URL(`./lint-worker.${/\.(ts|cjs)$/.exec(import.meta.url)?.[1] ?? 'js'}`, import.meta.url);

/** A worker thread failed (could not start, crashed or stopped); the caller can lint on this thread instead. */
export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
}

export interface ParallelOptions {
  /** Whether this thread lints too (default); the tests turn it off to put every batch on the workers. */
  readonly thisThread?: boolean;
}

export async function lintInParallel(
  paths: readonly FilePath[],
  policy: { readonly resolved: ResolvedPolicy; readonly document: JobXPolicy | undefined },
  workers: number,
  { thisThread = true }: ParallelOptions = {},
): Promise<FileOutcome[]> {
  // Loaded here: a run on this thread alone does not pay for loading worker support.
  const { Worker: WorkerThread } = await import('node:worker_threads');
  const outcomes = new Array<FileOutcome>(paths.length);
  const batches = Math.ceil(paths.length / BATCH_SIZE);
  let nextBatch = 0;
  let pending = batches;
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = (error) =>
      reject(
        new WorkerFailure(`a lint worker failed: ${describeError(error)}`, {
          cause: error,
        }),
      );
  });
  // Not awaited when this thread's own linting throws first: that must not become an unhandled rejection.
  finished.catch(() => undefined);
  const store = (batch: number, batchOutcomes: FileOutcome[]): void => {
    batchOutcomes.forEach((outcome, i) => (outcomes[batch * BATCH_SIZE + i] = outcome));
    if (--pending === 0) finish();
  };
  const filesOf = (batch: number): FilePath[] => paths.slice(batch * BATCH_SIZE, (batch + 1) * BATCH_SIZE);
  const send = (worker: Worker): void => {
    if (nextBatch >= batches) return;
    const batch = nextBatch++;
    worker.postMessage({ batch, paths: filesOf(batch) } satisfies WorkerRequest);
  };
  const setup: WorkerSetup = { policy: policy.document };
  const pool = Array.from({ length: workers }, () => new WorkerThread(WORKER_URL, { workerData: setup }));
  try {
    for (const worker of pool) {
      worker.on('message', (message: WorkerMessage) => {
        if ('ready' in message) {
          for (let i = 0; i < IN_FLIGHT; i++) send(worker);
          return;
        }
        store(message.batch, message.outcomes);
        send(worker);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (pending > 0) fail(new Error(`it stopped (exit code ${code}) before finishing its files`));
      });
    }
    if (batches === 0) finish();
    // This thread takes batches from the same queue, letting the workers' messages in between.
    while (thisThread && nextBatch < batches) {
      const batch = nextBatch++;
      store(batch, detach(lintFiles(filesOf(batch), policy.resolved)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await finished;
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return outcomes;
}
