export { type AdmissionPolicy, toAdmissionPolicy } from './admission-policy.ts';
export { type Decision, uniqueIds } from './decision.ts';
export { type AdmissionEndpoint, handleAdmission, type NamespaceLabels } from './handle.ts';
export { type AdmissionRequest, toErrorStatus } from './review.ts';
export { type TooManyValues } from './too-many-values.ts';
