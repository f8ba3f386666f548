import { describeError } from '../kubernetes/index.ts';
import { CommanderError } from 'commander';
import { PolicyError } from '../policy/index.ts';
import { ConfigError, EXIT, ExitError, UsageError } from '../edge/index.ts';
import { escapeText } from './escape-text.ts';
import { KubeError } from './kube/index.ts';
import { createProgram } from './program.ts';
import { processCommandContext, type CommandContext } from './command-context.ts';

/**
 * The entry point of `kubectl-job_x`: runs the command and maps every error to a message on
 * stderr and an exit code. The only place that decides how the process ends. The context is
 * created here, once, and handed to the command (tests pass their own).
 */
export async function main(
  argv: readonly string[],
  context: CommandContext = processCommandContext(),
): Promise<number> {
  const program = createProgram(context);
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
      context.stderr.write(errorText(error.message, error.hint));
      return error.exitCode;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      context.stderr.write(errorText(error.message, error.hint));
      return EXIT.usage;
    }
    if (error instanceof PolicyError) {
      context.stderr.write(errorText(error.message));
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : describeError(error);
    context.stderr.write(
      `internal error: ${detail}\nThis is a bug in job-x; please report it with the command you ran.\n`,
    );
    return EXIT.usage;
  }
}

/**
 * Messages quote paths, names and servers' words: escaped whole like every text output, so a
 * newline in them cannot start a line of its own (`::error::` in a CI log). The hint, job-x's own
 * advice (edge/errors.ts), follows on lines of its own, each escaped whole too.
 */
function errorText(message: string, hint: readonly string[] = []): string {
  return `${[`error: ${escapeText(message)}`, ...hint.map(escapeText)].join('\n')}\n`;
}
