import { readFileSync } from 'node:fs';
import { yamlPackage } from '../../edge/index.ts';
import { isObject, obj, str } from '../../kubernetes/index.ts';

/** Where and how the webhook talks to the API server (for its watch of namespaces). */
export interface KubeConnection {
  readonly server: string;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly token?: string;
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** A connection that cannot be made; the message names what is missing. */
export class KubeConnectionError extends Error {
  override name = 'KubeConnectionError';
}

const dataOrFile = (from: unknown, key: string): Buffer | undefined => {
  const data = str(from, `${key}-data`);
  if (data) return Buffer.from(data, 'base64');
  const file = str(from, key);
  return file ? readFileSync(file) : undefined;
};

/**
 * In the cluster: the pod's service account (KUBERNETES_SERVICE_HOST, its token and CA), as
 * rest.InClusterConfig does. With --kubeconfig (the testbed runs the webhook outside the cluster):
 * the current context's server, CA, and client certificate or token. Exec plugins and auth
 * providers are not supported: a webhook's identity is a service account or a certificate.
 */
export function toKubeConnection(kubeconfig: string | undefined): KubeConnection {
  if (kubeconfig === undefined) {
    const host = process.env.KUBERNETES_SERVICE_HOST;
    const port = process.env.KUBERNETES_SERVICE_PORT ?? '443';
    if (!host)
      throw new KubeConnectionError(
        'not in a cluster (no KUBERNETES_SERVICE_HOST) and no --kubeconfig: cannot watch namespaces',
      );
    return {
      server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
      ca: readFileSync(`${SERVICE_ACCOUNT}/ca.crt`),
      token: readFileSync(`${SERVICE_ACCOUNT}/token`, 'utf8').trim(),
    };
  }
  const config: unknown = yamlPackage().parse(readFileSync(kubeconfig, 'utf8'));
  const named = (list: string, name: string | undefined): unknown => {
    const items = isObject(config) && Array.isArray(config[list]) ? (config[list] as unknown[]) : [];
    return items.find((item) => isObject(item) && item.name === name);
  };
  const contextName = str(config, 'current-context');
  const context = obj(named('contexts', contextName), 'context');
  const cluster = obj(named('clusters', str(context, 'cluster')), 'cluster');
  const user = obj(named('users', str(context, 'user')), 'user');
  const server = str(cluster, 'server');
  if (!server) throw new KubeConnectionError(`${kubeconfig}: the current context names no cluster server`);
  const token = str(user, 'token');
  return {
    server,
    ca: dataOrFile(cluster, 'certificate-authority'),
    cert: dataOrFile(user, 'client-certificate'),
    key: dataOrFile(user, 'client-key'),
    ...(token ? { token } : {}),
  };
}
