import type { LintOutput } from '../../schemas/generated/lint-output.ts';
import type { ObjectResult } from '../lint/index.ts';
import { renderReport, SeverityCounts, type LintReport, type LintWriter, type WriteText } from './lint-report.ts';
import { indentedJson } from './indented-json.ts';
import { fixHintOf } from './fix-hint.ts';

/** The `lint -o json` contract (see design.md), plus a summary; typed by schemas/lint-output.schema.json. */
export function formatLintJson(report: LintReport): string {
  return renderReport(report, lintJsonWriter);
}

/**
 * `lint -o json` a result at a time: the bytes of `JSON.stringify(output, null, 2)` for the whole
 * output, written as each result comes (each result is at depth 2 of that document).
 */
export function lintJsonWriter(write: WriteText): LintWriter {
  const counts = new SeverityCounts();
  let first = true;
  return {
    result(result) {
      counts.add(result);
      write(`${first ? '{\n  "results": [\n    ' : ',\n    '}${indentedJson(outputResult(result), 2)}`);
      first = false;
    },
    end(totals) {
      const { error, warning, info } = counts.bySeverity;
      const summary: LintOutput['summary'] = {
        files: totals.files,
        linted: totals.linted,
        skipped: totals.skipped,
        errors: error,
        warnings: warning,
        infos: info,
      };
      const tail = `  "summary": ${indentedJson(summary, 1)}\n}\n`;
      write(first ? `{\n  "results": [],\n${tail}` : `\n  ],\n${tail}`);
    },
  };
}

function outputResult(r: ObjectResult): LintOutput['results'][number] {
  return {
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
      ...fixHintOf(f),
    })),
    ...(r.rendered ? { rendered: { tool: r.rendered.tool, from: r.rendered.from } } : {}),
  };
}
