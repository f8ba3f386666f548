import type { JobXPolicy } from '../schemas/generated/policy.ts';
import { matchedOverrides } from './admission-scope.ts';
import { overrideResolver, type AdmissionSettings, type Mode } from './admission-settings.ts';
import { resolvePolicy, type ResolvedPolicy } from './config.ts';
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
  /** Scope, exemptions, the policy's mode, owner-aware defaults and the overrides' selectors. */
  readonly settings: AdmissionSettings;
  /** Rule id → what its denials do, for rules whose mode is not the policy's. */
  readonly modes: ReadonlyMap<string, Mode>;
  /** The policy in a namespace that the overrides at these indices match (this one for none). */
  readonly withOverrides: (indices: readonly number[]) => AdmissionPolicy;
}

/**
 * `document` is the policy file the resolved policy came from: the per-namespace overrides are
 * resolved from it (once per combination of overrides a namespace matches, then cached).
 */
export function toAdmissionPolicy(
  policy: ResolvedPolicy,
  registry: readonly Rule[] = RULES,
  document?: JobXPolicy,
): AdmissionPolicy {
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
  const resolveOverrides = overrideResolver(document, (doc) => resolvePolicy(registry, doc));
  const cache = new Map<string, AdmissionPolicy>();
  const self: AdmissionPolicy = {
    evaluation: { ...policy, rules: policy.rules.filter((r) => r.rule.origin !== 'apiserver') },
    defaults,
    exemptNamespaces: policy.exemptNamespaces,
    allowSuppressions: policy.allowSuppressions,
    remediations: new Map(registry.map((rule) => [rule.id, rule.docs.remediation])),
    settings: policy.admission,
    modes: new Map(policy.rules.flatMap((r) => (r.mode ? [[r.rule.id, r.mode] as const] : []))),
    withOverrides: (indices) => {
      const key = indices.join(',');
      let found = cache.get(key);
      if (!found) {
        const resolved = resolveOverrides(indices);
        found = resolved ? toAdmissionPolicy(resolved, registry) : self;
        cache.set(key, found);
      }
      return found;
    },
  };
  return self;
}

/**
 * The policy as it reads in a namespace with these labels: the per-namespace overrides whose
 * selectors match applied (none when the labels are unknown). The webhook's scope and the audit
 * both ask this.
 */
export function policyInNamespace(
  policy: AdmissionPolicy,
  namespaceLabels: Readonly<Record<string, string>> | undefined,
): AdmissionPolicy {
  const overrides = matchedOverrides(policy.settings, namespaceLabels);
  return overrides.length > 0 ? policy.withOverrides(overrides) : policy;
}
