import type { ResolvedPolicy } from '../../policy/index.ts';
import { ExitError, EXIT, UsageError } from '../../edge/index.ts';
import type { ColorMode } from '../format/index.ts';
import type { LintReport } from '../format/index.ts';
import type { FileOutcome } from '../lint/index.ts';
import type { ObjectResult, SourceResult } from '../lint/index.ts';
import type { FilePath, Input, ReadOptions } from '../lint/index.ts';
import type { LoadedPolicy } from '../../edge/index.ts';
import type { CommandContext } from '../command-context.ts';

// Only types and constants at the top: the CLI's program module imports LINT_FORMATS from here,
// and `--help` or `rules` must not load the linter. Everything else is imported when lint runs.

export const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface LintOptions {
  readonly paths: readonly string[];
  readonly output: LintFormat;
  readonly policy?: string;
  readonly maxWarnings?: number;
  readonly quiet: boolean;
  readonly color: ColorMode;
  /** Give up on standard input, a FIFO or a device that sends nothing for this long (0: wait). */
  readonly readTimeoutMs?: number;
}

/** What lint needs of the command context (command-context.ts). */
export type LintIo = Pick<CommandContext, 'stdin' | 'stdout' | 'stderr' | 'color'>;

/**
 * `kubectl job-x lint`: reads the inputs, lints every Job and CronJob, prints the report and
 * throws ExitError(1) when an error-level finding exists or warnings exceed --max-warnings.
 */
export async function lint(options: LintOptions, io: LintIo): Promise<LintReport> {
  const [{ loadPolicy }, { expandInputs }, { countBySeverity }] = await Promise.all([
    import('../../edge/policy-file.ts'),
    import('../lint/sources.ts'),
    import('../format/lint-report.ts'),
  ]);
  const policy = await loadPolicy(options.policy);
  let paths = options.paths;
  if (paths.length === 0) {
    if (io.stdin.isTTY)
      throw new UsageError('no input: give files or directories to lint, or - to read standard input');
    paths = ['-'];
  }
  const inputs = expandInputs(paths, {
    skipped: (path, reason) => io.stderr.write(`note: skipped ${path}: ${reason}\n`),
  });
  const { workerCount } = await import('../lint/lint-pool.ts');
  // Standard input and other streams are read on this thread, and small inputs do not pay for starting workers.
  const workers = inputs.some((input) => input.kind === 'stdin' || input.kind === 'stream')
    ? 0
    : workerCount(inputs.length);
  const sources =
    workers > 0
      ? await lintFilesInParallel(inputs, policy, workers)
      : await lintInputs(inputs, { ...io, readTimeoutMs: options.readTimeoutMs }, policy.resolved);
  const results: ObjectResult[] = [];
  let skipped = 0;
  for (const source of sources) {
    for (const result of source.results) results.push(result);
    skipped += source.skipped;
  }
  const visible = options.quiet
    ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }))
    : results;
  const report: LintReport = {
    results: visible,
    files: sources.length,
    linted: results.filter((r) => r.kind !== null).length,
    skipped,
  };
  io.stdout.write(await render(report, options, io));
  const counts = countBySeverity({ ...report, results });
  if (counts.error > 0 || (options.maxWarnings !== undefined && counts.warning > options.maxWarnings))
    throw new ExitError(EXIT.findings);
  return report;
}

/** On this thread, in order; the first input that cannot be read ends the run. */
async function lintInputs(
  inputs: readonly Input[],
  read: ReadOptions,
  policy: ResolvedPolicy,
): Promise<SourceResult[]> {
  const [{ readInput }, { detach, lintFile }] = await Promise.all([
    import('../lint/read-source.ts'),
    import('../lint/lint-file.ts'),
  ]);
  const sources: SourceResult[] = [];
  for (const input of inputs) sources.push(detach(lintFile(await readInput(input, read), policy)));
  return sources;
}

/** Files linted between two copies of their results when the workers fail (see detach). */
const FALLBACK_BATCH = 64;

/** On this thread and worker threads (many files, no standard input); the outcomes come back in file order. */
async function lintFilesInParallel(
  inputs: readonly Input[],
  policy: LoadedPolicy,
  workers: number,
): Promise<SourceResult[]> {
  const [{ lintInParallel, WorkerFailure }, { detach, lintFiles }] = await Promise.all([
    import('../lint/lint-pool.ts'),
    import('../lint/lint-file.ts'),
  ]);
  // An error that stopped the expansion of the paths is raised after the files before it.
  const end = inputs.findIndex((input) => input.kind !== 'file');
  const files = (end === -1 ? inputs : inputs.slice(0, end)).map((input) => (input as { path: FilePath }).path);
  let outcomes: FileOutcome[];
  try {
    outcomes = await lintInParallel(files, policy, workers);
  } catch (error) {
    if (!(error instanceof WorkerFailure)) throw error;
    // Threads that cannot be had (or a worker that broke) must not fail the run: the same work on
    // this thread gives the same report.
    outcomes = [];
    for (let i = 0; i < files.length; i += FALLBACK_BATCH) {
      const batch = detach(lintFiles(files.slice(i, i + FALLBACK_BATCH), policy.resolved));
      outcomes.push(...batch);
      // A file that cannot be read ends the run there.
      if (batch.some((outcome) => 'error' in outcome)) break;
    }
  }
  const sources: SourceResult[] = [];
  for (const outcome of outcomes) {
    if ('error' in outcome) throw new UsageError(outcome.error);
    sources.push(outcome.result);
  }
  const stop = end === -1 ? undefined : inputs[end];
  if (stop?.kind === 'error') throw stop.error;
  return sources;
}

async function render(report: LintReport, options: LintOptions, io: LintIo): Promise<string> {
  switch (options.output) {
    case 'json':
      return (await import('../format/format-lint-json.ts')).formatLintJson(report);
    case 'sarif': {
      const [{ formatLintSarif }, { RULES }, { VERSION, HOMEPAGE, RULES_DOC_URL }] = await Promise.all([
        import('../format/format-lint-sarif.ts'),
        import('../../policy/index.ts'),
        import('../../edge/version.ts'),
      ]);
      return formatLintSarif(report, RULES, { version: VERSION, informationUri: HOMEPAGE, rulesDocUri: RULES_DOC_URL });
    }
    case 'github':
      return (await import('../format/format-lint-github.ts')).formatLintGithub(report);
    case 'text': {
      const [{ formatLintText }, { createColors }] = await Promise.all([
        import('../format/format-lint-text.ts'),
        import('../format/colors.ts'),
      ]);
      return formatLintText(report, createColors(io.color(options.color)));
    }
  }
}
