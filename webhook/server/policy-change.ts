import type { ResolvedPolicy } from '../../policy/index.ts';

/** A rule's admission setting in one word: `off`, `info`, `warn`, `deny`, or `deny/audit`. */
function settingsOf(policy: ResolvedPolicy): Map<string, string> {
  const word = { error: 'deny', warning: 'warn', info: 'info' } as const;
  return new Map(
    policy.rules
      .filter((r) => r.rule.origin === 'policy')
      .map((r) => [r.rule.id, r.mode ? `${word[r.severity]}/${r.mode}` : word[r.severity]]),
  );
}

const added = (a: ReadonlySet<string>, b: ReadonlySet<string>): string[] => [...b].filter((x) => !a.has(x)).sort();

/**
 * What a reload changed, for the log: each rule whose setting changed (`warn -> deny`), defaults and
 * exemptions added and removed, the policy's mode. Keys with no change are left out.
 */
export function describePolicyChange(before: ResolvedPolicy, after: ResolvedPolicy): Record<string, unknown> {
  const was = settingsOf(before);
  const now = settingsOf(after);
  const rules: Record<string, string> = {};
  for (const id of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const from = was.get(id) ?? 'off';
    const to = now.get(id) ?? 'off';
    if (from !== to) rules[id] = `${from} -> ${to}`;
  }
  const out: Record<string, unknown> = {};
  if (Object.keys(rules).length > 0) out.rules = rules;
  const sets = {
    defaults: [before.defaults, after.defaults],
    exemptNamespaces: [before.exemptNamespaces, after.exemptNamespaces],
    exemptUsers: [before.admission.exemptUsers, after.admission.exemptUsers],
    exemptGroups: [before.admission.exemptGroups, after.admission.exemptGroups],
    defaultOwnerKinds: [before.admission.defaultOwnerKinds, after.admission.defaultOwnerKinds],
  } as const;
  for (const [key, [a, b]] of Object.entries(sets)) {
    const plus = added(a, b);
    const minus = added(b, a);
    if (plus.length + minus.length > 0) out[key] = { added: plus, removed: minus };
  }
  if (before.admission.mode !== after.admission.mode) out.mode = `${before.admission.mode} -> ${after.admission.mode}`;
  const selectors = (p: ResolvedPolicy): string =>
    JSON.stringify([p.admission.namespaceSelector, p.admission.objectSelector, p.admission.overrides]);
  if (selectors(before) !== selectors(after)) out.selectorsOrOverrides = 'changed';
  if (before.allowSuppressions !== after.allowSuppressions) out.allowSuppressions = after.allowSuppressions;
  return out;
}
