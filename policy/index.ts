/**
 * The public surface of the rule engine, for the plugin and the webhook. Not here: parsePolicy
 * (validate-policy.ts), which loads ajv; edge/policy-file.ts imports it on first use, so that a
 * run without a policy file never loads the schema validator.
 */
export { evaluate, type EvaluationStage, internalErrorFinding } from './engine.ts';
export { resolvePolicy, PolicyError, type ResolvedPolicy } from './config.ts';
export { isJobKind, toJobView, type JobKind, type JobView } from './job-view.ts';
export { RULES } from './rules/index.ts';
export type { Finding, Severity, Origin } from './finding.ts';
export { isApiServerRejection } from './finding.ts';
export type { Rule, RuleCel, RuleDefaultCel, RuleWithoutCel } from './rule.ts';
export { suppressedRuleIds } from './suppression.ts';
export { type RuleContext } from './rule.ts';
export { defaultPolicyDocument, loadDefaultPolicy } from './default-policy.ts';
export {
  type AdmissionSettings,
  type Mode,
  NO_ADMISSION_SETTINGS,
  overrideResolver,
  withOverrides,
} from './admission-settings.ts';
export {
  type AdmissionSubject,
  defaultsApplyTo,
  type Exemption,
  exemptionOf,
  matchedOverrides,
} from './admission-scope.ts';
export {
  FIELD_IGNORED,
  FIELD_NOT_SERVED,
  fieldKeptAt,
  judgeAtVersion,
  KUBE_VERSION_FINDINGS,
  ruleAppliesAt,
  withKubeVersion,
} from './kube-version.ts';
export {
  type AdmissionDefault,
  type AdmissionPolicy,
  policyInNamespace,
  toAdmissionPolicy,
} from './admission-policy.ts';
export { admissionFindings, type AdmissionFindings, modeOf, ratchetKey } from './admission-findings.ts';
export { applyDefaults, type AppliedDefaults, type DefaultChange, type DefaultFailure } from './apply-defaults.ts';
export { ADMITTED, toAdmissionObject, toEngineObject } from './admission-object.ts';
