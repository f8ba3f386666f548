import { ExitError, EXIT, UsageError, type LoadedPolicy } from '../../edge/index.ts';
import type { ColorMode, LintTotals, LintWriter, WriteText } from '../format/index.ts';
import type { LintSink, ObjectResult } from '../lint/index.ts';
import type { RenderFlags } from './lint-render-flags.ts';
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
  /** Which chart and kustomize folders are rendered, and how (default: none). */
  readonly render?: RenderFlags;
}

/** What lint needs of the command context (command-context.ts). */
export type LintIo = Pick<CommandContext, 'stdin' | 'stdout' | 'stderr' | 'color'>;

/** What a run found, in totals (the results themselves were written as they came). */
export interface LintSummary extends LintTotals {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/**
 * `kubectl job-x lint`: reads the inputs, lints every Job and CronJob, writes each result as soon
 * as it is known (a run holds no more than the files in hand: see lint-pool.ts and
 * readSourceParts), and throws ExitError(1) when an error-level finding exists or warnings
 * exceed --max-warnings.
 *
 * An input that cannot be read stops the run with exit 2, as before; the report of the inputs
 * before it is completed first (valid JSON and SARIF), unless nothing was written yet. A path
 * that does not exist stops the run before anything is read.
 */
export async function lint(options: LintOptions, io: LintIo): Promise<LintSummary> {
  const [{ loadPolicy }, { expandInputs }, { lintInputs }, { BufferedOutput }, { RenderFolders, renderSettingsFrom }] =
    await Promise.all([
      import('../../edge/policy-file.ts'),
      import('../lint/sources.ts'),
      import('../lint/lint-inputs.ts'),
      import('../buffered-output.ts'),
      import('../lint/render/index.ts'),
    ]);
  const policy = await forKubeVersion(await loadPolicy(options.policy), options.render?.kubeVersion);
  let paths = options.paths;
  if (paths.length === 0) {
    if (io.stdin.isTTY)
      throw new UsageError('no input: give files or directories to lint, or - to read standard input');
    paths = ['-'];
  }
  // The config's lint.render and lint.kubeVersion (config discovery) go in place of undefined.
  const renderWith = renderSettingsFrom(undefined, process.cwd(), options.render ?? {});
  const folders = new RenderFolders(renderWith);
  const inputs = expandInputs(paths, {
    skipped: (path, reason) => io.stderr.write(`note: skipped ${path}: ${reason}\n`),
    folder: (dir) => folders.verdict(dir),
  });
  const stop = inputs.find((input) => input.kind === 'error');
  if (stop?.kind === 'error') throw stop.error;
  const output = new BufferedOutput(io.stdout);
  const writer = await createWriter(options, io, output.write);
  const counts = { error: 0, warning: 0, info: 0 };
  let files = 0;
  let linted = 0;
  let skipped = 0;
  const sink: LintSink = {
    results(results) {
      for (const result of results) {
        for (const finding of result.findings) counts[finding.severity]++;
        if (result.kind !== null) linted++;
        writer.result(options.quiet ? errorsOnly(result) : result);
      }
      return output.drained();
    },
    inputDone(objectsSkipped) {
      files++;
      skipped += objectsSkipped;
    },
  };
  try {
    await lintInputs(inputs, { ...io, readTimeoutMs: options.readTimeoutMs }, policy, sink, {
      settings: renderWith,
      folders,
    });
  } catch (error) {
    // The report of what was linted is finished, so that it stays well-formed.
    if (output.started) {
      writer.end({ files, linted, skipped });
      output.flush();
    }
    throw error;
  }
  writer.end({ files, linted, skipped });
  output.flush();
  if (counts.error > 0 || (options.maxWarnings !== undefined && counts.warning > options.maxWarnings))
    throw new ExitError(EXIT.findings);
  return { files, linted, skipped, errors: counts.error, warnings: counts.warning, infos: counts.info };
}

/** The policy for --kube-version (the newest minor's rules when it is not given). */
async function forKubeVersion(policy: LoadedPolicy, version: string | undefined): Promise<LoadedPolicy> {
  if (version === undefined) return policy;
  const [{ toKubeMinor, KUBE_MINORS }, { withKubeVersion }] = await Promise.all([
    import('../../kubernetes/index.ts'),
    import('../../policy/index.ts'),
  ]);
  const minor = toKubeMinor(version);
  if (minor === undefined)
    throw new UsageError(
      `--kube-version ${version}: job-x knows Kubernetes ${KUBE_MINORS[0]} to ${KUBE_MINORS.at(-1)} (give one of ${KUBE_MINORS.join(', ')})`,
    );
  return { ...policy, resolved: withKubeVersion(policy.resolved, minor) };
}

/** With -q: only the error-level findings are printed (warnings still count for --max-warnings). */
function errorsOnly(result: ObjectResult): ObjectResult {
  return { ...result, findings: result.findings.filter((finding) => finding.severity === 'error') };
}

async function createWriter(options: LintOptions, io: LintIo, write: WriteText): Promise<LintWriter> {
  switch (options.output) {
    case 'json':
      return (await import('../format/format-lint-json.ts')).lintJsonWriter(write);
    case 'sarif': {
      const [{ lintSarifWriter }, { RULES }, { VERSION, HOMEPAGE, RULES_DOC_URL }] = await Promise.all([
        import('../format/format-lint-sarif.ts'),
        import('../../policy/index.ts'),
        import('../../edge/version.ts'),
      ]);
      return lintSarifWriter(write, RULES, { version: VERSION, informationUri: HOMEPAGE, rulesDocUri: RULES_DOC_URL });
    }
    case 'github':
      return (await import('../format/format-lint-github.ts')).lintGithubWriter(write);
    case 'text': {
      const [{ lintTextWriter }, { createColors }] = await Promise.all([
        import('../format/format-lint-text.ts'),
        import('../format/colors.ts'),
      ]);
      return lintTextWriter(write, createColors(io.color(options.color)));
    }
  }
}
