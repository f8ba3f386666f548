import type { LintOutput } from '../../schemas/generated/lint-output.ts';
import { countBySeverity, type LintReport } from './lint-report.ts';

/** The `lint -o json` contract (see design.md), plus a summary; typed by schemas/lint-output.schema.json. */
export function formatLintJson(report: LintReport): string {
  const results: LintOutput['results'] = report.results.map((r) => ({
    file: r.file,
    document: r.document,
    ...(r.item !== undefined ? { item: r.item } : {}),
    ...(r.itemPath !== undefined ? { itemPath: [...r.itemPath] } : {}),
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      origin: f.origin,
      path: f.path,
      line: f.line,
      column: f.column,
      message: f.message,
      ...(f.type ? { type: f.type } : {}),
    })),
  }));
  const counts = countBySeverity(report);
  const output: LintOutput = {
    results,
    summary: {
      files: report.files,
      linted: report.linted,
      skipped: report.skipped,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
    },
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
