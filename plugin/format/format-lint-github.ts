import type { Severity } from '../../policy/index.ts';
import type { LintReport } from './lint-report.ts';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands: escape data and property values as the runner expects. */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,col=…,title=…::message` per finding, for inline PR annotations. */
export function formatLintGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const result of report.results) {
    for (const f of result.findings) {
      const file = result.file === '<stdin>' ? '' : `file=${escapeProperty(result.file)},`;
      const message = `${f.path ? `${f.path}: ` : ''}${f.message}`;
      lines.push(
        `::${COMMAND[f.severity]} ${file}line=${f.line},col=${f.column},title=${escapeProperty(`job-x ${f.ruleId}`)}::${escapeData(message)}`,
      );
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
