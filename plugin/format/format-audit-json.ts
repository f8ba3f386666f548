import type { AuditResult } from '../../schemas/generated/audit-output.ts';
import type { AuditWriter } from './audit-writer.ts';
import { indentedJson } from './indented-json.ts';
import type { WriteText } from './lint-report.ts';

/**
 * `audit -o json` (schemas/audit-output.schema.json) a result at a time, in the bytes of
 * `JSON.stringify(output, null, 2)` for the whole: an audit of 10,000 Jobs holds none of them.
 */
export function auditJsonWriter(write: WriteText): AuditWriter {
  let first = true;
  return {
    result(result) {
      write(`${first ? '{\n  "results": [\n    ' : ',\n    '}${indentedJson(outputResult(result), 2)}`);
      first = false;
    },
    end(summary) {
      const tail = `  "summary": ${indentedJson(summary, 1)}\n}\n`;
      write(first ? `{\n  "results": [],\n${tail}` : `\n  ],\n${tail}`);
    },
  };
}

/** The contract's fields only, in a fixed order. */
function outputResult(r: AuditResult): AuditResult {
  return {
    namespace: r.namespace,
    kind: r.kind,
    name: r.name,
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      origin: f.origin,
      path: f.path,
      message: f.message,
      ...(f.type ? { type: f.type } : {}),
      ...(f.remediation ? { remediation: f.remediation } : {}),
      admission: f.admission,
      effect: f.effect,
    })),
  };
}
