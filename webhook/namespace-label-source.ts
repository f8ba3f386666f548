import type { ResolvedPolicy } from '../policy/index.ts';
import type { WebhookOptions } from './program.ts';
import { KubeConnectionError, NamespaceLabelWatch, toKubeConnection, type Logger } from './server/index.ts';

export interface NamespaceLabelSource {
  readonly get: (namespace: string) => Readonly<Record<string, string>> | undefined;
  /** Starts the watch of namespaces once a policy needs namespace labels (never stops it before exit). */
  ensure(policy: ResolvedPolicy): void;
  stop(): void;
}

/**
 * Namespace labels for the policy's namespaceSelector and overrides, from a watch of namespaces
 * started only for a policy that has them (at start-up or after a reload): a webhook whose
 * policy needs no labels makes no call to the API server and needs no RBAC.
 */
export function namespaceLabelSource(options: WebhookOptions, logger: Logger): NamespaceLabelSource {
  let watch: NamespaceLabelWatch | undefined;
  return {
    get: (namespace) => watch?.get(namespace),
    ensure(policy) {
      if (watch || !policy.admission.needsNamespaceLabels) return;
      let connection;
      try {
        connection = toKubeConnection(options.kubeconfig);
      } catch (error) {
        const message = error instanceof KubeConnectionError ? error.message : (error as Error).message;
        logger.error('cannot watch namespaces: namespace selectors and overrides see no labels', { error: message });
        return;
      }
      watch = new NamespaceLabelWatch(connection, {
        synced: (count) => logger.info('namespaces listed', { count }),
        failed: (message) => logger.warn('namespace watch failed; retrying', { error: message }),
      });
      watch.start();
    },
    stop: () => watch?.stop(),
  };
}
