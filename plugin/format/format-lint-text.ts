import type { Severity } from '../../policy/index.ts';
import type { Colors } from './colors.ts';
import { escapeText } from '../escape-text.ts';
import { fixHintOf } from './fix-hint.ts';
import { objectLabel } from '../lint/index.ts';
import { renderReport, SeverityCounts, type LintReport, type LintWriter, type WriteText } from './lint-report.ts';
import { plural } from './plural.ts';
import { renderedBy } from './rendered-location.ts';
import { renderTable, type Cell } from './text-table.ts';

/** The severity column is as wide as `warning` for every object, so that all messages of a file line up. */
const SEVERITY_WIDTH = 'warning'.length;

/**
 * Human output, grouped by file and object, in the style of ESLint's stylish formatter. File
 * names, object names and messages come from the manifests: the table escapes them, and so does
 * this for the lines it writes itself (plugin/escape-text.ts).
 */
export function formatLintText(report: LintReport, colors: Colors, options: TextOptions = {}): string {
  return renderReport(report, (write) => lintTextWriter(write, colors, options));
}

export interface TextOptions {
  /** Each finding's remediation and docs URL under it (default true; --no-fix-hints). */
  readonly fixHints?: boolean;
}

/** The text output an object at a time (each object's table stands alone); the summary at the end. */
export function lintTextWriter(write: WriteText, colors: Colors, { fixHints = true }: TextOptions = {}): LintWriter {
  const paint: Record<Severity, (text: string) => string> = {
    error: colors.red,
    warning: colors.yellow,
    info: colors.blue,
  };
  const counts = new SeverityCounts();
  let currentFile: string | undefined;
  return {
    result(result) {
      counts.add(result);
      if (result.findings.length === 0) return;
      const lines: string[] = [];
      if (result.file !== currentFile) {
        if (currentFile !== undefined) lines.push('');
        const by = renderedBy(result);
        lines.push(
          by === undefined
            ? colors.bold(escapeText(result.file))
            : `${colors.bold(escapeText(result.file))} ${colors.dim(`(${escapeText(by)}: lines of its output)`)}`,
        );
        currentFile = result.file;
      }
      lines.push(`  ${colors.dim(escapeText(objectLabel(result)))}`);
      const rows = result.findings.map((finding): Cell[] => [
        { text: `${finding.line}:${finding.column}`, paint: colors.dim },
        { text: finding.severity, paint: paint[finding.severity] },
        [
          { text: `${finding.path ? `${finding.path}: ` : ''}${finding.message}  ` },
          { text: finding.ruleId, paint: colors.dim },
        ],
      ]);
      const table = renderTable(null, rows, { indent: '    ', gap: 2, minWidths: [0, SEVERITY_WIDTH] });
      if (!fixHints) lines.push(...table);
      else {
        // Under the message: past the place and severity columns.
        const placeWidth = Math.max(...result.findings.map((f) => `${f.line}:${f.column}`.length));
        const indent = ' '.repeat(4 + placeWidth + 2 + SEVERITY_WIDTH + 2);
        for (const [i, finding] of result.findings.entries()) {
          lines.push(table[i]!);
          const hint = fixHintOf(finding);
          if (hint.remediation) lines.push(`${indent}${colors.dim('fix:')} ${escapeText(hint.remediation)}`);
          lines.push(`${indent}${colors.dim('docs:')} ${colors.dim(escapeText(hint.docsUrl))}`);
        }
      }
      write(`${lines.join('\n')}\n`);
    },
    end(totals) {
      const { error, warning, info } = counts.bySeverity;
      const problems = error + warning + info;
      const skipped = totals.skipped > 0 ? `, ${plural(totals.skipped, 'other object')} skipped` : '';
      const scope = `${plural(totals.linted, 'Job/CronJob')} in ${plural(totals.files, 'file')}${skipped}`;
      if (problems === 0) {
        write(`${colors.green('✔')} no problems (${scope})\n`);
        return;
      }
      const severities = `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info`;
      const summary = `${plural(problems, 'problem')} (${severities}) in ${scope}`;
      write(`\n${error > 0 ? colors.red(colors.bold(`✖ ${summary}`)) : colors.yellow(colors.bold(`⚠ ${summary}`))}\n`);
    },
  };
}
