export { validatePodTemplateSpec } from './pod-template.ts';
