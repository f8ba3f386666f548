// What every exported policy shares with the webhook's registration (manifests/base): the
// resources it judges, the objects it skips, the namespaces the policy exempts, and the variables
// through which a rule reads a Job spec the same way for a Job and a CronJob.
import type { JsonObject } from '../../kubernetes/index.ts';
import type { AdmissionSettings } from '../../policy/index.ts';

export const API_VERSION = 'admissionregistration.k8s.io/v1';

/** batch/v1 Jobs and CronJobs (per the rule's kinds), themselves, not a subresource such as status. */
export function matchConstraints(kinds: readonly ('Job' | 'CronJob')[], operations: readonly string[]): JsonObject {
  return {
    matchPolicy: 'Equivalent',
    resourceRules: [
      {
        apiGroups: ['batch'],
        apiVersions: ['v1'],
        operations: [...operations],
        resources: kinds.map((kind) => (kind === 'Job' ? 'jobs' : 'cronjobs')),
        scope: 'Namespaced',
      },
    ],
  };
}

/** As the webhook: an object being deleted only loses finalizers; deleting never depends on policy. */
export const NOT_BEING_DELETED = { name: 'not-being-deleted', expression: '!has(object.metadata.deletionTimestamp)' };

/**
 * The policy's scope as a binding's matchResources (absent when the policy has none): its exempt
 * namespaces and its namespaceSelector together (both must hold), and its objectSelector, which
 * the API server matches against the new and the old object as the webhook does.
 */
export function bindingMatchResources(
  exemptNamespaces: ReadonlySet<string>,
  settings: AdmissionSettings,
): JsonObject | undefined {
  const selector = settings.namespaceSelector ?? {};
  const matchExpressions = [
    ...(exemptNamespaces.size > 0
      ? [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [...exemptNamespaces].sort() }]
      : []),
    ...((selector.matchExpressions as JsonObject[] | undefined) ?? []),
  ];
  const namespaceSelector = {
    ...(selector.matchLabels ? { matchLabels: selector.matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
  const out: JsonObject = {
    ...(Object.keys(namespaceSelector).length > 0 ? { namespaceSelector } : {}),
    ...(settings.objectSelector ? { objectSelector: settings.objectSelector } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The policy's exempt users and groups (request.userInfo), as matchConditions: they are left alone. */
export function userMatchConditions(settings: AdmissionSettings): JsonObject[] {
  const list = (values: ReadonlySet<string>): string =>
    `[${[...values]
      .sort()
      .map((v) => JSON.stringify(v))
      .join(', ')}]`;
  return [
    ...(settings.exemptUsers.size > 0
      ? [{ name: 'not-an-exempt-user', expression: `!(request.userInfo.username in ${list(settings.exemptUsers)})` }]
      : []),
    ...(settings.exemptGroups.size > 0
      ? [
          {
            name: 'not-in-an-exempt-group',
            expression: `!request.userInfo.?groups.orValue([]).exists(g, g in ${list(settings.exemptGroups)})`,
          },
        ]
      : []),
  ];
}

/**
 * Owner-aware defaults (policy/admission-scope.ts defaultsApplyTo), as CEL: an object whose
 * controller owner is of a kind the policy does not list gets no default.
 */
export function defaultsApplyCel(settings: AdmissionSettings): string {
  const kinds = [...settings.defaultOwnerKinds].sort().map((k) => JSON.stringify(k));
  const controllers = 'object.metadata.?ownerReferences.orValue([]).filter(r, r.?controller.orValue(false) == true)';
  return `(${controllers}.size() == 0 || ${controllers}[0].?kind.orValue('') in [${kinds.join(', ')}])`;
}

/**
 * The Job spec, as policy/job-view.ts reads it: `spec` of a Job, `spec.jobTemplate.spec` of a
 * CronJob (after the API server's defaulting, as the webhook sees it), its field path and its JSON
 * pointer, and the same spec of the old object on UPDATE (null on CREATE).
 */
export const SPEC_VARIABLES = [
  { name: 'isJob', expression: "request.kind.kind == 'Job'" },
  { name: 'spec', expression: 'variables.isJob ? object.spec : object.spec.jobTemplate.spec' },
  { name: 'specPath', expression: "variables.isJob ? 'spec' : 'spec.jobTemplate.spec'" },
  { name: 'specPointer', expression: "variables.isJob ? '/spec' : '/spec/jobTemplate/spec'" },
  {
    name: 'oldSpec',
    expression: 'oldObject == null ? null : (variables.isJob ? oldObject.spec : oldObject.spec.jobTemplate.spec)',
  },
] as const;

/** CEL: whether `object` suppresses the rule with a reason (policy/suppression.ts). */
export function suppressedBy(object: string, ruleId: string): string {
  return `${object}.metadata.?annotations[?${JSON.stringify(`ignore.job-x.dev/${ruleId}`)}].orValue('').trim() != ''`;
}

/** CEL: whether the request's kind is one the rule reads. */
export function kindMatches(kinds: readonly ('Job' | 'CronJob')[] | undefined): string {
  if (!kinds || kinds.length === 2) return 'true';
  return kinds[0] === 'Job' ? 'variables.isJob' : '!variables.isJob';
}
