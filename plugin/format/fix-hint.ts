import { RULES, type Finding } from '../../policy/index.ts';
import { RULES_DOC_URL } from '../../edge/index.ts';

/** How to fix a finding and where to read more: every format carries it (issue 13). */
export interface FixHint {
  /** What to change; none for findings about the source text (their message says it). */
  readonly remediation?: string;
  readonly docsUrl: string;
}

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

/**
 * A finding's remediation (its own, where the rule's would not fit this object, else the
 * rule's) and docs URL (the rule's Kubernetes documentation; job-x's rules.md for the parser's
 * findings and internal errors, which are not rules of the registry).
 */
export function fixHintOf(finding: Pick<Finding, 'ruleId' | 'remediation'>): FixHint {
  const rule = byId.get(finding.ruleId);
  if (!rule)
    return {
      ...(finding.remediation ? { remediation: finding.remediation } : {}),
      docsUrl: `${RULES_DOC_URL}#${finding.ruleId}`,
    };
  return { remediation: finding.remediation ?? rule.docs.remediation, docsUrl: rule.docs.url };
}
