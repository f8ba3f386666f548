// The words of the diagnosis: the decision (plugin/diagnose/decision.ts) as sentences.
export { sayDiagnosis } from './say-diagnosis.ts';
