import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { UsageError } from '../../edge/index.ts';
import { displayPath, type FilePath } from './file-names.ts';
import { describeIoError } from './io-errors.ts';
import { decodeManifest } from './manifest-encoding.ts';
import type { RenderedFrom } from './render/index.ts';
import type { Input, SpecialFileType } from './sources.ts';

/**
 * The most job-x reads of one input. What is read is capped, not what `stat` says: a device, a
 * FIFO or standard input has no size, and `lint /dev/zero` must stop, not fill the memory.
 */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
const MIB = 1024 * 1024;

export const STDIN_NAME = '<stdin>';

/** Why a source's text is not there: reported as a finding of the file, not as a failed run. */
export interface SourceReadProblem {
  readonly ruleId: 'file-too-large' | 'file-encoding' | 'render-failed';
  readonly message: string;
}

export interface Source {
  /** The name printed for it (escaped: see displayPath). */
  readonly name: string;
  readonly text?: string;
  readonly problem?: SourceReadProblem;
  /** For a chart's template or a kustomization's output: the folder and tool it was rendered from. */
  readonly rendered?: RenderedFrom;
}

export interface ReadOptions {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where the hint for a terminal on standard input goes. */
  readonly stderr?: { write(text: string): unknown };
  /** Give up on standard input, a FIFO or a device that sends nothing for this long (0 or absent: wait). */
  readonly readTimeoutMs?: number;
}

/** Reads one input; a file or stream that cannot be read is a UsageError naming it. */
export async function readInput(input: Input, options: ReadOptions): Promise<Source> {
  switch (input.kind) {
    case 'file':
      return readFileCapped(input.path);
    case 'stream':
      return readStreamCapped(input.path, openSpecialFile(input.path, input.type), options.readTimeoutMs);
    case 'stdin':
      if (options.stdin.isTTY) {
        const end = process.platform === 'win32' ? 'Ctrl-Z then Enter' : 'Ctrl-D';
        options.stderr?.write(
          `reading manifests from standard input (a terminal): end with ${end}, stop with Ctrl-C\n`,
        );
      }
      return readStreamCapped(STDIN_NAME, options.stdin as Readable, options.readTimeoutMs);
    case 'render':
      // Rendered by lintInputs (plugin/lint/render): a folder is not read as one source.
      throw new UsageError(`cannot read ${displayPath(input.path)}: a folder to render, not a file`);
    case 'error':
      throw input.error;
  }
}

/**
 * The bytes of the file being read: one buffer for every file of the run, grown to the largest
 * (at most the cap). A new buffer per file left a run of many large files with as many freed
 * buffers as the garbage collector had not yet reclaimed (12 files of 4 MiB: 344 MB at peak, 200
 * of it released buffers); the text is decoded out of it, so it is free again at once.
 */
let readBuffer = Buffer.alloc(0);

/** A regular file, read synchronously, at most MAX_SOURCE_BYTES of it (it may grow while it is read). */
export function readFileCapped(path: FilePath): Source {
  const name = displayPath(path);
  let fd: number;
  try {
    // Non-blocking: a FIFO put where a file was walked must not hang the run in open().
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new UsageError(`cannot read ${name}: ${describeIoError(error)}`);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new UsageError(`cannot read ${name}: not a regular file any more`);
    if (info.size > MAX_SOURCE_BYTES) return tooLarge(name, info.size);
    // One read of the whole file and one that finds its end, for the files that do not grow.
    if (readBuffer.length < info.size + 1) readBuffer = Buffer.allocUnsafe(info.size + 1);
    let total = 0;
    for (;;) {
      if (total === readBuffer.length) {
        if (total > MAX_SOURCE_BYTES) return tooLarge(name, undefined);
        const grown = Buffer.allocUnsafe(Math.min(total + 64 * 1024, MAX_SOURCE_BYTES + 1));
        readBuffer.copy(grown, 0, 0, total);
        readBuffer = grown;
      }
      const read = readSync(fd, readBuffer, total, readBuffer.length - total, null);
      if (read === 0) break;
      total += read;
    }
    if (total > MAX_SOURCE_BYTES) return tooLarge(name, undefined);
    return fromBytes(name, readBuffer.subarray(0, total));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${name}: ${describeIoError(error)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * A FIFO is opened without blocking and read through the event loop (a Socket): a FIFO that nobody
 * opens for writing must neither block a thread nor keep the process alive once the run gave up on
 * it. On Linux such a FIFO reports no end until a writer has come and gone, as a blocking open
 * waits for one. Devices are read with the file system's stream.
 */
function openSpecialFile(path: string, type: SpecialFileType): Readable {
  if (type === 'FIFO' && process.platform !== 'win32') {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      throw new UsageError(`cannot read ${displayPath(path)}: ${describeIoError(error)}`);
    }
    return new Socket({ fd, readable: true, writable: false });
  }
  return createReadStream(path, { highWaterMark: 64 * 1024 });
}

/**
 * Reads a stream to its end or to the cap, whichever comes first; at the cap the stream is
 * destroyed, so `yes | lint -` ends too. With a timeout, a stream that sends nothing for that
 * long is an error that names the flag.
 */
function readStreamCapped(name: string, stream: Readable, timeoutMs = 0): Promise<Source> {
  const shown = name === STDIN_NAME ? 'standard input' : displayPath(name);
  if (stream.readableEnded || stream.destroyed) return Promise.resolve({ name, text: '' });
  return new Promise<Source>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let timer: NodeJS.Timeout | undefined;
    const done = (settle: () => void): void => {
      clearTimeout(timer);
      stream.off('data', onData).off('end', onEnd).off('error', onError);
      settle();
    };
    const arm = (): void => {
      if (timeoutMs <= 0) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        done(() => reject(new UsageError(`cannot read ${shown}: no data for ${formatMs(timeoutMs)} (--read-timeout)`)));
        stream.destroy();
      }, timeoutMs);
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buffer.length;
      if (total > MAX_SOURCE_BYTES) {
        done(() => resolve(tooLarge(name, undefined)));
        stream.destroy();
        return;
      }
      chunks.push(buffer);
      arm();
    };
    const onEnd = (): void => done(() => resolve(fromBytes(name, Buffer.concat(chunks, total))));
    const onError = (error: Error): void =>
      done(() => reject(new UsageError(`cannot read ${shown}: ${describeIoError(error)}`)));
    stream.on('data', onData).on('end', onEnd).on('error', onError);
    arm();
  });
}

function fromBytes(name: string, bytes: Uint8Array): Source {
  const decoded = decodeManifest(bytes);
  return 'text' in decoded
    ? { name, text: decoded.text }
    : { name, problem: { ruleId: 'file-encoding', message: decoded.encodingProblem } };
}

function tooLarge(name: string, size: number | undefined): Source {
  const what = size === undefined ? `larger than ${MAX_SOURCE_BYTES / MIB} MiB` : `${(size / MIB).toFixed(1)} MiB`;
  return {
    name,
    problem: {
      ruleId: 'file-too-large',
      message: `file is ${what}; job-x reads at most ${MAX_SOURCE_BYTES / MIB} MiB per file (split it)`,
    },
  };
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
