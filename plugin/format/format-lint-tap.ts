import { escapeText } from '../escape-text.ts';
import type { ObjectResult } from '../lint/index.ts';
import { fixHintOf } from './fix-hint.ts';
import { renderReport, type LintReport, type LintWriter, type WriteText } from './lint-report.ts';
import { objectLabel } from '../lint/index.ts';

/**
 * TAP version 14: a test point per Job or CronJob (and per document that could not be read),
 * `not ok` when it has an error-level finding, the findings in its YAML diagnostic block; the
 * plan comes last, as TAP allows for a stream. Values in the block are JSON strings (YAML reads
 * them, and they escape every control character); the description escapes `#` and `\` as TAP 14
 * asks, and control characters as the text output does.
 */
export function formatLintTap(report: LintReport): string {
  return renderReport(report, lintTapWriter);
}

export function lintTapWriter(write: WriteText): LintWriter {
  let count = 0;
  return {
    result(result) {
      if (count === 0) write('TAP version 14\n');
      count++;
      const ok = !result.findings.some((f) => f.severity === 'error');
      const description = escapeText(`${result.file}: ${objectLabel(result)}`).replace(/[\\#]/g, '\\$&');
      write(`${ok ? 'ok' : 'not ok'} ${count} - ${description}\n${diagnostics(result)}`);
    },
    end() {
      write(`${count === 0 ? 'TAP version 14\n' : ''}1..${count}\n`);
    },
  };
}

function diagnostics(result: ObjectResult): string {
  if (result.findings.length === 0) return '';
  const q = (value: string | number): string => JSON.stringify(value);
  const lines = ['  ---', '  findings:'];
  for (const f of result.findings) {
    const hint = fixHintOf(f);
    lines.push(
      `    - ruleId: ${q(f.ruleId)}`,
      `      severity: ${q(f.severity)}`,
      `      path: ${q(f.path)}`,
      `      line: ${f.line}`,
      `      column: ${f.column}`,
      `      message: ${q(f.message)}`,
      ...(hint.remediation ? [`      remediation: ${q(hint.remediation)}`] : []),
      `      docsUrl: ${q(hint.docsUrl)}`,
    );
  }
  lines.push('  ...');
  return `${lines.join('\n')}\n`;
}
