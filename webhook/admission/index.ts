// Prepared below both executables (policy/), since `kubectl job-x audit` reads the same decisions.
export { type AdmissionPolicy, toAdmissionPolicy } from '../../policy/index.ts';
export { type Decision, uniqueIds } from './decision.ts';
export { type AdmissionEndpoint, handleAdmission, type NamespaceLabels } from './handle.ts';
export { type AdmissionRequest, toErrorStatus } from './review.ts';
export { type TooManyValues } from './too-many-values.ts';
