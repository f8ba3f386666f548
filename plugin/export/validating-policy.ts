// One ValidatingAdmissionPolicy and its binding for the rules of one level: `deny` rules with
// validationActions [Deny, Audit], `warn` rules with [Warn, Audit] (actions belong to a binding,
// so the two levels need a policy each).
import type { JsonObject } from '../../kubernetes/index.ts';
import type { AdmissionSettings } from '../../policy/index.ts';
import type { ExportableRule, ExportLevel } from './exportable-rules.ts';
import {
  API_VERSION,
  bindingMatchResources,
  kindMatches,
  matchConstraints,
  NOT_BEING_DELETED,
  SPEC_VARIABLES,
  suppressedBy,
  userMatchConditions,
} from './admission-scope.ts';
import { celIdentifier, celString, fillPlaceholders, sideOfRequest } from './cel-text.ts';

const ACTIONS: Record<ExportLevel, string[]> = { deny: ['Deny', 'Audit'], warn: ['Warn', 'Audit'], audit: ['Audit'] };

export interface PolicySettings {
  readonly allowSuppressions: boolean;
  readonly exemptNamespaces: ReadonlySet<string>;
  readonly admission: AdmissionSettings;
}

/**
 * As a CEL string expression: `<paths>: <summary> (job-x rule <id>)` for a denial, as the webhook's
 * causes read; `[<id>] <paths>: <summary>` for a warning, as the webhook's warnings read.
 */
function findingText(variable: string, rule: ExportableRule, level: ExportLevel): string {
  const summary = rule.rule.docs.summary.replace(/\.$/, '');
  const paths = `variables.${variable}.join(', ')`;
  return level === 'deny'
    ? `${paths} + ${celString(`: ${summary} (job-x rule ${rule.rule.id})`)}`
    : `${celString(`[${rule.rule.id}] `)} + ${paths} + ${celString(`: ${summary}`)}`;
}

/**
 * Three variables per rule, so that UPDATE ratchets as the webhook does (a finding is the same
 * finding when rule and field path agree, webhook/admission/validate.ts):
 * - `<id>_now`: the paths the rule reports on the object (none if suppressed or another kind);
 * - `<id>_before`: the same on oldObject (none on CREATE);
 * - `<id>`: the paths of `_now` that `_before` did not have: these deny or warn.
 */
function ruleVariables(rule: ExportableRule, settings: PolicySettings): JsonObject[] {
  const id = celIdentifier(rule.rule.id);
  const kinds = kindMatches(rule.rule.kinds);
  const now = fillPlaceholders(
    rule.cel.paths,
    sideOfRequest('object', settings.allowSuppressions, rule.options),
    rule.rule.id,
  );
  const before = fillPlaceholders(
    rule.cel.paths,
    sideOfRequest('oldObject', settings.allowSuppressions, rule.options),
    rule.rule.id,
  );
  const suppressedNow = settings.allowSuppressions ? ` || ${suppressedBy('object', rule.rule.id)}` : '';
  const suppressedBefore = settings.allowSuppressions ? ` || ${suppressedBy('oldObject', rule.rule.id)}` : '';
  return [
    { name: `${id}_now`, expression: `!(${kinds})${suppressedNow} ? [] : ${now}` },
    { name: `${id}_before`, expression: `oldObject == null || !(${kinds})${suppressedBefore} ? [] : ${before}` },
    { name: id, expression: `variables.${id}_now.filter(p, !(p in variables.${id}_before))` },
  ];
}

export function validatingPolicy(
  name: string,
  level: ExportLevel,
  rules: readonly ExportableRule[],
  settings: PolicySettings,
): JsonObject[] {
  const ids = rules.map((rule) => celIdentifier(rule.rule.id));
  const variables: JsonObject[] = [...SPEC_VARIABLES, ...rules.flatMap((rule) => ruleVariables(rule, settings))];
  // The API server returns only the first denying validation's message, so every deny message is
  // the whole list: the user sees every rule that denied, as in the webhook's 422.
  if (level === 'deny') {
    const parts = rules.map(
      (rule, i) => `(variables.${ids[i]}.size() == 0 ? [] : [${findingText(ids[i]!, rule, level)}])`,
    );
    variables.push({ name: 'denials', expression: `[${parts.join(', ')}].flatten().join('; ')` });
  }
  const validations = rules.map((rule, i) => ({
    expression: `variables.${ids[i]}.size() == 0`,
    messageExpression: level === 'deny' ? 'variables.denials' : findingText(ids[i]!, rule, level),
    reason: 'Invalid',
  }));
  const auditAnnotations = rules.map((rule, i) => ({
    key: rule.rule.id,
    // An empty value publishes nothing (the API server drops blank annotations).
    valueExpression: `variables.${ids[i]}.join(', ')`,
  }));
  const kinds = new Set(rules.flatMap((rule) => rule.rule.kinds ?? (['Job', 'CronJob'] as const)));
  const matchResources = bindingMatchResources(settings.exemptNamespaces, settings.admission);
  return [
    {
      apiVersion: API_VERSION,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'job-x' } },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: matchConstraints(
          (['Job', 'CronJob'] as const).filter((kind) => kinds.has(kind)),
          ['CREATE', 'UPDATE'],
        ),
        matchConditions: [NOT_BEING_DELETED, ...userMatchConditions(settings.admission)],
        variables,
        validations,
        auditAnnotations,
      },
    },
    {
      apiVersion: API_VERSION,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'job-x' } },
      spec: {
        policyName: name,
        validationActions: ACTIONS[level],
        ...(matchResources ? { matchResources } : {}),
      },
    },
  ];
}
