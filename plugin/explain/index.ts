export { type ExplainFinding, type ExplainOutput, type Explanation } from './explanation.ts';
export { EFFECTIVE_FIELDS } from './effective-spec.ts';
