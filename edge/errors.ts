/**
 * Typed errors of the plugin's edges, each mapped to a message and an exit code by the entry
 * point. A user's mistake never prints a stack trace.
 */

/** Exit codes shared by every command: 0 clean, 1 findings (lint) or a failed check, 2 usage/config/IO. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export class UsageError extends Error {
  override name = 'UsageError';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
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
