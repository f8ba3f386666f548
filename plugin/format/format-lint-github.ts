import type { Severity } from '../../policy/index.ts';
import { fixHintOf } from './fix-hint.ts';
import { renderedPlace } from './rendered-location.ts';
import { renderReport, type LintReport, type LintWriter, type WriteText } from './lint-report.ts';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands: escape data and property values as the runner expects. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,col=…,title=…::message` per finding, for inline PR annotations. */
export function formatLintGithub(report: LintReport): string {
  return renderReport(report, lintGithubWriter);
}

/** One workflow command per finding, a line each, as they come. */
export function lintGithubWriter(write: WriteText): LintWriter {
  return {
    result(result) {
      for (const f of result.findings) {
        const file = result.file === '<stdin>' ? '' : `file=${escapeProperty(result.file)},`;
        const hint = fixHintOf(f);
        // A multi-line annotation: the runner shows the lines after the first under it.
        const fix = `${hint.remediation ? `\nFix: ${hint.remediation}` : ''}\nDocs: ${hint.docsUrl}`;
        const message = `${f.path ? `${f.path}: ` : ''}${f.message}${renderedPlace(result, f)}${fix}`;
        // A rendered finding's line is in the rendered text, not in the template: the file alone.
        const place = result.rendered ? '' : `line=${f.line},col=${f.column},`;
        write(
          `::${COMMAND[f.severity]} ${file}${place}title=${escapeProperty(`job-x ${f.ruleId}`)}::${escapeData(message)}\n`,
        );
      }
    },
    end: () => undefined,
  };
}
