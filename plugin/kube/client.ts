// A small read-only client for the Kubernetes API that returns the server's JSON untouched.
//
// Why not client-node's API classes (measured: node bench/kube/client-node-cost.ts, figures in
// bench/README.md): reading a Job and listing its pods through them bundles to 2.9 MB of
// JavaScript, six times the whole CLI bundle (459 KB) that every run, lint included, loads; and
// their model classes change what the server sent: a recorded Job comes back with every time a
// Date (re-serialized as `…30.000Z` where the server wrote `…30Z`), and a field the models do not
// know (anything newer than the client) is dropped. The live views print and judge the server's
// objects as they are, so requests go through node:http(s) here, raw JSON in, nothing lost, times
// kept as strings. The transport (transport.ts) loads client-node only for proxies and
// auth-provider plugins.
//
// Every request is counted (`requestCount`), asks for gzip like kubectl's transport (except from a
// server on this machine), reads each answer as bytes and decodes it once, and is bounded
// by --request-timeout. Errors come out typed (errors.ts, answer-errors.ts). The command context
// sets `trace` when JOBX_KUBE_TRACE=1, to log each request on stderr like `kubectl -v=6`.
import { VERSION } from '../../edge/index.ts';
import { arr, isObject, obj, str } from '../../kubernetes/index.ts';
import { describeRequest, networkError, parseJson, statusError } from './answer-errors.ts';
import { KubeApiError, KubeTimeoutError, KubeUnreachableError } from './errors.ts';
import { textWithoutManagedFields } from './without-managed-fields.ts';
import { DEFAULT_REQUEST_TIMEOUT, parseRequestTimeout, type KubeFlags } from './flags.ts';
import {
  kubeConfigEnvironment,
  loadKubeConfig,
  type KubeConfigEnvironment,
  type ResolvedKubeConfig,
} from './kubeconfig.ts';
import { createTransport, type Transport } from './transport.ts';

export type Query = Record<string, string | number | boolean | undefined>;

export interface KubeResponse<T> {
  body: T;
  /** The server's Date header as RFC 3339 (second precision), or null when it sent none. */
  serverDate: string | null;
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

/** What the client reads of the world; the command context (plugin/command-context.ts) supplies it. */
export interface KubeClientIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Whether an exec credential plugin may prompt on standard input. */
  stdinIsTTY: boolean;
  /** Receives one line per request when set (JOBX_KUBE_TRACE=1 sets it to stderr). */
  trace?: (line: string) => void;
  /** Overrides where the kubeconfig is looked for (tests). */
  environment?: KubeConfigEnvironment;
}

const JSON_ACCEPT = 'application/json';
const DEFAULT_PAGE_SIZE = 500;
const USER_AGENT = `kubectl-job_x/${VERSION} (${process.platform}/${process.arch}) node/${process.version}`;

/**
 * Resolves the kubeconfig (kubeconfig.ts), obtains credentials (running an exec plugin, which may
 * prompt on the terminal) and returns a client. Throws ConfigError for configuration problems.
 */
export async function createKubeClient(flags: KubeFlags, io: KubeClientIo): Promise<KubeClient> {
  const timeoutText = flags.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;
  const timeoutMs = parseRequestTimeout(timeoutText);
  const config = loadKubeConfig(flags, io.environment ?? kubeConfigEnvironment(io.env));
  const transport = await createTransport(config, io);
  return new HttpKubeClient(config, transport, timeoutText, timeoutMs, io.trace);
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
    return { body: parseJson<T>(response.text, describeRequest(path)), serverDate: response.serverDate };
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
      // Decoded data, read by type: an answer of another shape is a list of nothing, not a crash.
      const page: unknown = parseJson(text, describeRequest(path));
      const itemKind = str(page, 'kind')?.replace(/List$/, '');
      for (const item of arr(page, 'items') ?? []) {
        // Items of a list carry no apiVersion/kind; kubectl fills them in, and so does this.
        if (itemKind && isObject(item) && item.kind === undefined) {
          item.apiVersion = str(page, 'apiVersion');
          item.kind = itemKind;
        }
        const kept = keep(item as T);
        if (kept !== undefined) items.push(kept);
      }
      token = str(obj(page, 'metadata'), 'continue') || undefined;
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
      const request = this.#transport.request(
        url,
        { method: 'GET', headers, agent: this.#transport.agent, auth: this.#transport.auth },
        (response) => {
          const gzip = response.headers['content-encoding'] === 'gzip';
          let wireBytes = 0;
          response.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
          response.on('error', (error) =>
            finish(networkError(error as NodeJS.ErrnoException, this.server, this.config)),
          );
          // Decompressed as it arrives: no second copy of the whole compressed answer.
          const body = gzip ? response.pipe(this.#transport.createGunzip()) : response;
          // Kept as bytes and decoded once at the end: a string decoder fed piece by piece costs
          // more, and the bytes let a list's managedFields be cut before anything parses them.
          const chunks: Buffer[] = [];
          body.on('data', (chunk: Buffer) => chunks.push(chunk));
          if (gzip) {
            body.on('error', (error) => {
              finish(
                new KubeUnreachableError(
                  this.server,
                  `the answer of ${this.server} to ${describeRequest(path)} was corrupt (${error.message})`,
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
            else finish(statusError(status, content, path, this.server, this.config));
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => finish(networkError(error, this.server, this.config)));
      if (limit > 0) {
        timer = setTimeout(
          () => {
            const bound = limit === this.#timeoutMs ? `${this.requestTimeout} (--request-timeout)` : `${limit} ms`;
            finish(new KubeTimeoutError(this.server, bound, describeRequest(path)));
            request.destroy();
          },
          Math.max(1, limit),
        );
      }
      request.end();
    });
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
    const head: unknown = JSON.parse(`${text.slice(0, items).replace(/,\s*$/, '')}}`);
    return str(obj(head, 'metadata'), 'continue') || undefined;
  } catch {
    return undefined;
  }
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
