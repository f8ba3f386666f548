// How requests reach the API server: the agent (TLS material, keep-alive, proxy) and the headers
// that carry the credentials of the resolved kubeconfig user. node:http(s) does it for the usual
// cases (token, token file, exec plugin, client certificate, basic auth); client-node is loaded
// only for what it does that this file does not: proxy agents (proxy-url, HTTPS_PROXY) and legacy
// auth-provider plugins (oidc, ...). node:http(s) and node:zlib are loaded here, when a command
// first talks to a cluster, not at start-up: together they were a sixth of the start-up of a run
// that never does (lint).
import type http from 'node:http';
import type https from 'node:https';
import { readFileSync } from 'node:fs';
import type { Transform } from 'node:stream';
import { ConfigError } from '../../edge/index.ts';
import { describeError } from '../../kubernetes/index.ts';
import { runExecCredentialPlugin, type ExecIo } from './exec-credential.ts';
import { loadClientNode } from './load-client-node.ts';
import type { KubeCluster, KubeUser, ResolvedKubeConfig } from './kubeconfig.ts';

export interface Transport {
  agent: http.Agent;
  /** node:http's or node:https's request, as the server's scheme needs. */
  request: typeof https.request;
  /** Decompresses a gzip-encoded answer as it arrives. */
  createGunzip: () => Transform;
  headers: Record<string, string>;
  /** Basic auth "user:password". */
  auth?: string;
  close(): void;
}

/** The agent and headers for the kubeconfig's cluster and user; runs an exec plugin first when the user has one. */
export async function createTransport(config: ResolvedKubeConfig, io: ExecIo): Promise<Transport> {
  let user = config.user;
  if (user.exec) {
    const credential = await runExecCredentialPlugin(user.exec, config.cluster, user.name, io);
    user = {
      ...user,
      exec: undefined,
      token: credential.token ?? user.token,
      ...(credential.clientCertificateData
        ? { certData: b64(credential.clientCertificateData), certFile: undefined }
        : {}),
      ...(credential.clientKeyData ? { keyData: b64(credential.clientKeyData), keyFile: undefined } : {}),
    };
  }
  if (user.tokenFile && !user.token)
    user = {
      ...user,
      token: readConfigFile(user.tokenFile, `tokenFile of user "${user.name}"`).toString('utf8').trim(),
    };
  const plain = config.cluster.server.startsWith('http:');
  const [lib, { createGunzip }] = await Promise.all([
    plain ? import('node:http') : import('node:https'),
    import('node:zlib'),
  ]);
  const wire = { request: lib.request, createGunzip };
  if (config.cluster.proxyUrl || user.authProvider)
    return { ...(await clientNodeTransport(config.cluster, user)), ...wire };

  const cluster = config.cluster;
  const headers: Record<string, string> = {};
  if (user.token) headers.Authorization = `Bearer ${user.token}`;
  if (user.impersonateUser) headers['Impersonate-User'] = user.impersonateUser;
  const auth = user.username ? `${user.username}:${user.password ?? ''}` : undefined;
  if (plain) {
    const agent = new lib.Agent({ keepAlive: true });
    return { ...wire, agent, headers, auth, close: () => agent.destroy() };
  }
  const agent = new (lib as typeof https).Agent({
    keepAlive: true,
    ca: pem(cluster.caFile, cluster.caData, `certificate-authority of cluster "${cluster.name}"`),
    cert: pem(user.certFile, user.certData, `client-certificate of user "${user.name}"`),
    key: pem(user.keyFile, user.keyData, `client-key of user "${user.name}"`),
    rejectUnauthorized: !cluster.skipTLSVerify,
    servername: cluster.tlsServerName,
  });
  return { ...wire, agent, headers, auth, close: () => agent.destroy() };
}

/** Proxies and auth-provider plugins: client-node's KubeConfig builds the agent and headers. */
async function clientNodeTransport(
  cluster: KubeCluster,
  user: KubeUser,
): Promise<Omit<Transport, 'request' | 'createGunzip'>> {
  const { KubeConfig } = await loadClientNode();
  const kubeConfig = new KubeConfig();
  // client-node refuses http:// servers unless TLS verification is "skipped" (there is no TLS).
  const forClientNode = cluster.server.startsWith('http:') ? { ...cluster, skipTLSVerify: true } : cluster;
  kubeConfig.loadFromOptions({
    clusters: [forClientNode],
    users: [{ ...user, exec: undefined, tokenFile: undefined }],
    contexts: [{ name: 'job-x', cluster: cluster.name, user: user.name }],
    currentContext: 'job-x',
  });
  const options: https.RequestOptions = {};
  try {
    await kubeConfig.applyToHTTPSOptions(options);
  } catch (error) {
    throw new ConfigError(`cannot set up the connection to ${cluster.server}: ${(error as Error).message}`);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {}))
    if (value !== undefined) headers[key] = String(value);
  const agent = options.agent as http.Agent;
  return {
    agent,
    headers,
    auth: typeof options.auth === 'string' ? options.auth : undefined,
    close: () => agent.destroy(),
  };
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function readConfigFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(
      `cannot read ${what} (${file}): ${(error as NodeJS.ErrnoException).code ?? describeError(error)}`,
    );
  }
}

function pem(file: string | undefined, base64: string | undefined, what: string): Buffer | undefined {
  if (file) return readConfigFile(file, what);
  if (base64) return Buffer.from(base64, 'base64');
  return undefined;
}
