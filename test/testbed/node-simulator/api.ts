// The API calls the simulator makes, in one place, with the conventions the real kubelet and
// scheduler follow.
import {
  ApiException,
  CoreV1Api,
  EventsV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Pod,
  type V1PodStatus,
} from '@kubernetes/client-node';

export interface Api {
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  events: EventsV1Api;
}

export function connect(kubeconfigPath: string): Api {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  return { kubeConfig, core: kubeConfig.makeApiClient(CoreV1Api), events: kubeConfig.makeApiClient(EventsV1Api) };
}

export const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export function httpStatus(err: unknown): number | undefined {
  return err instanceof ApiException ? err.code : undefined;
}

export function describeError(err: unknown): string {
  if (err instanceof ApiException) {
    const body = typeof err.body === 'string' ? err.body : JSON.stringify(err.body);
    try {
      const status = JSON.parse(body) as { message?: string };
      if (status.message) return `HTTP ${err.code}: ${status.message}`;
    } catch {
      // not a Status object: fall through
    }
    return `HTTP ${err.code}: ${body.slice(0, 300)}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Writes a pod's status through the status subresource as a JSON merge patch that carries the
 * resourceVersion it was computed from: the API server answers 409 if someone (the Job controller
 * removing its finalizer, the eviction API adding DisruptionTarget) changed the pod meanwhile, and
 * the caller recomputes from a fresh read. A merge patch, not a PUT, so that status fields this
 * client library does not model are never wiped.
 */
export async function patchPodStatus(api: Api, pod: V1Pod, status: V1PodStatus): Promise<V1Pod> {
  return api.core.patchNamespacedPodStatus(
    {
      name: pod.metadata!.name!,
      namespace: pod.metadata!.namespace!,
      body: { metadata: { resourceVersion: pod.metadata!.resourceVersion }, status },
    },
    mergePatch,
  );
}

export async function readPod(api: Api, pod: V1Pod): Promise<V1Pod | undefined> {
  try {
    const fresh = await api.core.readNamespacedPod({ name: pod.metadata!.name!, namespace: pod.metadata!.namespace! });
    return fresh.metadata?.uid === pod.metadata?.uid ? fresh : undefined;
  } catch (err) {
    if (httpStatus(err) === 404) return undefined;
    throw err;
  }
}
