import type { KubeMinor } from '../kubernetes/index.ts';
import type { JobXPolicy, Level } from '../schemas/generated/policy.ts';
import type { Severity } from './finding.ts';
import type { Rule } from './rule.ts';
import { PolicyError } from './policy-error.ts';

export { PolicyError };
import {
  expandRuleSetting,
  resolveAdmissionSettings,
  type AdmissionSettings,
  type Mode,
} from './admission-settings.ts';

/** The policy after it was checked against the registry: what the engine runs. */
export interface ResolvedPolicy {
  /** Every rule that runs, with its effective severity and options. */
  readonly rules: readonly ResolvedRule[];
  readonly defaults: ReadonlySet<string>;
  readonly exemptNamespaces: ReadonlySet<string>;
  readonly allowSuppressions: boolean;
  /** Scope, exemptions, modes and overrides: what only admission reads (admission-settings.ts). */
  readonly admission: AdmissionSettings;
  /** The Kubernetes version the manifests target (lint --kube-version: see kube-version.ts); unset: the newest. */
  readonly kubeVersion?: KubeMinor;
}

export interface ResolvedRule {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
  /** What a denial by this rule does at admission; undefined: the policy's mode. */
  readonly mode?: Mode;
}

/** Both spellings: the policy file's (`warn`, `deny`) and lint's output's (`warning`, `error`). */
const SEVERITY_BY_LEVEL: Record<Exclude<Level, 'off'>, Severity> = {
  info: 'info',
  warn: 'warning',
  warning: 'warning',
  deny: 'error',
  error: 'error',
};

/**
 * Applies a policy (already valid against schemas/policy.schema.json) to the registry. Unknown
 * rule ids, a changed level of an `apiserver` rule, and a default without a defaulter are errors:
 * a half-applied policy would silently lint or admit the wrong things.
 */
export function resolvePolicy(registry: readonly Rule[], policy: JobXPolicy | undefined): ResolvedPolicy {
  const byId = new Map(registry.map((rule) => [rule.id, rule]));
  const settings = policy?.rules ?? {};
  for (const id of Object.keys(settings)) {
    const rule = byId.get(id);
    if (!rule) throw new PolicyError(`rules.${id}`, `unknown rule (see docs/rules.md for the list)`);
    if (rule.origin === 'apiserver') {
      throw new PolicyError(
        `rules.${id}`,
        'mirrors the Kubernetes API server, which applies it regardless; it cannot be reconfigured',
      );
    }
  }
  const rules: ResolvedRule[] = [];
  for (const rule of registry) {
    const setting = expandRuleSetting(settings[rule.id]);
    const level = typeof setting === 'string' ? setting : setting?.level;
    if (level === 'off') continue;
    const options = { ...(rule.defaultOptions ?? {}), ...(typeof setting === 'object' ? (setting.options ?? {}) : {}) };
    for (const key of Object.keys(options)) {
      if (!rule.defaultOptions || !Object.hasOwn(rule.defaultOptions, key))
        throw new PolicyError(`rules.${rule.id}.options.${key}`, 'unknown option');
      if (typeof options[key] !== typeof rule.defaultOptions[key]) {
        throw new PolicyError(`rules.${rule.id}.options.${key}`, `must be a ${typeof rule.defaultOptions[key]}`);
      }
    }
    const mode = typeof setting === 'object' ? setting.mode : undefined;
    rules.push({
      rule,
      severity: level ? SEVERITY_BY_LEVEL[level] : rule.severity,
      options,
      ...(mode ? { mode } : {}),
    });
  }
  for (const [i, id] of (policy?.defaults ?? []).entries()) {
    const rule = byId.get(id);
    if (!rule) throw new PolicyError(`defaults[${i}]`, `unknown rule ${JSON.stringify(id)}`);
    if (!rule.applyDefault) throw new PolicyError(`defaults[${i}]`, `rule ${id} has no default to apply`);
  }
  return {
    rules,
    defaults: new Set(policy?.defaults ?? []),
    exemptNamespaces: new Set(policy?.exemptNamespaces ?? []),
    allowSuppressions: policy?.suppressions?.allow ?? true,
    admission: resolveAdmissionSettings(policy),
  };
}
