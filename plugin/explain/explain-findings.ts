import {
  evaluate,
  isApiServerRejection,
  type EvaluationStage,
  type Finding,
  type JobView,
  type ResolvedPolicy,
} from '../../policy/index.ts';
import type { ExplainFinding } from './explanation.ts';

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * The lint findings for one object with the fix for each (the rule fits it to the object where its
 * docs would not fit), API server rejections first (they decide whether the object can exist at
 * all), then by severity; otherwise in the engine's order.
 */
export function explainFindings(view: JobView, policy: ResolvedPolicy, stage: EvaluationStage): ExplainFinding[] {
  const docs = new Map(policy.rules.map(({ rule }) => [rule.id, rule.docs]));
  const rank = (finding: Finding): number => (isApiServerRejection(finding) ? -1 : SEVERITY_RANK[finding.severity]);
  return evaluate(view, policy, stage)
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => rank(a.finding) - rank(b.finding) || a.order - b.order)
    .map(({ finding }) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      origin: finding.origin === 'apiserver' ? 'apiserver' : 'policy',
      path: finding.path,
      message: finding.message,
      ...(finding.type ? { type: finding.type } : {}),
      // The finding's own, where the rule's docs would not fit this object.
      remediation: finding.remediation ?? docs.get(finding.ruleId)?.remediation ?? null,
      url: docs.get(finding.ruleId)?.url ?? null,
    }));
}
