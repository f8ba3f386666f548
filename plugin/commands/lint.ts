import { RULES } from '../../policy/index.ts';
import { ExitError, EXIT, UsageError } from '../errors.ts';
import { colorsEnabled, createColors, type ColorMode } from '../format/colors.ts';
import { formatLintGithub } from '../format/format-lint-github.ts';
import { formatLintJson } from '../format/format-lint-json.ts';
import { formatLintSarif } from '../format/format-lint-sarif.ts';
import { formatLintText } from '../format/format-lint-text.ts';
import { countBySeverity, type LintReport } from '../format/lint-report.ts';
import { lintSource, type ObjectResult } from '../lint/lint-source.ts';
import { MAX_SOURCE_BYTES, readSources } from '../lint/sources.ts';
import { loadPolicyFile } from '../policy-file.ts';
import { VERSION, HOMEPAGE, RULES_DOC_URL } from '../version.ts';

export const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface LintOptions {
  readonly paths: readonly string[];
  readonly output: LintFormat;
  readonly policy?: string;
  readonly maxWarnings?: number;
  readonly quiet: boolean;
  readonly color: ColorMode;
}

export interface LintIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/**
 * `kubectl job-x lint`: reads the inputs, lints every Job and CronJob, prints the report and
 * throws ExitError(1) when an error-level finding exists or warnings exceed --max-warnings.
 */
export async function lint(options: LintOptions, io: LintIo): Promise<LintReport> {
  const policy = await loadPolicyFile(options.policy);
  let paths = options.paths;
  if (paths.length === 0) {
    if (io.stdin.isTTY) throw new UsageError('no input: give files or directories to lint, or - to read standard input');
    paths = ['-'];
  }
  const results: ObjectResult[] = [];
  let files = 0;
  let skipped = 0;
  for await (const source of readSources(paths, io.stdin)) {
    files++;
    if (source.text === undefined) {
      const mib = ((source.tooLarge ?? 0) / 1024 / 1024).toFixed(1);
      results.push({
        file: source.name,
        document: 0,
        kind: null,
        namespace: null,
        name: null,
        findings: [{ ruleId: 'file-too-large', severity: 'error', origin: 'parser', path: '', line: 1, column: 1, message: `file is ${mib} MiB; job-x reads at most ${MAX_SOURCE_BYTES / 1024 / 1024} MiB per file (split it)` }],
      });
      continue;
    }
    const result = lintSource(source.name, source.text, policy);
    results.push(...result.results);
    skipped += result.skipped;
  }
  const visible = options.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  const report: LintReport = { results: visible, files, linted: results.filter((r) => r.kind !== null).length, skipped };
  io.stdout.write(render(report, options, io));
  const counts = countBySeverity({ ...report, results });
  if (counts.error > 0 || (options.maxWarnings !== undefined && counts.warning > options.maxWarnings)) throw new ExitError(EXIT.findings);
  return report;
}

function render(report: LintReport, options: LintOptions, io: LintIo): string {
  switch (options.output) {
    case 'json':
      return formatLintJson(report);
    case 'sarif':
      return formatLintSarif(report, RULES, { version: VERSION, informationUri: HOMEPAGE, rulesDocUri: RULES_DOC_URL });
    case 'github':
      return formatLintGithub(report);
    case 'text':
      return formatLintText(report, createColors(colorsEnabled(options.color, io.stdout.isTTY === true, io.env)));
  }
}
