// Standard input for a child process that may never read it.
import type { Writable } from 'node:stream';

/**
 * Writes `input` (if any) to a child's stdin and closes it. A child that exits without reading
 * (e.g. `diagnose NAME`, which never looks at stdin) closes the pipe first, and the write then
 * fails with EPIPE; that is not the test's concern, since the child's exit code and output are
 * the result. Any other stream error is left to surface.
 */
export function feedStdin(stdin: Writable | null | undefined, input: string | undefined): void {
  if (!stdin) return;
  stdin.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') throw error;
  });
  if (input) stdin.end(input);
  else stdin.end();
}
