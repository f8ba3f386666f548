import type { OutputStream } from './command-context.ts';

const EVENTS = ['drain', 'close', 'error'] as const;

/** Pieces of output are gathered up to this size before a write (a write per finding was most of the time). */
const FLUSH_BYTES = 64 * 1024;

/**
 * Output written a piece at a time, in writes of about FLUSH_BYTES. When the stream says it is
 * full (write() returns false: a pipe to a slow reader on a system where pipes are asynchronous),
 * `drained()` gives a promise of the moment it is not, so that the producer waits instead of
 * piling the whole output up in memory.
 */
export class BufferedOutput {
  private readonly stream: OutputStream;
  private pieces: string[] = [];
  private size = 0;
  private full = false;
  /** Whether anything was written (or is waiting to be). */
  started = false;

  constructor(stream: OutputStream) {
    this.stream = stream;
  }

  readonly write = (text: string): void => {
    if (text === '') return;
    this.started = true;
    this.pieces.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_BYTES) this.flush();
  };

  /** Writes what is gathered. */
  flush(): void {
    if (this.pieces.length === 0) return;
    const text = this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join('');
    this.pieces = [];
    this.size = 0;
    if (this.stream.write(text) === false) this.full = true;
  }

  /** A promise when the stream is full (resolved once it drained), else undefined. */
  drained(): Promise<void> | undefined {
    if (!this.full) return undefined;
    this.full = false;
    const stream = this.stream as Partial<Pick<NodeJS.WritableStream, 'once' | 'off'>>;
    if (typeof stream.once !== 'function' || typeof stream.off !== 'function') return undefined;
    // A stream closed by its reader (`lint | head`) never drains: closing or failing ends the wait too.
    return new Promise((resolve) => {
      const done = (): void => {
        for (const event of EVENTS) stream.off!(event, done);
        resolve();
      };
      for (const event of EVENTS) stream.once!(event, done);
    });
  }
}
