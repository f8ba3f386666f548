import type { Severity } from '../../policy/index.ts';
import type { ObjectResult } from '../lint/index.ts';

/** Everything one `lint` run found, ready for any formatter. */
export interface LintReport extends LintTotals {
  readonly results: readonly ObjectResult[];
}

/** The totals a report ends with. */
export interface LintTotals {
  readonly files: number;
  /** Jobs and CronJobs linted. */
  readonly linted: number;
  /** Objects that are not Jobs or CronJobs. */
  readonly skipped: number;
}

/**
 * Writes a report as lint finds it: each object's results as soon as they are known, the totals
 * at the end. A run never holds all its results (a 16 MiB file of small Jobs has 120,000 of
 * them); each format prints, a result at a time, the same bytes it printed for the whole report.
 */
export interface LintWriter {
  result(result: ObjectResult): void;
  end(totals: LintTotals): void;
}

/** Where a writer's text goes, in pieces. */
export type WriteText = (text: string) => void;

export function countBySeverity(report: { readonly results: readonly ObjectResult[] }): Record<Severity, number> {
  const counts = new SeverityCounts();
  for (const result of report.results) counts.add(result);
  return counts.bySeverity;
}

/** Findings counted by severity as results go by. */
export class SeverityCounts {
  readonly bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };

  add(result: ObjectResult): void {
    for (const finding of result.findings) this.bySeverity[finding.severity]++;
  }
}

/** A whole report rendered at once by a writer (tests, and callers that hold every result anyway). */
export function renderReport(report: LintReport, create: (write: WriteText) => LintWriter): string {
  const pieces: string[] = [];
  const writer = create((text) => pieces.push(text));
  for (const result of report.results) writer.result(result);
  writer.end(report);
  return pieces.join('');
}
