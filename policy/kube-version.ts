import { fieldsAtVersion, GATED_FIELDS, NOT_SERVED, type KubeMinor } from '../kubernetes/index.ts';
import type { ResolvedPolicy } from './config.ts';
import type { Finding } from './finding.ts';
import type { JobView } from './job-view.ts';
import type { Rule } from './rule.ts';

// lint --kube-version: the manifest judged as an older API server judges it, from the tables
// generated from each release's source (kubernetes/versions). Two findings, not rules of the
// registry (they exist only for a target version): a field the version does not serve, which
// kubectl's strict validation makes it refuse, and a field it drops in silence because its
// feature gate is off by default there.

export const FIELD_NOT_SERVED = 'field-not-served';
export const FIELD_IGNORED = 'field-ignored-by-version';

/** For docs/rules.md and SARIF: the findings a target version adds. */
export const KUBE_VERSION_FINDINGS: readonly { id: string; severity: 'error' | 'warning'; description: string }[] = [
  {
    id: FIELD_NOT_SERVED,
    severity: 'error',
    description:
      'With `--kube-version`: a field the target version does not serve (it came in a later release). kubectl (`--validate=strict`) makes that API server refuse the object (`strict decoding error: unknown field`); other clients have it dropped.',
  },
  {
    id: FIELD_IGNORED,
    severity: 'warning',
    description:
      'With `--kube-version`: a field the target version serves but drops on create without a word, because its feature gate is off by default there (the gate and the upstream function that drops the field are named).',
  },
];

/**
 * The policy for a target version: the findings above are added, and a rule that needs a field
 * the version does not serve or drops (Rule.needs) is skipped.
 */
export function withKubeVersion(policy: ResolvedPolicy, minor: KubeMinor): ResolvedPolicy {
  return { ...policy, kubeVersion: minor, rules: policy.rules.filter(({ rule }) => ruleAppliesAt(rule, minor)) };
}

/** Whether every field the rule needs is served and kept by `minor`. */
export function ruleAppliesAt(rule: Pick<Rule, 'needs'>, minor: KubeMinor): boolean {
  return (rule.needs ?? []).every((path) => fieldKeptAt(path, minor));
}

/** Whether a Job field (a path with `[*]`) is served by `minor` and not dropped by a gate off by default. */
export function fieldKeptAt(path: string, minor: KubeMinor): boolean {
  const under = (pattern: string): boolean =>
    path === pattern || path.startsWith(`${pattern}.`) || path.startsWith(`${pattern}[`);
  if ((NOT_SERVED[minor]?.Job ?? []).some(([pattern]) => under(pattern))) return false;
  return !GATED_FIELDS.some(({ paths, defaults }) => defaults[minor] === false && paths.some(under));
}

/**
 * The findings of a target version for one object, and the other findings without those under a
 * field the version drops: its API server never validates a field it does not keep.
 */
export function judgeAtVersion(view: JobView, findings: readonly Finding[], minor: KubeMinor): Finding[] {
  const { unserved, ignored } = fieldsAtVersion(view.raw, view.kind, minor);
  const dropped = [...unserved, ...ignored].map((field) => field.path);
  const kept = findings.filter(
    (finding) =>
      !dropped.some(
        (path) => finding.path !== path && (finding.path.startsWith(`${path}.`) || finding.path.startsWith(`${path}[`)),
      ),
  );
  for (const { path, since } of unserved)
    kept.push({
      ruleId: FIELD_NOT_SERVED,
      severity: 'error',
      origin: 'apiserver',
      path,
      message: `strict decoding error: unknown field "${path}" (Kubernetes ${minor} does not serve it; ${since} does)`,
      remediation: `Remove the field for Kubernetes ${minor} clusters, or target ${since} or later.`,
    });
  for (const { path, gate, droppedBy } of ignored)
    kept.push({
      ruleId: FIELD_IGNORED,
      severity: 'warning',
      origin: 'apiserver',
      path,
      message: `ignored by ${minor}: the API server drops this field in silence (feature gate ${gate} is off by default in ${minor}; ${droppedBy})`,
      remediation: `Remove the field, or enable the ${gate} feature gate on the cluster's API server.`,
    });
  return kept;
}
