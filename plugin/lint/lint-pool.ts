import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ResolvedPolicy } from '../../policy/index.ts';
import type { KubeMinor } from '../../kubernetes/index.ts';
import type { JobXPolicy } from '../../schemas/generated/policy.ts';
import type { LoadedPolicy } from '../../edge/index.ts';
import type { FilePath } from './file-names.ts';
import { lintFiles, packOutcomes, unpackOutcomes, type PackedOutcomes } from './lint-file.ts';
import { deliverOutcomes, lintIntoSink, type LintSink } from './lint-sink.ts';
import { readFileCapped } from './read-source.ts';
import { WORKER_YOUNG_GENERATION_MB } from './young-generation.ts';
import { lintWorkerScript } from './lint-worker-script.ts';

/**
 * Lints many files on this thread and worker threads together, a batch at a time, and hands the
 * results to the sink in the files' order (the output must not depend on which thread finished
 * first). Each thread reads its files itself: texts never cross threads, only results do.
 *
 * Memory stays bounded whatever the number of files: results are written as their turn comes,
 * and only a window of batches (AHEAD_BYTES of files) is linted ahead of it. A large file is never
 * linted ahead: this thread lints it when its turn comes, and its results go out a part at a time.
 *
 * This thread starts at once; a worker needs about 100 ms to start (a Node.js environment, the
 * rules loaded again) and takes batches as soon as it is ready. A worker that fails (cannot start,
 * crashes) is not an error: this thread lints what the workers had not finished.
 */

export interface WorkerSetup {
  /** The run's policy documents, by config index (undefined: the built-in policy). */
  readonly policies: readonly (JobXPolicy | undefined)[];
  /** Each one's --kube-version or lint.kubeVersion (ResolvedPolicy.kubeVersion), applied again on the worker. */
  readonly kubeVersions: readonly (KubeMinor | undefined)[];
}

export interface WorkerRequest {
  readonly batch: number;
  readonly paths: readonly FilePath[];
  /** The config index of each path. */
  readonly configs: readonly number[];
}

/** The policies of a run: one per config (plugin/config), and each file's config. */
export interface PoolPolicies {
  readonly policies: readonly LoadedPolicy[];
  /** The config index of each path; every path has config 0 when absent. */
  readonly configs?: readonly number[];
}

export type WorkerMessage = { readonly ready: true } | { readonly batch: number; readonly outcomes: PackedOutcomes };

/** Fewer files are linted on this thread alone: a worker would start about when they are done. */
const MIN_FILES_FOR_WORKERS = 200;
/** Files per batch: enough to make messages cheap, few enough to share the work evenly. */
const BATCH_SIZE = 16;
const MIB = 1024 * 1024;
/** Bytes of files per batch (a batch's results wait whole for their turn; 256 KiB of small Jobs give 2,000 results). */
const BATCH_BYTES = MIB / 4;
/** A file larger than this is linted alone, on this thread, when its turn comes. */
const ALONE_BYTES = MIB;
/**
 * Bytes of files linted ahead of their turn (sent to workers, or linted here), whose results wait.
 * Measured on 240 files of 64 KiB of small Jobs (2 cores): peak RSS 440 MB with 8 MiB ahead and
 * batches of 1 MiB, 270-280 MB with 4 MiB and 256 KiB, in the same time (960 MB before results
 * were written as they came).
 */
const AHEAD_BYTES = 4 * MIB;
/** How far past the file whose turn it is a batch may be taken. */
const MAX_AHEAD_BATCHES = 64;
/** Batches sent ahead to each worker, so that it never waits for this thread between two. */
const IN_FLIGHT = 2;
const MAX_WORKERS = 7;

/** Worker threads to start besides this one for this many files (0: this thread alone). */
export function workerCount(files: number): number {
  if (files < MIN_FILES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, MAX_WORKERS));
}

export interface ParallelOptions {
  /** Whether this thread lints too (default); the tests turn it off to put every batch they can on the workers. */
  readonly thisThread?: boolean;
}

interface Batch {
  readonly paths: readonly FilePath[];
  readonly configs: readonly number[];
  readonly bytes: number;
  /** One large file (ALONE_BYTES): linted on this thread only, when its turn comes. */
  readonly alone: boolean;
  state: 'waiting' | 'sent' | 'done';
  outcomes?: PackedOutcomes;
}

interface PoolWorker {
  readonly thread: Worker;
  ready: boolean;
  sent: number;
}

export async function lintInParallel(
  paths: readonly FilePath[],
  run: PoolPolicies,
  workers: number,
  sink: LintSink,
  { thisThread = true }: ParallelOptions = {},
): Promise<void> {
  // Loaded here: a run on this thread alone does not pay for loading worker support.
  const { Worker: WorkerThread } = await import('node:worker_threads');
  const batches = new Batches(paths, run.configs);
  const resolved: readonly ResolvedPolicy[] = run.policies.map((policy) => policy.resolved);
  const policiesOf =
    (batch: Batch) =>
    (i: number): ResolvedPolicy =>
      resolved[batch.configs[i] ?? 0]!;
  /** The batch whose results go out next. */
  let head = 0;
  /** Bytes of the batches linted or sent ahead of their turn. */
  let ahead = 0;
  let pool: PoolWorker[] = [];
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const fits = (batch: Batch): boolean => ahead === 0 || ahead + batch.bytes <= AHEAD_BYTES;
  /** The first batch from `from` that waits and may be linted ahead, if the window has room for it. */
  const nextAhead = (from: number): number | undefined => {
    for (let i = from; i < head + MAX_AHEAD_BATCHES; i++) {
      const batch = batches.get(i);
      if (batch === undefined) return undefined;
      if (batch.state === 'waiting' && !batch.alone) return fits(batch) ? i : undefined;
    }
    return undefined;
  };
  const dispatch = (worker: PoolWorker): void => {
    while (worker.ready && worker.sent < IN_FLIGHT) {
      const index = nextAhead(head);
      if (index === undefined) return;
      const batch = batches.get(index)!;
      batch.state = 'sent';
      ahead += batch.bytes;
      worker.sent++;
      worker.thread.postMessage({ batch: index, paths: batch.paths, configs: batch.configs } satisfies WorkerRequest);
    }
  };
  /** A worker failed: stop them all and lint here what they had not finished (the output does not change). */
  const abandonWorkers = (): void => {
    const failed = pool;
    pool = [];
    for (let i = head; ; i++) {
      const batch = batches.peek(i);
      if (batch === undefined) break;
      if (batch.state === 'sent') {
        batch.state = 'waiting';
        ahead -= batch.bytes;
      }
    }
    for (const worker of failed) void worker.thread.terminate();
    notify();
  };
  const setup: WorkerSetup = {
    policies: run.policies.map((policy) => policy.document),
    kubeVersions: run.policies.map((policy) => policy.resolved.kubeVersion),
  };
  const workerScript = lintWorkerScript();
  for (let n = 0; n < workers; n++) {
    const thread = new WorkerThread(workerScript.script, {
      eval: workerScript.eval,
      workerData: setup,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const worker: PoolWorker = { thread, ready: false, sent: 0 };
    pool.push(worker);
    worker.thread.on('message', (message: WorkerMessage) => {
      if (!pool.includes(worker)) return;
      if ('ready' in message) worker.ready = true;
      else {
        const batch = batches.peek(message.batch)!;
        batch.state = 'done';
        batch.outcomes = message.outcomes;
        worker.sent--;
      }
      dispatch(worker);
      notify();
    });
    worker.thread.on('error', () => {
      if (pool.includes(worker)) abandonWorkers();
    });
    worker.thread.on('exit', () => {
      if (pool.includes(worker)) abandonWorkers();
    });
  }
  try {
    for (;;) {
      const batch = batches.get(head);
      if (batch === undefined) break;
      if (batch.state === 'done') {
        const outcomes = batch.outcomes!;
        ahead -= batch.bytes;
        batches.release(head++);
        for (const worker of pool) dispatch(worker);
        await deliverOutcomes(unpackOutcomes(outcomes), sink);
        continue;
      }
      for (const worker of pool) dispatch(worker);
      if (batch.state === 'waiting' && (thisThread || batch.alone || pool.length === 0)) {
        // Its turn, and no worker has it: linted here, straight into the sink.
        batches.release(head++);
        for (const [i, path] of batch.paths.entries()) {
          await lintIntoSink(readFileCapped(path), policiesOf(batch)(i), sink);
          if (pool.length > 0) await nextTurn();
        }
        continue;
      }
      // A worker has the batch whose turn it is: lint a later one meanwhile, or wait.
      const later = thisThread ? nextAhead(head + 1) : undefined;
      if (later !== undefined) {
        const laterBatch = batches.get(later)!;
        laterBatch.state = 'done';
        laterBatch.outcomes = packOutcomes(lintFiles(laterBatch.paths, policiesOf(laterBatch)));
        ahead += laterBatch.bytes;
        await nextTurn();
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    const running = pool;
    pool = [];
    await Promise.all(running.map((worker) => worker.thread.terminate()));
  }
}

/** Lets the workers' messages in. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The files cut into batches as they are needed (a file's size is looked up once, when its batch
 * is made): up to BATCH_SIZE files and BATCH_BYTES, or one file larger than ALONE_BYTES alone.
 */
class Batches {
  private readonly paths: readonly FilePath[];
  private readonly configs: readonly number[] | undefined;
  private readonly made: (Batch | undefined)[] = [];
  private next = 0;
  /** The size of the file at `next`, when it was looked up for a batch it did not fit in. */
  private nextSize: number | undefined;

  constructor(paths: readonly FilePath[], configs: readonly number[] | undefined) {
    this.paths = paths;
    this.configs = configs;
  }

  /** Batch `index`, made if need be; undefined past the last. */
  get(index: number): Batch | undefined {
    while (this.made.length <= index && this.next < this.paths.length) this.made.push(this.make());
    return this.made[index];
  }

  /** Batch `index` if it was made and not released. */
  peek(index: number): Batch | undefined {
    return this.made[index];
  }

  /** Its results went out: nothing of it is kept. */
  release(index: number): void {
    this.made[index] = undefined;
  }

  private make(): Batch {
    const start = this.next;
    const first = this.paths[this.next]!;
    const firstBytes = this.sizeOfNext();
    this.next++;
    this.nextSize = undefined;
    if (firstBytes > ALONE_BYTES)
      return { paths: [first], configs: this.configsOf(start), bytes: firstBytes, alone: true, state: 'waiting' };
    const paths = [first];
    let bytes = firstBytes;
    while (paths.length < BATCH_SIZE && this.next < this.paths.length) {
      const size = this.sizeOfNext();
      if (size > ALONE_BYTES || bytes + size > BATCH_BYTES) break;
      paths.push(this.paths[this.next]!);
      bytes += size;
      this.next++;
      this.nextSize = undefined;
    }
    return { paths, configs: this.configsOf(start), bytes, alone: false, state: 'waiting' };
  }

  private configsOf(start: number): number[] {
    return this.configs ? this.configs.slice(start, this.next) : [];
  }

  private sizeOfNext(): number {
    const size = this.nextSize ?? sizeOf(this.paths[this.next]!);
    this.nextSize = size;
    return size;
  }
}

/** The size of a file; 0 when it cannot be found out (reading it will say why). */
function sizeOf(path: FilePath): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
