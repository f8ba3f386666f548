/** The public surface of the rule engine, for the plugin and the webhook. */
export { evaluate, type EvaluationStage, internalErrorFinding } from './engine.ts';
export { resolvePolicy, PolicyError, type ResolvedPolicy } from './config.ts';
export { isJobKind, toJobView, type JobKind, type JobView } from './job-view.ts';
export { RULES } from './rules/index.ts';
export type { Finding, Severity, Origin } from './finding.ts';
export { isApiServerRejection } from './finding.ts';
export type { Rule } from './rule.ts';
export { suppressedRuleIds } from './suppression.ts';
export { type RuleContext } from './rule.ts';
export { parsePolicy } from './validate-policy.ts';
export { type AdmissionDefault, type AdmissionPolicy, toAdmissionPolicy } from './admission-policy.ts';
export { admissionFindings, type AdmissionFindings, ratchetKey } from './admission-findings.ts';
export { applyDefaults, type AppliedDefaults, type DefaultChange, type DefaultFailure } from './apply-defaults.ts';
export { toEngineObject } from './admission-object.ts';
