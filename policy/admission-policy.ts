import type { ResolvedPolicy } from './config.ts';
import type { Rule, RuleContext } from './rule.ts';
import { RULES } from './rules/index.ts';

export interface AdmissionDefault {
  readonly rule: Rule;
  readonly context: RuleContext;
}

/**
 * A resolved policy prepared once, for the admission webhook's handlers and for `kubectl job-x
 * audit`, which says what those handlers would decide (it lives here, below both, for that).
 */
export interface AdmissionPolicy {
  /**
   * What `evaluate` runs at admission: the policy's rules without the `apiserver` ones. Those mirror
   * the API server's own validation and warnings, which the API server applies itself (after the
   * mutating webhooks, before the validating ones): repeating them would print every API server
   * warning twice, and a divergence between job-x's copy and the real thing could only block
   * objects the API server accepts.
   */
  readonly evaluation: ResolvedPolicy;
  /** The defaults of `policy.defaults`, in the policy's order, with their rules' options. */
  readonly defaults: readonly AdmissionDefault[];
  readonly exemptNamespaces: ReadonlySet<string>;
  readonly allowSuppressions: boolean;
  /** Rule id → the rule's remediation sentence, for denial messages. */
  readonly remediations: ReadonlyMap<string, string>;
}

export function toAdmissionPolicy(policy: ResolvedPolicy, registry: readonly Rule[] = RULES): AdmissionPolicy {
  const byId = new Map(registry.map((rule) => [rule.id, rule]));
  const optionsOf = new Map(policy.rules.map((r) => [r.rule.id, r.options]));
  const defaults: AdmissionDefault[] = [];
  for (const id of policy.defaults) {
    const rule = byId.get(id);
    // resolvePolicy already refused unknown ids and rules without a default.
    if (!rule?.applyDefault) continue;
    // A rule switched off still has its default applied when listed: its options are its own.
    defaults.push({
      rule,
      context: { options: optionsOf.get(id) ?? rule.defaultOptions ?? {}, allowSuppressions: policy.allowSuppressions },
    });
  }
  return {
    evaluation: { ...policy, rules: policy.rules.filter((r) => r.rule.origin !== 'apiserver') },
    defaults,
    exemptNamespaces: policy.exemptNamespaces,
    allowSuppressions: policy.allowSuppressions,
    remediations: new Map(registry.map((rule) => [rule.id, rule.docs.remediation])),
  };
}
