import type { Severity } from '../../policy/index.ts';
import type { Colors } from './colors.ts';
import { escapeText } from '../escape-text.ts';
import { countBySeverity, type LintReport } from './lint-report.ts';
import { plural } from './plural.ts';
import { renderTable, type Cell } from './text-table.ts';

/** The severity column is as wide as `warning` for every object, so that all messages of a file line up. */
const SEVERITY_WIDTH = 'warning'.length;

/**
 * Human output, grouped by file and object, in the style of ESLint's stylish formatter. File
 * names, object names and messages come from the manifests: the table escapes them, and so does
 * this for the lines it writes itself (plugin/escape-text.ts).
 */
export function formatLintText(report: LintReport, colors: Colors): string {
  const paint: Record<Severity, (text: string) => string> = {
    error: colors.red,
    warning: colors.yellow,
    info: colors.blue,
  };
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const result of report.results) {
    if (result.findings.length === 0) continue;
    if (result.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(colors.bold(escapeText(result.file)));
      currentFile = result.file;
    }
    const object = result.kind
      ? `${result.kind} ${result.namespace ? `${result.namespace}/` : ''}${result.name ?? '(unnamed)'}`
      : `document ${result.document + 1}`;
    lines.push(`  ${colors.dim(escapeText(object))}`);
    const rows = result.findings.map((finding): Cell[] => [
      { text: `${finding.line}:${finding.column}`, paint: colors.dim },
      { text: finding.severity, paint: paint[finding.severity] },
      [
        { text: `${finding.path ? `${finding.path}: ` : ''}${finding.message}  ` },
        { text: finding.ruleId, paint: colors.dim },
      ],
    ]);
    lines.push(...renderTable(null, rows, { indent: '    ', gap: 2, minWidths: [0, SEVERITY_WIDTH] }));
  }
  const counts = countBySeverity(report);
  const problems = counts.error + counts.warning + counts.info;
  const skipped = report.skipped > 0 ? `, ${plural(report.skipped, 'other object')} skipped` : '';
  const scope = `${plural(report.linted, 'Job/CronJob')} in ${plural(report.files, 'file')}${skipped}`;
  if (problems === 0) return `${colors.green('✔')} no problems (${scope})\n`;
  const severities = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
  const summary = `${plural(problems, 'problem')} (${severities}) in ${scope}`;
  lines.push(
    '',
    counts.error > 0 ? colors.red(colors.bold(`✖ ${summary}`)) : colors.yellow(colors.bold(`⚠ ${summary}`)),
  );
  return `${lines.join('\n')}\n`;
}
