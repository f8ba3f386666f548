import type { Severity } from '../../policy/index.ts';
import type { ObjectResult } from '../lint/index.ts';

/** Everything one `lint` run found, ready for any formatter. */
export interface LintReport {
  readonly results: readonly ObjectResult[];
  readonly files: number;
  /** Jobs and CronJobs linted. */
  readonly linted: number;
  /** Objects that are not Jobs or CronJobs. */
  readonly skipped: number;
}

export function countBySeverity(report: LintReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const result of report.results) for (const finding of result.findings) counts[finding.severity]++;
  return counts;
}
