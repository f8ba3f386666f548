import { describeError } from '../kubernetes/index.ts';
import { CommanderError } from 'commander';
import { PolicyError } from '../policy/index.ts';
import { ConfigError, EXIT, ExitError, UsageError } from '../edge/index.ts';
import { KubeError } from './kube/index.ts';
import { createProgram } from './program.ts';

/**
 * The entry point of `kubectl-job_x`: runs the command and maps every error to a message on
 * stderr and an exit code. The only place that decides how the process ends.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv as string[]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ExitError) return error.code;
    if (error instanceof CommanderError) {
      // Commander already printed the message (or the help/version text).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof KubeError) {
      // The cluster's answer (or its absence), already phrased for the user; see kube/errors.ts.
      process.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof PolicyError) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : describeError(error);
    process.stderr.write(
      `internal error: ${detail}\nThis is a bug in job-x; please report it with the command you ran.\n`,
    );
    return EXIT.usage;
  }
}
