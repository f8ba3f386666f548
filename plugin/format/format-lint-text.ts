import type { Severity } from '../../policy/index.ts';
import type { Colors } from './colors.ts';
import { countBySeverity, type LintReport } from './lint-report.ts';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Human output, grouped by file and object, in the style of ESLint's stylish formatter. */
export function formatLintText(report: LintReport, colors: Colors): string {
  const label: Record<Severity, string> = {
    error: colors.red('error'),
    warning: colors.yellow('warning'),
    info: colors.blue('info'),
  };
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const result of report.results) {
    if (result.findings.length === 0) continue;
    if (result.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(colors.bold(result.file));
      currentFile = result.file;
    }
    const object = result.kind
      ? `${result.kind} ${result.namespace ? `${result.namespace}/` : ''}${result.name ?? '(unnamed)'}`
      : `document ${result.document + 1}`;
    lines.push(`  ${colors.dim(object)}`);
    const position = (l: number, c: number) => `${l}:${c}`;
    const width = Math.max(...result.findings.map((f) => position(f.line, f.column).length));
    for (const finding of result.findings) {
      const where = finding.path ? `${finding.path}: ` : '';
      lines.push(
        `    ${colors.dim(position(finding.line, finding.column).padEnd(width))}  ${label[finding.severity]}${' '.repeat(8 - finding.severity.length)}${where}${finding.message}  ${colors.dim(finding.ruleId)}`,
      );
    }
  }
  const counts = countBySeverity(report);
  const problems = counts.error + counts.warning + counts.info;
  const scope = `${plural(report.linted, 'Job/CronJob')} in ${plural(report.files, 'file')}${report.skipped > 0 ? `, ${report.skipped} other ${report.skipped === 1 ? 'object' : 'objects'} skipped` : ''}`;
  if (problems === 0) return `${colors.green('✔')} no problems (${scope})\n`;
  const summary = `${plural(problems, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${scope}`;
  lines.push(
    '',
    counts.error > 0 ? colors.red(colors.bold(`✖ ${summary}`)) : colors.yellow(colors.bold(`⚠ ${summary}`)),
  );
  return `${lines.join('\n')}\n`;
}
