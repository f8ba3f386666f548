// The strategic merge patch diagnose's suggestions and re-create manifests use: the production
// one (kubernetes/strategic-merge-patch.ts); the e2e suggestion tests check it against kubectl patch.
export { applyStrategicMergePatch } from '../../kubernetes/strategic-merge-patch.ts';
