import type { JsonObject } from '../kubernetes/index.ts';
import { ADMITTED } from './admission-object.ts';
import type { AdmissionPolicy } from './admission-policy.ts';
import type { Mode } from './admission-settings.ts';
import type { ResolvedPolicy } from './config.ts';
import { DECODE_RULE_IDS, evaluate, INTERNAL_ERROR_RULE_ID } from './engine.ts';
import type { Finding } from './finding.ts';
import { toJobView, type JobView } from './job-view.ts';

/** What the validating webhook makes of one object's findings. */
export interface AdmissionFindings {
  readonly view: JobView;
  /** Deny-level findings that deny the request (their mode is `deny`). */
  readonly deny: readonly Finding[];
  /** Deny-level findings in mode `warn`: the client is warned that they will deny once enforced. */
  readonly wouldDeny: readonly Finding[];
  /** Deny-level findings in mode `audit`: an audit annotation and a metric only. */
  readonly audited: readonly Finding[];
  /** Warn-level findings the client is warned about. */
  readonly warn: readonly Finding[];
  /** Info-level findings: only counted. */
  readonly info: readonly Finding[];
  /** Deny- and warn-level findings the old object of an UPDATE already had: let through silently. */
  readonly ratcheted: readonly Finding[];
}

/**
 * Findings are the same finding on the old and the new object when rule and field agree. The
 * message is not part of the key on purpose: it carries values computed from other fields
 * (parallelism, backoffLimit), and an autoscaler changing parallelism must not turn an old
 * finding into a new one.
 */
export function ratchetKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.path}`;
}

/**
 * The policy to judge the old object of an UPDATE with: only the rules of the findings to ratchet
 * (`ratchetKey` holds the rule), since another rule's findings on the old object match none of
 * them, and the rules whose findings change what evaluate keeps of the others (DECODE_RULE_IDS).
 * A rule that failed (internal-error) could be any: then all of them. The ratchet's answer is
 * the same as with every rule; a Job UPDATE costs one rule or two on the old object, not fifty.
 */
function ratchetRules(policy: ResolvedPolicy, findings: readonly Finding[]): ResolvedPolicy {
  if (findings.some((f) => f.ruleId === INTERNAL_ERROR_RULE_ID)) return policy;
  const ids = new Set(findings.map((f) => f.ruleId));
  return { ...policy, rules: policy.rules.filter(({ rule }) => ids.has(rule.id) || DECODE_RULE_IDS.has(rule.id)) };
}

/** What a deny-level finding does: its rule's mode, else the policy's (overrides applied). */
export function modeOf(finding: Finding, policy: AdmissionPolicy): Mode {
  return policy.modes.get(finding.ruleId) ?? policy.settings.mode;
}

/**
 * The validating webhook's judgement of an object prepared by toEngineObject, at stage
 * `admission`; with `oldObject` (an UPDATE), the ratchet: a finding the old object already had
 * (same rule, same field path) neither denies nor warns, so an object admitted before the policy
 * changed can still be labelled, scaled, suspended or have its finalizers removed. Consequences:
 * changing a still-wrong value in place is allowed (the finding was there before), while moving a
 * wrong list item to another index is a new finding. Then the rollout modes: a new deny-level
 * finding in mode warn is a warning, in mode audit an annotation and a metric. `admitted`
 * (toJobView): false for an object the API server has not defaulted yet. `oldObject` may be a
 * function giving it: it is called only when the ratchet needs the old object (the new one has a
 * deny- or warn-level finding), so that an UPDATE without findings never decodes it.
 */
export function admissionFindings(
  object: JsonObject,
  policy: AdmissionPolicy,
  oldObject?: JsonObject | (() => JsonObject),
  admitted = ADMITTED,
): AdmissionFindings {
  const view = toJobView(object, admitted);
  const findings = evaluate(view, policy.evaluation, 'admission');
  let deny = findings.filter((f) => f.severity === 'error');
  let warn = findings.filter((f) => f.severity === 'warning');
  const info = findings.filter((f) => f.severity === 'info');
  let ratcheted: Finding[] = [];
  if (oldObject !== undefined && deny.length + warn.length > 0) {
    const old = typeof oldObject === 'function' ? oldObject() : oldObject;
    const rules = ratchetRules(policy.evaluation, [...deny, ...warn]);
    const before = new Set(evaluate(toJobView(old, admitted), rules, 'admission').map(ratchetKey));
    const isNew = (f: Finding): boolean => !before.has(ratchetKey(f));
    ratcheted = [...deny, ...warn].filter((f) => !isNew(f));
    deny = deny.filter(isNew);
    warn = warn.filter(isNew);
  }
  const wouldDeny = deny.filter((f) => modeOf(f, policy) === 'warn');
  const audited = deny.filter((f) => modeOf(f, policy) === 'audit');
  deny = deny.filter((f) => modeOf(f, policy) === 'deny');
  return { view, deny, wouldDeny, audited, warn, info, ratcheted };
}
