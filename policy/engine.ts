import { describeError, withoutPlaceholders } from '../kubernetes/index.ts';
import type { ResolvedPolicy } from './config.ts';
import type { Finding } from './finding.ts';
import type { JobView } from './job-view.ts';
import type { Report, Rule } from './rule.ts';
import { suppressedRuleIds } from './suppression.ts';
import { judgeAtVersion } from './kube-version.ts';

/** Where the engine runs: offline on a manifest as written, or in admission on a defaulted object. */
export type EvaluationStage = 'lint' | 'admission';

export const INTERNAL_ERROR_RULE_ID = 'internal-error';

function runsAt(rule: Rule, stage: EvaluationStage): boolean {
  return rule.stage === 'both' || rule.stage === stage;
}

/**
 * Runs every rule of the policy on one Job or CronJob and returns all findings (checks never stop
 * at the first problem). A rule that throws becomes an `internal-error` finding, never a crash.
 * Suppression annotations hide `policy` findings only: the API server ignores them.
 */
export function evaluate(view: JobView, policy: ResolvedPolicy, stage: EvaluationStage): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, severity, options } of policy.rules) {
    if (!runsAt(rule, stage) || (rule.kinds && !rule.kinds.includes(view.kind))) continue;
    let reports: Report[];
    try {
      reports = rule.check(view, { options, allowSuppressions: policy.allowSuppressions });
    } catch (error) {
      findings.push(internalErrorFinding(`rule ${rule.id}`, error));
      continue;
    }
    for (const report of reports) {
      findings.push({
        ruleId: rule.id,
        severity,
        origin: rule.origin,
        path: report.path,
        // A rule may quote defaulted values: never the placeholders that stand for the server's.
        message: withoutPlaceholders(report.message, view.raw),
        ...(report.type ? { type: report.type } : {}),
        // Kept only where it says more than the rule's docs (fitted to this object).
        ...(report.remediation && report.remediation !== rule.docs.remediation
          ? { remediation: report.remediation }
          : {}),
      });
    }
  }
  const judged = stage === 'lint' && policy.kubeVersion ? judgeAtVersion(view, findings, policy.kubeVersion) : findings;
  const visible = withoutFindingsOfUndecodableObjects(judged);
  if (!policy.allowSuppressions) return visible;
  const suppressed = suppressedRuleIds(view);
  return visible.filter((finding) => finding.origin === 'apiserver' || !suppressed.has(finding.ruleId));
}

/** A bug of job-x's as a finding on the object it met, so the other objects are still judged. */
export function internalErrorFinding(what: string, error: unknown): Finding {
  return {
    ruleId: INTERNAL_ERROR_RULE_ID,
    severity: 'error',
    origin: 'policy',
    path: '',
    message: `${what} failed on this object: ${describeError(error)} (please report this)`,
  };
}

/** Rules whose findings mean the API server cannot decode the object (400 BadRequest). */
export const DECODE_RULE_IDS: ReadonlySet<string> = new Set(['field-types', 'unknown-fields']);

/**
 * An object the API server cannot decode (a value of the wrong type, or an unknown field under
 * kubectl's default strict validation) is refused before validation: the server prints the decode
 * error and nothing else, so lint's other `apiserver` findings would be noise it never prints.
 */
function withoutFindingsOfUndecodableObjects(findings: Finding[]): Finding[] {
  if (!findings.some((f) => DECODE_RULE_IDS.has(f.ruleId))) return findings;
  return findings.filter((f) => DECODE_RULE_IDS.has(f.ruleId) || f.origin !== 'apiserver');
}
