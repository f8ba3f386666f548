/** The public surface of the rule engine, for the plugin and the webhook. */
export { evaluate, type EvaluationStage } from './engine.js';
export { resolvePolicy, PolicyError, type ResolvedPolicy } from './config.js';
export { isJobKind, toJobView, type JobView } from './job-view.js';
export { RULES } from './rules/index.js';
export type { Finding, Severity, Origin } from './finding.js';
export { isApiServerRejection } from './finding.js';
export type { Rule } from './rule.js';
