// A small read-only client for the Kubernetes API that returns the server's JSON untouched.
//
// client-node's API classes deserialize into model classes, which drop fields the models do not
// know and turn times into Date objects (notes/kubectl-plugin-ux.md §4.4); the live views need the
// raw objects. So requests go through node:http(s) here, with the TLS material and credentials of
// the resolved kubeconfig, and client-node is loaded only for what it does that this file does not:
// proxy agents (proxy-url, HTTPS_PROXY) and legacy auth-provider plugins (oidc, ...).
//
// Every request is counted (`requestCount`), asks for gzip like kubectl's transport (except from a
// server on this machine), reads each answer as bytes and decodes it once, and is bounded
// by --request-timeout. Errors come out typed (errors.ts). Set JOBX_KUBE_TRACE=1 to log each
// request on stderr, like `kubectl -v=6`.
import { describeError } from '../../kubernetes/index.ts';
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type * as ClientNode from '@kubernetes/client-node';
import { ConfigError } from '../../edge/index.ts';
import { VERSION } from '../../edge/index.ts';
import {
  KubeApiError,
  KubeForbiddenError,
  KubeNotFoundError,
  KubeTimeoutError,
  KubeUnauthorizedError,
  KubeUnreachableError,
  type KubeStatus,
} from './errors.ts';
import { runExecCredentialPlugin } from './exec-credential.ts';
import { textWithoutManagedFields } from './without-managed-fields.ts';
import { DEFAULT_REQUEST_TIMEOUT, parseRequestTimeout, type KubeFlags } from './flags.ts';
import {
  loadKubeConfig,
  processEnvironment,
  type KubeCluster,
  type KubeConfigEnvironment,
  type KubeUser,
  type ResolvedKubeConfig,
} from './kubeconfig.ts';

export type Query = Record<string, string | number | boolean | undefined>;

export interface KubeResponse<T> {
  body: T;
  /** The server's Date header as RFC 3339 (second precision), or null when it sent none. */
  serverDate: string | null;
}

/** A Kubernetes list (PodList, EventList, ...) as the server sends it. */
export interface RawList<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: { continue?: string; resourceVersion?: string; remainingItemCount?: number };
  items?: T[];
}

export interface ListOptions<T, R> {
  /** Items per request (kubectl's --chunk-size default is 500). */
  pageSize?: number;
  /** Keeps, maps or drops each item as its page arrives (undefined drops), so memory holds only what is kept. */
  keep?: (item: T) => R | undefined;
  /** Accept header (e.g. metadata-only lists). */
  accept?: string;
  /** Cut the items' metadata.managedFields from the answer before it is parsed (without-managed-fields.ts). */
  dropManagedFields?: boolean;
}

export interface KubeClient {
  readonly config: ResolvedKubeConfig;
  /** The API server URL. */
  readonly server: string;
  /** The namespace from -n, the context, or default. */
  readonly namespace: string;
  /** The --request-timeout text as given (for messages). */
  readonly requestTimeout: string;
  /** How many HTTP requests this client has sent. */
  readonly requestCount: number;
  /** GET a JSON object. Throws KubeError subclasses. */
  get<T>(path: string, query?: Query, options?: { accept?: string }): Promise<KubeResponse<T>>;
  /** GET every item of a list, following `continue` tokens. */
  list<T, R = T>(
    path: string,
    query?: Query,
    options?: ListOptions<T, R>,
  ): Promise<{ items: R[]; serverDate: string | null }>;
  /** GET a text resource (pod logs); `timeoutMs` shortens --request-timeout for this request. */
  getText(path: string, query?: Query, options?: { timeoutMs?: number }): Promise<string>;
  /** Closes idle keep-alive connections so the process can end. */
  close(): void;
}

export interface KubeClientIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Whether an exec credential plugin may prompt on standard input. */
  stdinIsTTY: boolean;
  /** Receives one line per request when set (JOBX_KUBE_TRACE=1 sets it to stderr). */
  trace?: (line: string) => void;
  /** Overrides where the kubeconfig is looked for (tests). */
  environment?: KubeConfigEnvironment;
}

export function processClientIo(): KubeClientIo {
  return {
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    trace: process.env.JOBX_KUBE_TRACE ? (line) => process.stderr.write(`job-x: ${line}\n`) : undefined,
  };
}

const JSON_ACCEPT = 'application/json';
const DEFAULT_PAGE_SIZE = 500;
const USER_AGENT = `kubectl-job_x/${VERSION} (${process.platform}/${process.arch}) node/${process.version}`;

/**
 * Resolves the kubeconfig (kubeconfig.ts), obtains credentials (running an exec plugin, which may
 * prompt on the terminal) and returns a client. Throws ConfigError for configuration problems.
 */
export async function createKubeClient(flags: KubeFlags, io: KubeClientIo = processClientIo()): Promise<KubeClient> {
  const timeoutText = flags.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;
  const timeoutMs = parseRequestTimeout(timeoutText);
  const config = loadKubeConfig(flags, io.environment ?? { ...processEnvironment(), env: io.env });
  const transport = await createTransport(config, io);
  return new HttpKubeClient(config, transport, timeoutText, timeoutMs, io.trace);
}

interface Transport {
  agent: http.Agent;
  headers: Record<string, string>;
  /** Basic auth "user:password". */
  auth?: string;
  close(): void;
}

async function createTransport(config: ResolvedKubeConfig, io: KubeClientIo): Promise<Transport> {
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
  if (config.cluster.proxyUrl || user.authProvider) return clientNodeTransport(config.cluster, user);

  const cluster = config.cluster;
  const headers: Record<string, string> = {};
  if (user.token) headers.Authorization = `Bearer ${user.token}`;
  if (user.impersonateUser) headers['Impersonate-User'] = user.impersonateUser;
  const auth = user.username ? `${user.username}:${user.password ?? ''}` : undefined;
  if (cluster.server.startsWith('http:')) {
    const agent = new http.Agent({ keepAlive: true });
    return { agent, headers, auth, close: () => agent.destroy() };
  }
  const agent = new https.Agent({
    keepAlive: true,
    ca: pem(cluster.caFile, cluster.caData, `certificate-authority of cluster "${cluster.name}"`),
    cert: pem(user.certFile, user.certData, `client-certificate of user "${user.name}"`),
    key: pem(user.keyFile, user.keyData, `client-key of user "${user.name}"`),
    rejectUnauthorized: !cluster.skipTLSVerify,
    servername: cluster.tlsServerName,
  });
  return { agent, headers, auth, close: () => agent.destroy() };
}

/**
 * The package is loaded from node_modules at run time, not bundled into dist/cli: it is 6 MB of
 * JavaScript that every CLI start (lint included) would otherwise parse, for the few runs that go
 * through a proxy or an auth-provider. esbuild leaves an import of a computed name alone.
 */
const CLIENT_NODE = ['@kubernetes', 'client-node'].join('/');

/** Proxies and auth-provider plugins: client-node's KubeConfig builds the agent and headers. */
async function clientNodeTransport(cluster: KubeCluster, user: KubeUser): Promise<Transport> {
  const { KubeConfig } = (await import(CLIENT_NODE)) as typeof ClientNode;
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

class HttpKubeClient implements KubeClient {
  readonly config: ResolvedKubeConfig;
  readonly server: string;
  readonly namespace: string;
  readonly requestTimeout: string;
  requestCount = 0;
  readonly #transport: Transport;
  readonly #timeoutMs: number;
  readonly #trace: ((line: string) => void) | undefined;
  readonly #base: URL;
  readonly #loopback: boolean;

  constructor(
    config: ResolvedKubeConfig,
    transport: Transport,
    timeoutText: string,
    timeoutMs: number,
    trace?: (line: string) => void,
  ) {
    this.config = config;
    this.server = config.cluster.server.replace(/\/+$/, '');
    this.namespace = config.namespace;
    this.requestTimeout = timeoutText;
    this.#transport = transport;
    this.#timeoutMs = timeoutMs;
    this.#trace = trace;
    this.#base = new URL(this.server);
    this.#loopback = isLoopbackHost(this.#base.hostname);
  }

  async get<T>(path: string, query: Query = {}, options: { accept?: string } = {}): Promise<KubeResponse<T>> {
    const response = await this.#request(path, query, options.accept ?? JSON_ACCEPT);
    return { body: parseJson<T>(response.text, this.#describe(path)), serverDate: response.serverDate };
  }

  async list<T, R = T>(
    path: string,
    query: Query = {},
    options: ListOptions<T, R> = {},
  ): Promise<{ items: R[]; serverDate: string | null }> {
    const keep = options.keep ?? ((item: T) => item as unknown as R);
    const accept = options.accept ?? JSON_ACCEPT;
    const items: R[] = [];
    let pageSize: number | undefined = options.pageSize ?? DEFAULT_PAGE_SIZE;
    let serverDate: string | null = null;
    const fetchPage = (token: string | undefined) =>
      this.#request(
        path,
        { ...query, limit: pageSize, continue: token },
        accept,
        undefined,
        options.dropManagedFields === true,
      );
    let token: string | undefined;
    let next = fetchPage(undefined);
    for (;;) {
      let response: { text: string; serverDate: string | null };
      try {
        response = await next;
      } catch (error) {
        // 410 Gone: the continue token expired (the list took longer than etcd's compaction
        // window). client-go's pager then lists everything in one request; so does this.
        if (error instanceof KubeApiError && error.statusCode === 410 && token !== undefined) {
          items.length = 0;
          token = undefined;
          pageSize = undefined;
          next = fetchPage(undefined);
          continue;
        }
        throw error;
      }
      serverDate ??= response.serverDate;
      const text = response.text;
      // The server writes the list's metadata before its items: with the continue token read from
      // there, the next page is asked for before this one is parsed, so the server works while
      // this process parses.
      const early = continueTokenOf(text);
      if (early) next = prefetch(fetchPage(early));
      const page = parseJson<RawList<T>>(text, this.#describe(path));
      const itemKind = page.kind?.replace(/List$/, '');
      for (const item of page.items ?? []) {
        // Items of a list carry no apiVersion/kind; kubectl fills them in, and so does this.
        const object = item as Record<string, unknown>;
        if (itemKind && object && typeof object === 'object' && object.kind === undefined) {
          object.apiVersion = page.apiVersion;
          object.kind = itemKind;
        }
        const kept = keep(item);
        if (kept !== undefined) items.push(kept);
      }
      token = page.metadata?.continue || undefined;
      if (!token) return { items, serverDate };
      if (token !== early) next = prefetch(fetchPage(token));
    }
  }

  async getText(path: string, query: Query = {}, options: { timeoutMs?: number } = {}): Promise<string> {
    return (await this.#request(path, query, 'text/plain, */*', options.timeoutMs)).text;
  }

  close(): void {
    this.#transport.close();
  }

  #describe(path: string): string {
    return `GET ${path}`;
  }

  #request(
    path: string,
    query: Query,
    accept: string,
    timeoutMs?: number,
    dropManagedFields = false,
  ): Promise<{ text: string; serverDate: string | null }> {
    const limit =
      timeoutMs === undefined
        ? this.#timeoutMs
        : this.#timeoutMs > 0
          ? Math.min(this.#timeoutMs, timeoutMs)
          : timeoutMs;
    const url = new URL(this.#base.pathname.replace(/\/$/, '') + path, this.#base);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    this.requestCount++;
    const started = Date.now();
    const headers: Record<string, string> = { ...this.#transport.headers, Accept: accept, 'User-Agent': USER_AGENT };
    // Like kubectl's transport, ask for gzip, except from a server on this machine (a local
    // cluster, a tunnel): there compressing and decompressing costs more than the bytes saved.
    if (!this.#loopback) headers['Accept-Encoding'] = 'gzip';
    const lib = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (error: Error | null, value?: { text: string; serverDate: string | null }) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        if (error) reject(error);
        else resolve(value!);
      };
      const request = lib.request(
        url,
        { method: 'GET', headers, agent: this.#transport.agent, auth: this.#transport.auth },
        (response) => {
          const gzip = response.headers['content-encoding'] === 'gzip';
          let wireBytes = 0;
          response.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
          response.on('error', (error) => finish(this.#networkError(error as NodeJS.ErrnoException)));
          // Decompressed as it arrives: no second copy of the whole compressed answer.
          const body = gzip ? response.pipe(createGunzip()) : response;
          // Kept as bytes and decoded once at the end: a string decoder fed piece by piece costs
          // more, and the bytes let a list's managedFields be cut before anything parses them.
          const chunks: Buffer[] = [];
          body.on('data', (chunk: Buffer) => chunks.push(chunk));
          if (gzip) {
            body.on('error', (error) => {
              finish(
                new KubeUnreachableError(
                  this.server,
                  `the answer of ${this.server} to ${this.#describe(path)} was corrupt (${error.message})`,
                  undefined,
                ),
              );
            });
          }
          body.on('end', () => {
            const status = response.statusCode ?? 0;
            this.#trace?.(
              `GET ${url.pathname}${url.search} ${status} in ${Date.now() - started} ms (${wireBytes} bytes${gzip ? ' gzip' : ''})`,
            );
            const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
            // A keep-alive socket outlives its request and keeps these listeners; let the chunks go.
            chunks.length = 0;
            const content =
              dropManagedFields && status >= 200 && status < 300
                ? textWithoutManagedFields(bytes)
                : bytes.toString('utf8');
            if (status >= 200 && status < 300)
              finish(null, { text: content, serverDate: toRfc3339(response.headers.date) });
            else finish(this.#statusError(status, content, path));
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => finish(this.#networkError(error)));
      if (limit > 0) {
        timer = setTimeout(
          () => {
            const bound = limit === this.#timeoutMs ? `${this.requestTimeout} (--request-timeout)` : `${limit} ms`;
            finish(new KubeTimeoutError(this.server, bound, this.#describe(path)));
            request.destroy();
          },
          Math.max(1, limit),
        );
      }
      request.end();
    });
  }

  #statusError(status: number, body: string, path: string): Error {
    const parsed = tryParseStatus(body);
    if (status === 401) return new KubeUnauthorizedError(this.server, this.config.user.name || null);
    if (status === 403) return forbiddenError(parsed, path, this.namespaceOf(path));
    if (status === 404 && parsed?.details?.kind) {
      const { kind, group, name } = parsed.details;
      return new KubeNotFoundError({
        resource: group ? `${kind}.${group}` : kind,
        name: name ?? '',
        namespace: this.namespaceOf(path),
      });
    }
    return new KubeApiError(status, parsed, this.#describe(path), this.server);
  }

  namespaceOf(path: string): string | null {
    return /\/namespaces\/([^/]+)\//.exec(path)?.[1] ?? null;
  }

  #networkError(error: NodeJS.ErrnoException): Error {
    const code = error.code;
    const proxy = this.config.cluster.proxyUrl ? ` through the proxy ${this.config.cluster.proxyUrl}` : '';
    const context = `${this.config.contextName ? ` (context "${this.config.contextName}")` : ''}${proxy}`;
    const server = this.server;
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
}

/**
 * The continue token from the head of a list's JSON (`{"kind":..,"apiVersion":..,"metadata":{..},"items":[`),
 * without parsing the items; undefined when there is none or the head has another shape.
 */
export function continueTokenOf(text: string): string | undefined {
  const items = text.indexOf('"items":');
  if (items < 0 || items > 4096) return undefined;
  try {
    const head = JSON.parse(`${text.slice(0, items).replace(/,\s*$/, '')}}`) as RawList<unknown>;
    return head.metadata?.continue || undefined;
  } catch {
    return undefined;
  }
}

function parseJson<T>(text: string, what: string): T {
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

/** Marks a request started ahead as handled: if the loop ends first, its failure is not an unhandled rejection. */
function prefetch<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function toRfc3339(date: string | undefined): string | null {
  if (!date) return null;
  const time = Date.parse(date);
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
