import { describeError } from '../../kubernetes/index.ts';
import { defaultsApplyTo, suppressedRuleIds, toJobView } from '../../policy/index.ts';
import { cloneDecoded } from '../../kubernetes/index.ts';
import type { AdmissionPolicy } from './admission-policy.ts';
import { malformedDecision, skippedDecision, uniqueIds, type Decision } from './decision.ts';
import { toJsonPatch } from './json-patch.ts';
import type { AdmissionRequest } from './review.ts';
import { ADMITTED, toEngineObject, toScope } from './scope.ts';
import { formatDefaultWarning, formatWarnings } from './warnings.ts';

/**
 * The mutating webhook: applies each default of the policy (`policy.defaults`, in order) to a copy
 * of the object and answers with the JSON patch from the object it was sent to the result, plus one
 * warning per change. The object has already been defaulted by the API server, and the defaults
 * only fill fields that are unset, so a second pass over the patched object changes nothing.
 *
 * CREATE only: on UPDATE a Job's template is immutable and filling a field the owner cleared on
 * purpose would fight them. A default whose rule the object suppresses (`ignore.job-x.dev/<id>`
 * with a reason, where the policy allows suppressions) is not applied: the owner said no.
 * A default that throws is left out (its half-made changes with it) and reported as a warning;
 * the mutating webhook fails open, the validating webhook still judges the final object.
 */
export function mutate(request: AdmissionRequest, policy: AdmissionPolicy): Decision {
  const scope = toScope(request, policy);
  if (!scope.in)
    return 'skip' in scope ? skippedDecision(request.uid, scope.skip) : malformedDecision(request.uid, scope.malformed);
  if (scope.operation !== 'CREATE') return skippedDecision(request.uid, 'operation');
  const { policy: effective } = scope;
  // Owner-aware: a Job its controller owner manages gets no defaults (policy/admission-scope.ts).
  if (!defaultsApplyTo(effective.settings, scope.object)) return skippedDecision(request.uid, 'controller-owned');
  // The patch is the diff from `base`: it shares every member with the request object except
  // metadata.managedFields and status, which no default touches, so paths and values are the request's.
  const base = toEngineObject(scope.object, scope.kind);
  let view = toJobView(base, ADMITTED);
  const suppressed = effective.allowSuppressions ? suppressedRuleIds(view) : new Set<string>();
  // Each default works on a copy of the current draft, so `base` is never changed.
  let draft = base;
  const defaulted: string[] = [];
  const warnings: string[] = [];
  for (const { rule, context } of effective.defaults) {
    if ((rule.kinds && !rule.kinds.includes(view.kind)) || suppressed.has(rule.id)) continue;
    const attempt = cloneDecoded(draft);
    let changes: string[];
    try {
      changes = rule.applyDefault!(attempt, view, context);
    } catch (error) {
      warnings.push(
        formatDefaultWarning(
          rule.id,
          `default not applied: the rule failed on this object (${describeError(error)}); please report this`,
        ),
      );
      continue;
    }
    if (changes.length === 0) continue;
    draft = attempt;
    view = toJobView(draft, ADMITTED);
    for (const change of changes) {
      defaulted.push(rule.id);
      warnings.push(formatDefaultWarning(rule.id, change));
    }
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
