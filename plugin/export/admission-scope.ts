// What every exported policy shares with the webhook's registration (manifests/base): the
// resources it judges, the objects it skips, the namespaces the policy exempts, and the variables
// through which a rule reads a Job spec the same way for a Job and a CronJob.
import type { JsonObject } from '../../kubernetes/index.ts';

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

/** The policy's exempt namespaces, as a binding's namespaceSelector (absent when none). */
export function bindingMatchResources(exemptNamespaces: ReadonlySet<string>): JsonObject | undefined {
  if (exemptNamespaces.size === 0) return undefined;
  return {
    namespaceSelector: {
      matchExpressions: [
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [...exemptNamespaces].sort() },
      ],
    },
  };
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
