import { describeError } from '../../kubernetes/index.ts';
import { applyDefaults, type AdmissionPolicy } from '../../policy/index.ts';
import { malformedDecision, skippedDecision, uniqueIds, type Decision } from './decision.ts';
import { toJsonPatch } from './json-patch.ts';
import type { AdmissionRequest } from './review.ts';
import { toScope } from './scope.ts';
import { formatDefaultWarning, formatWarnings } from './warnings.ts';

/**
 * The mutating webhook: applies each default of the policy (policy/apply-defaults.ts, shared with
 * `kubectl job-x audit`) to a copy of the object and answers with the JSON patch from the object
 * it was sent to the result, plus one warning per change. The object has already been defaulted by
 * the API server, and the defaults only fill fields that are unset, so a second pass over the
 * patched object changes nothing.
 *
 * CREATE only: on UPDATE a Job's template is immutable and filling a field the owner cleared on
 * purpose would fight them. A default that throws is left out and reported as a warning; the
 * mutating webhook fails open, the validating webhook still judges the final object.
 */
export function mutate(request: AdmissionRequest, policy: AdmissionPolicy): Decision {
  const scope = toScope(request, policy);
  if (!scope.in)
    return 'skip' in scope ? skippedDecision(request.uid, scope.skip) : malformedDecision(request.uid, scope.malformed);
  if (scope.operation !== 'CREATE') return skippedDecision(request.uid, 'operation');
  const { policy: effective } = scope;
  // The patch is the diff from `base`, a copy of the request object without metadata.managedFields
  // and status, which no default touches (toAdmissionObject): paths and values are the request's.
  const base = scope.object;
  const { draft, steps, controllerOwned } = applyDefaults(base, effective);
  // Owner-aware: a Job its controller owner manages gets no defaults (policy/admission-scope.ts).
  if (controllerOwned) return skippedDecision(request.uid, 'controller-owned');
  const defaulted: string[] = [];
  const warnings: string[] = [];
  for (const step of steps) {
    if ('error' in step) {
      warnings.push(
        formatDefaultWarning(
          step.ruleId,
          `default not applied: the rule failed on this object (${describeError(step.error)}); please report this`,
        ),
      );
      continue;
    }
    defaulted.push(step.ruleId);
    warnings.push(formatDefaultWarning(step.ruleId, step.change));
  }
  const patch = toJsonPatch(base, draft);
  const response = {
    uid: request.uid,
    allowed: true,
    ...(patch.length > 0
      ? { patch: Buffer.from(JSON.stringify(patch)).toString('base64'), patchType: 'JSONPatch' as const }
      : {}),
    ...(warnings.length > 0 ? { warnings: formatWarnings(warnings) } : {}),
    ...(defaulted.length > 0 ? { auditAnnotations: { 'defaulted-rules': uniqueIds(defaulted).join(',') } } : {}),
  };
  return {
    response,
    outcome: patch.length > 0 ? 'patched' : 'allowed',
    denied: [],
    warned: [],
    info: [],
    ratcheted: [],
    audited: [],
    defaulted,
  };
}
