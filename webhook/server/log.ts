import { describeError } from '../../kubernetes/index.ts';
/**
 * Structured logs: one JSON object per line on stdout (`time`, `level`, `msg`, then fields), the
 * format log collectors parse without configuration. Callers pass identifiers and decisions only,
 * never an object body: a Job's pod template may carry secrets in its environment.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function createLogger(write: (line: string) => void, clock: () => Date = () => new Date()): Logger {
  const log = (level: LogLevel, msg: string, fields?: LogFields): void => {
    let line: string;
    try {
      line = JSON.stringify({ time: clock().toISOString(), level, msg, ...fields });
    } catch {
      // A field that cannot be serialised (a cycle, a BigInt) must not lose the line.
      line = JSON.stringify({ time: clock().toISOString(), level, msg, fieldsError: 'fields could not be serialised' });
    }
    write(`${line}\n`);
  };
  return {
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
  };
}

/** An error for a log line: its message, and its stack for operators (never sent to clients). */
export function errorFields(error: unknown): LogFields {
  return error instanceof Error ? { error: error.message, stack: error.stack } : { error: describeError(error) };
}

/** Lines written per event-loop turn at most, beyond which the buffer is flushed at once. */
const FLUSH_BYTES = 64 * 1024;
/** Under load, the buffer is written at most this often. */
export const FLUSH_INTERVAL_MS = 25;

export interface BufferedWriter {
  readonly write: (line: string) => void;
  /** Writes what is buffered now (before the process exits). */
  readonly flush: () => void;
}

/**
 * Collects log lines and writes them at the end of the event-loop turn, and under load at most
 * every FLUSH_INTERVAL_MS: stdout to a file or a pipe is synchronous in Node, and a write per turn
 * (one or two admission requests under load) was still 4% of the webhook's time
 * (bench/webhook/profile-webhook.ts). A line logged after a quiet spell is written at the end of
 * its turn as before; lines keep their order; 64 KiB pending are written at once.
 */
export function bufferLines(write: (text: string) => void, now: () => number = Date.now): BufferedWriter {
  let pending = '';
  let scheduled = false;
  let lastWrite = -Infinity;
  const flush = (): void => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    lastWrite = now();
    write(text);
  };
  return {
    write(line) {
      pending += line;
      if (pending.length >= FLUSH_BYTES) flush();
      else if (!scheduled) {
        scheduled = true;
        const wait = lastWrite + FLUSH_INTERVAL_MS - now();
        if (wait <= 0) setImmediate(flush);
        // Unreferenced: the process's exit path flushes what is left.
        else setTimeout(flush, wait).unref();
      }
    },
    flush,
  };
}
