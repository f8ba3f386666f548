// Which rules of a policy become CEL, at which level, and why the others cannot.
import { RULES, type ResolvedPolicy, type Rule, type RuleCel, type RuleDefaultCel } from '../../policy/index.ts';

/** `audit`: info-level rules, which the webhook only counts: recorded in the audit log, nothing more. */
export type ExportLevel = 'deny' | 'warn' | 'audit';

export interface ExportableRule {
  readonly rule: Rule;
  readonly cel: RuleCel;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ExportableDefault {
  readonly rule: Rule;
  readonly cel: RuleDefaultCel;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface NotExported {
  readonly ruleId: string;
  /** `rule`: the check; `default`: the rule's default (the mutating part); `policy`: a policy setting. */
  readonly part: 'rule' | 'default' | 'policy';
  readonly reason: string;
}

export interface ExportPlan {
  readonly byLevel: ReadonlyMap<ExportLevel, readonly ExportableRule[]>;
  readonly defaults: readonly ExportableDefault[];
  readonly notExported: readonly NotExported[];
}

const LEVEL_BY_SEVERITY = { error: 'deny', warning: 'warn', info: 'audit' } as const;

/**
 * As the webhook (webhook/admission/validate.ts): a deny-level rule's rollout mode (its own, else
 * the policy's) decides what its denial does: deny, a warning, or an audit record only.
 */
function levelOf(severity: keyof typeof LEVEL_BY_SEVERITY, mode: 'deny' | 'warn' | 'audit'): ExportLevel {
  return severity === 'error' ? mode : LEVEL_BY_SEVERITY[severity];
}

/** The policy's rules and defaults sorted into what CEL expresses and what stays with the webhook. */
export function planExport(policy: ResolvedPolicy): ExportPlan {
  const byLevel = new Map<ExportLevel, ExportableRule[]>();
  const notExported: NotExported[] = [];
  if (policy.admission.overrides.length > 0)
    notExported.push({
      ruleId: 'overrides',
      part: 'policy',
      reason:
        'a binding cannot change rule levels by namespace label: the exported policies apply the base levels in every namespace, overrides included',
    });
  for (const { rule, severity, options, mode } of policy.rules) {
    // The API server enforces its own validation; the export is about job-x's policy.
    if (rule.origin !== 'policy') continue;
    if (rule.stage === 'lint') {
      notExported.push({
        ruleId: rule.id,
        part: 'rule',
        reason: 'it reads the manifest as written, before the API server defaults it (lint only)',
      });
      continue;
    }
    if (!rule.cel || 'notExpressible' in rule.cel) {
      notExported.push({ ruleId: rule.id, part: 'rule', reason: rule.cel?.notExpressible ?? 'it has no CEL form' });
      continue;
    }
    const level = levelOf(severity, mode ?? policy.admission.mode);
    byLevel.set(level, [...(byLevel.get(level) ?? []), { rule, cel: rule.cel, options }]);
  }
  const defaults: ExportableDefault[] = [];
  const optionsOf = new Map(policy.rules.map((r) => [r.rule.id, r.options]));
  for (const id of policy.defaults) {
    // As the webhook (toAdmissionPolicy): a rule switched off keeps its default when listed.
    const rule = RULES.find((r) => r.id === id);
    if (!rule?.applyDefault) continue;
    if (!rule.defaultCel || 'notExpressible' in rule.defaultCel) {
      notExported.push({
        ruleId: id,
        part: 'default',
        reason: rule.defaultCel?.notExpressible ?? 'its default has no CEL form',
      });
      continue;
    }
    defaults.push({ rule, cel: rule.defaultCel, options: optionsOf.get(id) ?? rule.defaultOptions ?? {} });
  }
  return { byLevel, defaults, notExported };
}
