import { checkLabelSelector, FieldPath, type JsonObject } from '../kubernetes/index.ts';
import type { JobXPolicy, RuleSetting } from '../schemas/generated/policy.ts';
import { PolicyError } from './policy-error.ts';

/** deny: a deny-level finding denies; warn: it becomes a warning; audit: an audit annotation and a metric. */
export type Mode = NonNullable<JobXPolicy['mode']>;

/**
 * What only admission reads from a policy: the scope (namespace and object selectors, exempt users
 * and groups), what a denial does (the mode), which owned Jobs get defaults, and the per-namespace
 * overrides. Lint ignores all of it: a manifest on disk has no namespace labels and no user.
 */
export interface AdmissionSettings {
  /** What a deny-level finding does, for rules without a mode of their own. */
  readonly mode: Mode;
  readonly namespaceSelector: JsonObject | undefined;
  readonly objectSelector: JsonObject | undefined;
  readonly exemptUsers: ReadonlySet<string>;
  readonly exemptGroups: ReadonlySet<string>;
  /** Controller-owner kinds whose Jobs still get the defaults (see owner-aware-defaults.ts). */
  readonly defaultOwnerKinds: ReadonlySet<string>;
  /** The overrides' namespace selectors, in the policy's order. */
  readonly overrides: readonly { readonly namespaceSelector: JsonObject }[];
  /** True when a decision needs the namespace's labels (a namespaceSelector or an override). */
  readonly needsNamespaceLabels: boolean;
}

/** The settings of a policy that has none: every namespace and object, mode deny, no overrides. */
export const NO_ADMISSION_SETTINGS: AdmissionSettings = {
  mode: 'deny',
  namespaceSelector: undefined,
  objectSelector: undefined,
  exemptUsers: new Set(),
  exemptGroups: new Set(),
  defaultOwnerKinds: new Set(),
  overrides: [],
  needsNamespaceLabels: false,
};

/** `audit` alone is shorthand for `{ level: deny, mode: audit }`: a rule that would deny, audited. */
export function expandRuleSetting(setting: RuleSetting | undefined): Exclude<RuleSetting, 'audit'> | undefined {
  return setting === 'audit' ? { level: 'deny', mode: 'audit' } : setting;
}

/** A selector the API server would refuse (an `In` without values, a bad key) is a policy error. */
function checkedSelector(selector: unknown, key: string): JsonObject | undefined {
  if (selector === undefined) return undefined;
  const [error] = checkLabelSelector(selector as JsonObject, FieldPath.parse(key));
  if (error) throw new PolicyError(error.path, error.message);
  return selector as JsonObject;
}

export function resolveAdmissionSettings(policy: JobXPolicy | undefined): AdmissionSettings {
  if (!policy) return NO_ADMISSION_SETTINGS;
  const overrides = (policy.overrides ?? []).map((override, i) => ({
    namespaceSelector: checkedSelector(override.namespaceSelector, `overrides[${i}].namespaceSelector`)!,
  }));
  const namespaceSelector = checkedSelector(policy.namespaceSelector, 'namespaceSelector');
  return {
    mode: policy.mode ?? 'deny',
    namespaceSelector,
    objectSelector: checkedSelector(policy.objectSelector, 'objectSelector'),
    exemptUsers: new Set(policy.exemptUsers ?? []),
    exemptGroups: new Set(policy.exemptGroups ?? []),
    defaultOwnerKinds: new Set(policy.defaultOwnerKinds ?? []),
    overrides,
    needsNamespaceLabels: namespaceSelector !== undefined || overrides.length > 0,
  };
}

/**
 * The policy document as it reads in a namespace that the overrides at `indices` match: each
 * override's rules replace the policy's (later overrides over earlier ones), its mode the policy's.
 */
export function withOverrides(policy: JobXPolicy, indices: readonly number[]): JobXPolicy {
  let rules = { ...(policy.rules ?? {}) };
  let mode = policy.mode;
  for (const i of indices) {
    const override = policy.overrides?.[i];
    if (!override) continue;
    rules = { ...rules, ...(override.rules ?? {}) };
    mode = override.mode ?? mode;
  }
  const { overrides: _overrides, ...rest } = policy;
  return { ...rest, rules, ...(mode ? { mode } : {}) };
}

/** Resolved policies by matched override indices, made once per combination a namespace shows. */
export function overrideResolver<Resolved>(
  policy: JobXPolicy | undefined,
  resolve: (document: JobXPolicy) => Resolved,
): (indices: readonly number[]) => Resolved | undefined {
  const cache = new Map<string, Resolved>();
  return (indices) => {
    if (!policy || indices.length === 0) return undefined;
    const key = indices.join(',');
    let resolved = cache.get(key);
    if (!resolved) {
      resolved = resolve(withOverrides(policy, indices));
      cache.set(key, resolved);
    }
    return resolved;
  };
}
