// What a failed request means to the user: the API server's answer (a Status with its code), or
// the absence of one (refused, unresolvable, reset, TLS), turned into the typed errors of
// errors.ts with a message that names the server, the context and what to check.
import {
  KubeApiError,
  KubeForbiddenError,
  KubeNotFoundError,
  KubeUnauthorizedError,
  KubeUnreachableError,
  type KubeStatus,
} from './errors.ts';
import type { ResolvedKubeConfig } from './kubeconfig.ts';

/** The request a message names (`GET /api/v1/...`). */
export const describeRequest = (path: string): string => `GET ${path}`;

/** An answer other than 2xx. */
export function statusError(
  status: number,
  body: string,
  path: string,
  server: string,
  config: ResolvedKubeConfig,
): Error {
  const parsed = tryParseStatus(body);
  if (status === 401) return new KubeUnauthorizedError(server, config.user.name || null);
  if (status === 403) return forbiddenError(parsed, path, namespaceOf(path));
  if (status === 404 && parsed?.details?.kind) {
    const { kind, group, name } = parsed.details;
    return new KubeNotFoundError({
      resource: group ? `${kind}.${group}` : kind,
      name: name ?? '',
      namespace: namespaceOf(path),
    });
  }
  return new KubeApiError(status, parsed, describeRequest(path), server);
}

function namespaceOf(path: string): string | null {
  return /\/namespaces\/([^/]+)\//.exec(path)?.[1] ?? null;
}

/** No answer: the socket's error code in words, with the server, the context and any proxy. */
export function networkError(error: NodeJS.ErrnoException, server: string, config: ResolvedKubeConfig): Error {
  const code = error.code;
  const proxy = config.cluster.proxyUrl ? ` through the proxy ${config.cluster.proxyUrl}` : '';
  const context = `${config.contextName ? ` (context "${config.contextName}")` : ''}${proxy}`;
  switch (code) {
    case 'ECONNREFUSED':
      return new KubeUnreachableError(
        server,
        `cannot connect to the cluster at ${server}${context}: connection refused. Is the API server running, and is this the right context?`,
        code,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new KubeUnreachableError(
        server,
        `cannot resolve the host of ${server}${context} (${code}): check the server URL in the kubeconfig, and your DNS or VPN`,
        code,
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return new KubeUnreachableError(
        server,
        `the connection to ${server}${context} was closed before the answer (${code}); is it a Kubernetes API server?`,
        code,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new KubeUnreachableError(
        server,
        `cannot reach the cluster at ${server}${context}: ${code === 'ETIMEDOUT' ? 'the connection timed out' : 'no route to the host'} (${code})`,
        code,
      );
  }
  if (code && (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO|ISSUER/.test(code) || code === 'EPROTO')) {
    return new KubeUnreachableError(
      server,
      `TLS with ${server}${context} failed: ${error.message} (${code}). Check the cluster's certificate-authority (or tls-server-name) in the kubeconfig.`,
      code,
    );
  }
  return new KubeUnreachableError(
    server,
    `cannot talk to the cluster at ${server}${context}: ${error.message}${code ? ` (${code})` : ''}`,
    code,
  );
}

/** A 2xx answer whose body is not JSON: the server URL is probably not an API server. */
export function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new KubeApiError(
      200,
      null,
      what,
      'the server (its answer is not JSON: is the server URL a Kubernetes API server?)',
    );
  }
}

function tryParseStatus(body: string): KubeStatus | null {
  try {
    const parsed = JSON.parse(body) as KubeStatus;
    return parsed && typeof parsed === 'object' && parsed.kind === 'Status' ? parsed : null;
  } catch {
    return null;
  }
}

const FORBIDDEN =
  /^(?:.*? is forbidden: )?User "([^"]*)" cannot (\S+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/;

/** 403: who may not do what, from the RBAC message; from the request when the message has another form. */
function forbiddenError(status: KubeStatus | null, path: string, namespace: string | null): KubeForbiddenError {
  const match = status?.message ? FORBIDDEN.exec(status.message) : null;
  if (match) {
    const [, user, verb, resource, group, ns] = match;
    return new KubeForbiddenError({
      user: user ?? null,
      verb: verb!,
      resource: group ? `${resource}.${group}` : resource!,
      namespace: ns ?? null,
    });
  }
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  const nsIndex = segments.indexOf('namespaces');
  const rest = nsIndex >= 0 ? segments.slice(nsIndex + 2) : segments.slice(segments[0] === 'api' ? 2 : 3);
  const resource = rest.length === 3 ? `${rest[0]}/${rest[2]}` : (rest[0] ?? path);
  return new KubeForbiddenError({
    user: null,
    verb: rest.length === 1 ? 'list' : 'get',
    resource,
    namespace,
    serverMessage: status?.message,
  });
}
