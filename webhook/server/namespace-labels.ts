import { request, type RequestOptions } from 'node:https';
import { isObject, obj, str, stringMap } from '../../kubernetes/index.ts';
import type { KubeConnection } from './kube-connection.ts';

export interface NamespaceWatchEvents {
  synced(count: number): void;
  failed(message: string): void;
}

/** After a failed list or a watch that ended with an error, wait this long before listing again. */
const RETRY_MS = 2_000;
/** The API server ends a watch after its own timeout; asking for this keeps each one bounded. */
const WATCH_TIMEOUT_SECONDS = 300;

/**
 * The labels of every namespace, kept current by a list and watch of namespaces (what an informer
 * does): an AdmissionReview does not carry the namespace's labels, and the policy's
 * namespaceSelector and overrides need them. Needs `get`, `list` and `watch` on namespaces (the
 * ClusterRole in manifests/base). Until the first list, and for a namespace created a moment
 * before its first Job, `get` answers undefined: the decision then judges with the base policy.
 */
export class NamespaceLabelWatch {
  private readonly labels = new Map<string, Readonly<Record<string, string>>>();
  private stopped = false;
  private current: { destroy(): void } | undefined;
  private retry: NodeJS.Timeout | undefined;
  synced = false;

  private readonly connection: KubeConnection;
  private readonly events: NamespaceWatchEvents;

  constructor(connection: KubeConnection, events: NamespaceWatchEvents) {
    this.connection = connection;
    this.events = events;
  }

  get(namespace: string): Readonly<Record<string, string>> | undefined {
    return this.labels.get(namespace);
  }

  start(): void {
    void this.list();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.current?.destroy();
  }

  private options(path: string): RequestOptions {
    const url = new URL(path, this.connection.server);
    const { ca, cert, key, token } = this.connection;
    return {
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      path: `${url.pathname}${url.search}`,
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
    };
  }

  private again(message: string): void {
    this.current = undefined;
    if (this.stopped) return;
    this.events.failed(message);
    this.retry = setTimeout(() => void this.list(), RETRY_MS);
    this.retry.unref();
  }

  private async list(): Promise<void> {
    if (this.stopped) return;
    const req = request(this.options('/api/v1/namespaces'), (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return this.again(`list namespaces: HTTP ${res.statusCode}: ${body.slice(0, 200)}`);
        let list: unknown;
        try {
          list = JSON.parse(body);
        } catch {
          return this.again('list namespaces: the answer is not JSON');
        }
        const items = isObject(list) && Array.isArray(list.items) ? list.items : [];
        this.labels.clear();
        for (const item of items) this.record('ADDED', item);
        this.synced = true;
        this.events.synced(this.labels.size);
        this.watch(str(obj(list, 'metadata'), 'resourceVersion') ?? '');
      });
    });
    req.on('error', (error) => this.again(`list namespaces: ${error.message}`));
    req.end();
    this.current = req;
  }

  private watch(resourceVersion: string): void {
    if (this.stopped) return;
    const query = `watch=1&allowWatchBookmarks=true&timeoutSeconds=${WATCH_TIMEOUT_SECONDS}&resourceVersion=${encodeURIComponent(resourceVersion)}`;
    let version = resourceVersion;
    const req = request(this.options(`/api/v1/namespaces?${query}`), (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return this.again(`watch namespaces: HTTP ${res.statusCode}`);
      }
      let buffer = '';
      let expired = false;
      res.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          let event: unknown;
          try {
            event = JSON.parse(line);
          } catch {
            continue;
          }
          const type = str(event, 'type') ?? '';
          // 410 Gone: the resourceVersion is too old; a new list starts over.
          if (type === 'ERROR') expired = true;
          version = str(obj(obj(event, 'object'), 'metadata'), 'resourceVersion') ?? version;
          this.record(type, obj(event, 'object'));
        }
      });
      res.on('end', () => {
        this.current = undefined;
        if (this.stopped) return;
        // A watch the server ended on time continues from where it was; an expired one relists.
        if (expired) void this.list();
        else this.watch(version);
      });
      res.on('error', () => this.again('watch namespaces: the connection broke'));
    });
    req.on('error', (error) => this.again(`watch namespaces: ${error.message}`));
    req.end();
    this.current = req;
  }

  private record(type: string, object: unknown): void {
    const name = str(obj(object, 'metadata'), 'name');
    if (!name) return;
    if (type === 'DELETED') this.labels.delete(name);
    else if (type === 'ADDED' || type === 'MODIFIED')
      this.labels.set(name, stringMap(obj(object, 'metadata'), 'labels') ?? {});
  }
}
