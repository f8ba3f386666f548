import type { AuditSummary } from '../../schemas/generated/audit-output.ts';
import type { AuditResult } from './audit-object.ts';

/** Counts an audit run as its objects go by (nothing of the objects is kept). */
export class AuditTally {
  jobs = 0;
  cronJobs = 0;
  exempt = 0;
  withFindings = 0;
  readonly bySeverity = { error: 0, warning: 0, info: 0 };
  readonly byAdmission = new Map<string, number>();
  readonly byRule = new Map<string, number>();
  readonly byNamespace = new Map<string, number>();

  judged(kind: 'Job' | 'CronJob'): void {
    if (kind === 'Job') this.jobs++;
    else this.cronJobs++;
  }

  add(result: AuditResult): void {
    if (result.findings.length === 0) return;
    this.withFindings++;
    bump(this.byNamespace, result.namespace);
    for (const finding of result.findings) {
      this.bySeverity[finding.severity]++;
      bump(this.byAdmission, finding.admission);
      bump(this.byRule, finding.ruleId);
    }
  }

  summary(policy: string): AuditSummary {
    return {
      policy,
      jobs: this.jobs,
      cronJobs: this.cronJobs,
      exempt: this.exempt,
      withFindings: this.withFindings,
      errors: this.bySeverity.error,
      warnings: this.bySeverity.warning,
      infos: this.bySeverity.info,
      byAdmission: sortedRecord(this.byAdmission),
      byRule: sortedRecord(this.byRule),
      byNamespace: sortedRecord(this.byNamespace),
    };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Keys in order, in an object that inherits nothing (namespaces and rule ids are data). */
function sortedRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!;
  return out;
}
