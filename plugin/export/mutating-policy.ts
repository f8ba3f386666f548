// One MutatingAdmissionPolicy and its binding per default, as the mutating webhook applies it
// (webhook/admission/mutate.ts): on CREATE only, to the kinds the rule reads, not when the object
// suppresses the rule (with a reason, where the policy allows suppressions), and only to objects
// without a controller owner unless the policy lists the owner's kind (owner-aware defaults).
import type { JsonObject } from '../../kubernetes/index.ts';
import {
  API_VERSION,
  bindingMatchResources,
  defaultsApplyCel,
  kindMatches,
  matchConstraints,
  SPEC_VARIABLES,
  suppressedBy,
  userMatchConditions,
} from './admission-scope.ts';
import { fillPlaceholders, sideOfRequest } from './cel-text.ts';
import type { ExportableDefault } from './exportable-rules.ts';
import type { PolicySettings } from './validating-policy.ts';

export function mutatingPolicy(name: string, entry: ExportableDefault, settings: PolicySettings): JsonObject[] {
  const bindings = sideOfRequest('object', settings.allowSuppressions, entry.options);
  const when = fillPlaceholders(entry.cel.when, bindings, entry.rule.id);
  const patch = fillPlaceholders(entry.cel.patch, bindings, entry.rule.id);
  const suppressed = settings.allowSuppressions ? ` && !(${suppressedBy('object', entry.rule.id)})` : '';
  const kinds = entry.rule.kinds ?? (['Job', 'CronJob'] as const);
  const matchResources = bindingMatchResources(settings.exemptNamespaces, settings.admission);
  return [
    {
      apiVersion: API_VERSION,
      kind: 'MutatingAdmissionPolicy',
      metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'job-x' } },
      spec: {
        // The mutating webhook fails open too: a default is a convenience, the validation still judges.
        failurePolicy: 'Ignore',
        reinvocationPolicy: 'IfNeeded',
        matchConstraints: matchConstraints(kinds, ['CREATE']),
        ...(userMatchConditions(settings.admission).length > 0
          ? { matchConditions: userMatchConditions(settings.admission) }
          : {}),
        variables: [...SPEC_VARIABLES.filter((v) => v.name !== 'oldSpec')],
        mutations: [
          {
            patchType: 'JSONPatch',
            // No patch (an empty list) when the default does not apply: matchConditions cannot read variables.
            jsonPatch: {
              expression: `(${kindMatches(entry.rule.kinds)}) && ${defaultsApplyCel(settings.admission)}${suppressed} && (${when}) ? ${patch} : []`,
            },
          },
        ],
      },
    },
    {
      apiVersion: API_VERSION,
      kind: 'MutatingAdmissionPolicyBinding',
      metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'job-x' } },
      spec: { policyName: name, ...(matchResources ? { matchResources } : {}) },
    },
  ];
}
