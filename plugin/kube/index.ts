export { addKubeFlags, type KubeFlags } from './flags.ts';
export { KubeError } from './errors.ts';
export { type KubeClient } from './client.ts';
export { parseKubectlDuration } from './duration.ts';
export { KubeApiError, KubeForbiddenError, KubeNotFoundError } from './errors.ts';
export { type BatchPlural, fetchConfigMapData, listBatchObjects } from './list-batch-objects.ts';
export { fetchNamespaceLabels } from './namespace-labels.ts';
export { type ResolvedJob } from './fetch-job.ts';
