export { validatePodTemplateSpec } from './pod-template.ts';
export { type PodWarning, podTemplateWarnings } from './pod-warnings.ts';
