export { addKubeFlags, type KubeFlags } from './flags.ts';
export { KubeError } from './errors.ts';
export { type KubeClient } from './client.ts';
export { parseKubectlDuration } from './duration.ts';
