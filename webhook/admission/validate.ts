import { admissionFindings, toAdmissionObject, type AdmissionPolicy, type Finding } from '../../policy/index.ts';
import { isObject } from '../../kubernetes/index.ts';
import { malformedDecision, skippedDecision, uniqueIds, type Decision } from './decision.ts';
import { toDenialStatus } from './denial.ts';
import type { AdmissionRequest } from './review.ts';
import { toScope } from './scope.ts';
import { formatFindingWarning, formatWarnings, formatWouldDenyWarning } from './warnings.ts';

/**
 * The validating webhook: evaluates the object (already defaulted and prepared by the API server,
 * and mutated by the mutating webhooks) at stage `admission`. Deny-level findings deny with a 422
 * naming every one; warn-level findings become warnings; info-level ones are only counted.
 * A deny-level finding whose rule (or policy, or namespace override) is in mode `warn` becomes a
 * warning instead, in mode `audit` an audit annotation (`audited-rules`) and a metric only.
 *
 * UPDATE ratchet and modes (policy/admission-findings.ts, shared with `kubectl job-x audit`): a finding the
 * old object already had (same rule, same field path) neither denies nor warns. On Jobs the lists
 * whose items could move (podFailurePolicy, successPolicy, the pod template) are immutable anyway,
 * on CronJobs the whole jobTemplate is mutable.
 */
export function validate(request: AdmissionRequest, policy: AdmissionPolicy): Decision {
  const scope = toScope(request, policy);
  if (!scope.in)
    return 'skip' in scope ? skippedDecision(request.uid, scope.skip) : malformedDecision(request.uid, scope.malformed);
  const { policy: effective } = scope;
  // Decoded only when the ratchet needs it: the new object has a finding that denies or warns.
  const { oldObject } = request;
  const old =
    scope.operation === 'UPDATE' && isObject(oldObject) ? () => toAdmissionObject(oldObject, scope.kind) : undefined;
  const judged = admissionFindings(scope.object, effective, old);
  const { view, deny, wouldDeny, audited, info, ratcheted } = judged;
  const allowed = deny.length === 0;
  const warnings = formatWarnings([...wouldDeny.map(formatWouldDenyWarning), ...judged.warn.map(formatFindingWarning)]);
  const warn = [...wouldDeny, ...judged.warn];
  const ids = (list: readonly Finding[]): string[] => list.map((f) => f.ruleId);
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
