import { evaluate, toJobView, type Finding, type Mode } from '../../policy/index.ts';
import { isObject } from '../../kubernetes/index.ts';
import type { AdmissionPolicy } from './admission-policy.ts';
import { malformedDecision, skippedDecision, uniqueIds, type Decision } from './decision.ts';
import { toDenialStatus } from './denial.ts';
import type { AdmissionRequest } from './review.ts';
import { ADMITTED, toEngineObject, toScope } from './scope.ts';
import { formatFindingWarning, formatWarnings, formatWouldDenyWarning } from './warnings.ts';

/** Findings are the same finding on the old and the new object when rule and field agree. */
function ratchetKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.path}`;
}

/**
 * The validating webhook: evaluates the object (already defaulted and prepared by the API server,
 * and mutated by the mutating webhooks) at stage `admission`. Deny-level findings deny with a 422
 * naming every one; warn-level findings become warnings; info-level ones are only counted.
 * A deny-level finding whose rule (or policy, or namespace override) is in mode `warn` becomes a
 * warning instead, in mode `audit` an audit annotation (`audited-rules`) and a metric only.
 *
 * UPDATE ratchet: a finding the old object already had (same rule, same field path) neither
 * denies nor warns, so a Job or CronJob admitted before the policy changed can still be labelled,
 * scaled, suspended or have its finalizers removed. The message is not part of the key on purpose:
 * it carries values computed from other fields (parallelism, backoffLimit), and an autoscaler
 * changing parallelism must not turn an old finding into a new one. Consequences: changing a
 * still-wrong value in place is allowed (the finding was there before), while moving a wrong list
 * item to another index is a new finding; on Jobs those lists (podFailurePolicy, successPolicy,
 * the pod template) are immutable anyway, on CronJobs the whole jobTemplate is mutable.
 */
export function validate(request: AdmissionRequest, policy: AdmissionPolicy): Decision {
  const scope = toScope(request, policy);
  if (!scope.in)
    return 'skip' in scope ? skippedDecision(request.uid, scope.skip) : malformedDecision(request.uid, scope.malformed);
  const { policy: effective } = scope;
  const view = toJobView(toEngineObject(scope.object, scope.kind), ADMITTED);
  const findings = evaluate(view, effective.evaluation, 'admission');
  let deny = findings.filter((f) => f.severity === 'error');
  let warn = findings.filter((f) => f.severity === 'warning');
  const info = findings.filter((f) => f.severity === 'info');
  let ratcheted: Finding[] = [];
  if (scope.operation === 'UPDATE' && deny.length + warn.length > 0 && isObject(request.oldObject)) {
    const before = new Set(
      evaluate(
        toJobView(toEngineObject(request.oldObject, scope.kind), ADMITTED),
        effective.evaluation,
        'admission',
      ).map(ratchetKey),
    );
    const isNew = (f: Finding): boolean => !before.has(ratchetKey(f));
    ratcheted = [...deny, ...warn].filter((f) => !isNew(f));
    deny = deny.filter(isNew);
    warn = warn.filter(isNew);
  }
  // The rollout modes: a denial in mode warn is a warning, in mode audit an annotation and a metric.
  const modeOf = (f: Finding): Mode => effective.modes.get(f.ruleId) ?? effective.settings.mode;
  const warnedDenials = deny.filter((f) => modeOf(f) === 'warn');
  const audited = deny.filter((f) => modeOf(f) === 'audit');
  deny = deny.filter((f) => modeOf(f) === 'deny');
  const allowed = deny.length === 0;
  const warnings = formatWarnings([...warnedDenials.map(formatWouldDenyWarning), ...warn.map(formatFindingWarning)]);
  warn = [...warnedDenials, ...warn];
  const ids = (list: Finding[]): string[] => list.map((f) => f.ruleId);
  const auditAnnotations: Record<string, string> = { decision: allowed ? 'allowed' : 'denied' };
  if (deny.length > 0) auditAnnotations['denied-rules'] = uniqueIds(ids(deny)).join(',');
  if (warn.length > 0) auditAnnotations['warned-rules'] = uniqueIds(ids(warn)).join(',');
  if (audited.length > 0) auditAnnotations['audited-rules'] = uniqueIds(ids(audited)).join(',');
  if (ratcheted.length > 0) auditAnnotations['ratcheted-rules'] = uniqueIds(ids(ratcheted)).join(',');
  return {
    response: {
      uid: request.uid,
      allowed,
      ...(allowed
        ? {}
        : { status: toDenialStatus(view, request.name || view.name || '', deny, effective.remediations) }),
      ...(warnings.length > 0 ? { warnings } : {}),
      auditAnnotations,
    },
    outcome: allowed ? 'allowed' : 'denied',
    denied: ids(deny),
    warned: ids(warn),
    info: ids(info),
    ratcheted: ids(ratcheted),
    audited: ids(audited),
    defaulted: [],
  };
}
