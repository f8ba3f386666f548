import type { AuditResult, AuditSummary } from '../../schemas/generated/audit-output.ts';

/** Writes an audit as it runs: each object with findings as it is judged, the summary at the end. */
export interface AuditWriter {
  result(result: AuditResult): void;
  end(summary: AuditSummary): void;
}
