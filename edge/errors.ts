/**
 * Typed errors of both executables' edges, each mapped to a message and an exit code by the entry
 * point (plugin/main.ts, webhook/main.ts). A user's mistake never prints a stack trace.
 */

/**
 * The one exit-code map of kubectl-job_x and job-x-webhook: 0 clean; 1 findings at error level
 * (lint, audit) or a failure at run time (the webhook could not serve); 2 usage, configuration or
 * IO (a bad flag, policy, certificate or path), before anything ran.
 */
export const EXIT = { ok: 0, findings: 1, failure: 1, usage: 2 } as const;

/**
 * What to do about an error, in job-x's own words: printed after the message, each line on a line
 * of its own. The message (which quotes paths, names and servers' words) is escaped whole, so a
 * newline in the data cannot start a line; each hint line is escaped whole too.
 */
export interface ErrorHint {
  readonly hint?: readonly string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
  readonly hint: readonly string[];
  constructor(message: string, options: ErrorHint = {}) {
    super(message);
    this.hint = options.hint ?? [];
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly hint: readonly string[];
  constructor(message: string, options: ErrorHint = {}) {
    super(message);
    this.hint = options.hint ?? [];
  }
}

/** Ends the command with an exit code after its output was written. */
export class ExitError extends Error {
  override name = 'ExitError';
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}
