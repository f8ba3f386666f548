import { ExitError, EXIT, UsageError, type LoadedPolicy } from '../../edge/index.ts';
import type { ColorMode, LintTotals } from '../format/index.ts';
import type { LintSink, ObjectResult } from '../lint/index.ts';
import type { LintConfig } from '../config/index.ts';
import type { RenderFlags } from './lint-render-flags.ts';

// Only types and constants at the top: the CLI's program module imports LINT_FORMATS from here,
// and `--help` or `rules` must not load the linter. Everything else is imported when lint runs.

export { LINT_FORMATS, type LintFormat, type LintIo } from './lint-formats.ts';
import type { LintFormat, LintIo } from './lint-formats.ts';

export interface LintOptions {
  readonly paths: readonly string[];
  /** -o; the config's lint.output, then text, when not given. */
  readonly output?: LintFormat;
  /** --config FILE, or --policy FILE (the same: a config is a policy file). */
  readonly config?: string;
  /** --no-config: the built-in policy, no discovery. */
  readonly noConfig?: boolean;
  /** --exclude lines (gitignore syntax). */
  readonly exclude?: readonly string[];
  readonly maxWarnings?: number;
  /** --no-fix-hints gives false; the config's lint.fixHints, then true, when not given. */
  readonly fixHints?: boolean;
  readonly quiet: boolean;
  readonly color: ColorMode;
  /** Give up on standard input, a FIFO or a device that sends nothing for this long (0: wait). */
  readonly readTimeoutMs?: number;
  /** --baseline FILE (else the config's lint.baseline). */
  readonly baseline?: string;
  /** --write-baseline: record every finding in the baseline, which then fails nothing. */
  readonly writeBaseline?: boolean;
  /** --fix: apply the fixes the rules offer to the files, then lint them. */
  readonly fix?: boolean;
  /** --fix-dry-run: print the fixes as a unified diff instead (nothing is linted). */
  readonly fixDryRun?: boolean;
  /** The working folder (config discovery, relative paths); process.cwd() when not given. */
  readonly cwd?: string;
  /** Which chart and kustomize folders are rendered, and how (flags; else each config's lint.render). */
  readonly render?: RenderFlags;
}

/** What lint needs of the command context (command-context.ts). */

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
 * exceed --max-warnings (saying so on stderr).
 *
 * Each file is linted with the config of its folder (plugin/config: `.job-x.yaml` upward to the
 * repository root); the run's own settings (output, --max-warnings, fix hints) come from the
 * working folder's config, and flags win over them. A folder's config also says whether its charts
 * and kustomizations are rendered (lint.render) and for which Kubernetes version its files are
 * judged (lint.kubeVersion); --render, --no-render, --helm-values and --kube-version win over it.
 *
 * An input that cannot be read stops the run with exit 2, as before; the report of the inputs
 * before it is completed first (valid JSON and SARIF), unless nothing was written yet. A path
 * that does not exist stops the run before anything is read.
 */
export async function lint(options: LintOptions, io: LintIo): Promise<LintSummary> {
  const [
    { findInputs },
    { lintInputs },
    { BufferedOutput },
    { createLintWriter },
    { escapeText },
    render,
    { resolve },
  ] = await Promise.all([
    import('../lint/find-inputs.ts'),
    import('../lint/lint-inputs.ts'),
    import('../buffered-output.ts'),
    import('./lint-writer.ts'),
    import('../format/index.ts'),
    import('../lint/render/index.ts'),
    import('node:path'),
  ]);
  let paths = options.paths;
  if (paths.length === 0) {
    if (io.stdin.isTTY)
      throw new UsageError('no input: give files or directories to lint, or - to read standard input');
    paths = ['-'];
  }
  const cwd = options.cwd ?? process.cwd();
  // --helm-values files are relative to the working folder (a config's, to the config's folder).
  const given = options.render ?? {};
  const flags = { ...given, helmValues: given.helmValues?.map((file) => resolve(cwd, file)) };
  // Each config's render settings, worked out once (a config is one object per run of findInputs).
  const renderSettings = new Map<LintConfig, ReturnType<typeof render.renderSettings>>();
  const renderOf = (config: LintConfig | undefined) => {
    if (config === undefined) return render.renderSettingsFrom(undefined, cwd, flags);
    let settings = renderSettings.get(config);
    if (!settings)
      renderSettings.set(config, (settings = render.renderSettingsFrom(config.settings, config.dir, flags)));
    return settings;
  };
  const folders = new render.RenderFolders();
  const { inputs, configs } = await findInputs({
    paths,
    config: options.config,
    noConfig: options.noConfig ?? false,
    exclude: options.exclude ?? [],
    cwd,
    note: (text) => io.stderr.write(`note: ${escapeText(text)}\n`),
    rendersCharts: (config) => renderOf(config).helm,
    folder: (dir, config) => folders.verdict(dir, renderOf(config)),
    chartOf: (path, config) => (renderOf(config).helm ? render.chartOfTemplate(path) : undefined),
  });
  const stop = inputs.find((input) => input.kind === 'error');
  if (stop?.kind === 'error') throw stop.error;
  const settings = configs.runConfig.settings;
  if (options.fix || options.fixDryRun) {
    const { fixInputs } = await import('../fix/index.ts');
    fixInputs(inputs, { dryRun: options.fixDryRun ?? false, configs: configs.configs, ...io });
    if (options.fixDryRun) return { files: 0, linted: 0, skipped: 0, errors: 0, warnings: 0, infos: 0 };
  }
  const baselinePath =
    options.baseline ??
    (settings.baseline !== undefined ? resolve(configs.runConfig.dir, settings.baseline) : undefined);
  if (options.writeBaseline && baselinePath === undefined)
    throw new UsageError('--write-baseline needs a file: give --baseline FILE (or lint.baseline in the config)');
  const baseline =
    baselinePath === undefined
      ? undefined
      : (await import('../lint/baseline.ts')).Baseline.read(baselinePath, cwd, options.writeBaseline ?? false);
  const maxWarnings = options.maxWarnings ?? settings.maxWarnings;
  const output = new BufferedOutput(io.stdout);
  const writer = await createLintWriter(
    {
      output: options.output ?? settings.output ?? 'text',
      fixHints: options.fixHints ?? settings.fixHints ?? true,
      color: options.color,
    },
    io,
    output.write,
  );
  const counts = { error: 0, warning: 0, info: 0 };
  let files = 0;
  let linted = 0;
  let skipped = 0;
  const sink: LintSink = {
    results(results) {
      for (const found of results) {
        if (options.writeBaseline) baseline?.record(found);
        // Written to the baseline, a finding fails nothing from now on, this run included.
        const result = options.writeBaseline ? { ...found, findings: [] } : baseline ? baseline.filter(found) : found;
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
  const policies = await Promise.all(
    configs.configs.map((config) => forKubeVersion(config, options.render?.kubeVersion)),
  );
  try {
    await lintInputs(inputs, { ...io, readTimeoutMs: options.readTimeoutMs }, policies, sink, {
      settings: (index) => renderOf(configs.configs[index]),
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
  if (baseline && options.writeBaseline)
    io.stderr.write(`note: wrote ${baseline.write()} findings to the baseline ${escapeText(baseline.path)}\n`);
  else if (baseline) {
    const stale = baseline.stale();
    if (stale.length > 0) {
      const shown = stale
        .slice(0, 10)
        .map((e) => `  ${e.file}: ${e.object}: ${e.ruleId}${e.path ? ` at ${e.path}` : ''}`);
      const more = stale.length > 10 ? [`  … and ${stale.length - 10} more`] : [];
      io.stderr.write(
        `${escapeText(`note: ${stale.length} stale baseline ${stale.length === 1 ? 'entry' : 'entries'} in ${baseline.path} (no longer found; lint --write-baseline drops them):`)}\n${[...shown, ...more].map(escapeText).join('\n')}\n`,
      );
    }
  }
  const tooManyWarnings = maxWarnings !== undefined && counts.warning > maxWarnings;
  if (tooManyWarnings) {
    const source = options.maxWarnings === undefined ? ` (lint.maxWarnings in ${configs.runConfig.path})` : '';
    io.stderr.write(
      `error: ${counts.warning} ${counts.warning === 1 ? 'warning' : 'warnings'} found, more than the limit of --max-warnings ${maxWarnings}${source}\n`,
    );
  }
  if (counts.error > 0 || tooManyWarnings) throw new ExitError(EXIT.findings);
  return { files, linted, skipped, errors: counts.error, warnings: counts.warning, infos: counts.info };
}

/**
 * The policy of a config for --kube-version, else its lint.kubeVersion (the newest minor's rules
 * when neither is given).
 */
async function forKubeVersion(config: LintConfig, flag: string | undefined): Promise<LoadedPolicy> {
  const version = flag ?? config.settings.kubeVersion;
  if (version === undefined) return config.policy;
  const [{ toKubeMinor, KUBE_MINORS }, { withKubeVersion }] = await Promise.all([
    import('../../kubernetes/index.ts'),
    import('../../policy/index.ts'),
  ]);
  const minor = toKubeMinor(version);
  if (minor === undefined) {
    const given = flag !== undefined ? '--kube-version' : `lint.kubeVersion in ${config.path ?? 'the config'}`;
    throw new UsageError(
      `${given} ${version}: job-x knows Kubernetes ${KUBE_MINORS[0]} to ${KUBE_MINORS.at(-1)} (give one of ${KUBE_MINORS.join(', ')})`,
    );
  }
  return { ...config.policy, resolved: withKubeVersion(config.policy.resolved, minor) };
}

/** With -q: only the error-level findings are printed (warnings still count for --max-warnings). */
function errorsOnly(result: ObjectResult): ObjectResult {
  return { ...result, findings: result.findings.filter((finding) => finding.severity === 'error') };
}
