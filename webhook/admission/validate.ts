import { evaluate, toJobView, type Finding } from '../../policy/index.ts';
import { isObject } from '../../kubernetes/index.ts';
import type { AdmissionPolicy } from './admission-policy.ts';
import { malformedDecision, skippedDecision, uniqueIds, type Decision } from './decision.ts';
import { toDenialStatus } from './denial.ts';
import type { AdmissionRequest } from './review.ts';
import { toEngineObject, toScope } from './scope.ts';
import { formatFindingWarning, formatWarnings } from './warnings.ts';

/** Findings are the same finding on the old and the new object when rule and field agree. */
function ratchetKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.path}`;
}

/**
 * The validating webhook: evaluates the object (already defaulted and prepared by the API server,
 * and mutated by the mutating webhooks) at stage `admission`. Deny-level findings deny with a 422
 * naming every one; warn-level findings become warnings; info-level ones are only counted.
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
  const view = toJobView(toEngineObject(scope.object, scope.kind));
  const findings = evaluate(view, policy.evaluation, 'admission');
  let deny = findings.filter((f) => f.severity === 'error');
  let warn = findings.filter((f) => f.severity === 'warning');
  const info = findings.filter((f) => f.severity === 'info');
  let ratcheted: Finding[] = [];
  if (scope.operation === 'UPDATE' && deny.length + warn.length > 0 && isObject(request.oldObject)) {
    const before = new Set(
      evaluate(toJobView(toEngineObject(request.oldObject, scope.kind)), policy.evaluation, 'admission').map(
        ratchetKey,
      ),
    );
    const isNew = (f: Finding): boolean => !before.has(ratchetKey(f));
    ratcheted = [...deny, ...warn].filter((f) => !isNew(f));
    deny = deny.filter(isNew);
    warn = warn.filter(isNew);
  }
  const allowed = deny.length === 0;
  const warnings = formatWarnings(warn.map(formatFindingWarning));
  const ids = (list: Finding[]): string[] => list.map((f) => f.ruleId);
  const auditAnnotations: Record<string, string> = { decision: allowed ? 'allowed' : 'denied' };
  if (deny.length > 0) auditAnnotations['denied-rules'] = uniqueIds(ids(deny)).join(',');
  if (warn.length > 0) auditAnnotations['warned-rules'] = uniqueIds(ids(warn)).join(',');
  if (ratcheted.length > 0) auditAnnotations['ratcheted-rules'] = uniqueIds(ids(ratcheted)).join(',');
  return {
    response: {
      uid: request.uid,
      allowed,
      ...(allowed ? {} : { status: toDenialStatus(view, request.name || view.name || '', deny, policy.remediations) }),
      ...(warnings.length > 0 ? { warnings } : {}),
      auditAnnotations,
    },
    outcome: allowed ? 'allowed' : 'denied',
    denied: ids(deny),
    warned: ids(warn),
    info: ids(info),
    ratcheted: ids(ratcheted),
    defaulted: [],
  };
}
