import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parse as parseQuery } from 'node:querystring';
import express, { type NextFunction, type Request, type Response } from 'express';
import { obj, str } from '../../kubernetes/index.ts';
import type { AdmissionPolicy } from '../admission/index.ts';
import { uniqueIds } from '../admission/index.ts';
import { handleAdmission, type AdmissionEndpoint, type NamespaceLabels } from '../admission/index.ts';
import { toErrorStatus, type AdmissionRequest } from '../admission/index.ts';
import { errorFields, type LogFields, type Logger } from './log.ts';
import { PROMETHEUS_CONTENT_TYPE } from './metrics.ts';
import { MemoryBudget } from './memory-budget.ts';
import { maxQueueWaitMs } from './queue-wait.ts';
import { BODY_LIMIT_BYTES, readJsonBody, type BodyResult } from './read-json-body.ts';
import { MEMORY_BUDGET_BYTES, requestCost } from './request-cost.ts';
import type { WebhookMetrics } from './webhook-metrics.ts';

/** What the HTTP layer shares with start-up and shutdown. */
export interface ServerState {
  /** Listening with a certificate loaded; false again once shutdown begins. */
  ready: boolean;
  /** SIGTERM received: answers carry `Connection: close` so clients move to another replica. */
  draining: boolean;
  inflight: number;
}

export interface AppOptions {
  /** The policy, or a function giving the one in force (it changes when the policy file is reloaded). */
  readonly policy: AdmissionPolicy | (() => AdmissionPolicy);
  /** Namespace labels for policies with namespace selectors or overrides (see namespace-labels.ts). */
  readonly namespaceLabels?: NamespaceLabels;
  readonly logger: Logger;
  readonly metrics: WebhookMetrics;
  readonly state: ServerState;
  readonly bodyLimit?: number;
  /** Memory shared by the admission requests in flight (see request-cost.ts). */
  readonly budget?: MemoryBudget;
  /**
   * Which endpoints: `admission` (/validate, /mutate) for the HTTPS port when --metrics-port gives
   * the probes and /metrics a port of their own, `probes` (/healthz, /readyz, /metrics) for that
   * port, `all` (the default) for one port serving both.
   */
  readonly serve?: 'all' | 'admission' | 'probes';
}

const HTTP_RESULT: Record<number, string> = {
  400: 'bad_request',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  500: 'internal_error',
};

/** Identifiers only: a log line never holds an object body. */
function requestFields(request: AdmissionRequest): LogFields {
  const metadata = obj(request.object, 'metadata') ?? obj(request.oldObject, 'metadata');
  const name = request.name || str(metadata, 'name');
  const generateName = name ? undefined : str(metadata, 'generateName');
  return {
    uid: request.uid,
    kind: request.kind.kind,
    namespace: request.namespace,
    ...(name ? { name } : {}),
    ...(generateName ? { generateName } : {}),
    operation: request.operation,
    dryRun: request.dryRun,
  };
}

/** What node:http and node:https call with each request. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The admission endpoint a request asks for in the form the API server sends it: POST to exactly
 * `/validate` or `/mutate`, perhaps with a query (`?timeout=10s`), no fragment. Anything else
 * (another case, a trailing slash, another method) goes through express's routing.
 */
function exactAdmissionRoute(req: IncomingMessage): AdmissionEndpoint | undefined {
  if (req.method !== 'POST') return undefined;
  const url = req.url ?? '';
  const question = url.indexOf('?');
  const path = question < 0 ? url : url.slice(0, question);
  if (path !== '/validate' && path !== '/mutate') return undefined;
  if (question >= 0 && url.includes('#', question)) return undefined;
  return path === '/validate' ? 'validate' : 'mutate';
}

/**
 * The webhook's HTTP surface on express 5: POST /validate and /mutate (AdmissionReview v1 in and
 * out), GET /healthz (the process runs), /readyz (serving and not shutting down), /metrics
 * (Prometheus). Bodies are read by readJsonBody rather than express.json: the limits, status codes
 * and messages are the webhook's own, and skipping the generic parser saves time per request
 * (so does turning off ETags, which would hash every answer).
 *
 * The admission requests as the API server sends them skip express altogether: its routing, the
 * swap of the request's and response's prototypes and its query parsing were a tenth of the time
 * of an admission request under load (bench/webhook/profile-webhook.ts), and the handlers use
 * nothing of express's. Every other request, the same endpoints asked another way included, is
 * express's, and answered as before.
 */
export function createApp(options: AppOptions): RequestListener {
  const { logger, metrics, state, namespaceLabels } = options;
  const policyOption = options.policy;
  const currentPolicy = typeof policyOption === 'function' ? policyOption : () => policyOption;
  const bodyLimit = options.bodyLimit ?? BODY_LIMIT_BYTES;
  const budget = options.budget ?? new MemoryBudget(MEMORY_BUDGET_BYTES);
  // While draining every answer closes its connection, whenever its request began.
  const send = (res: ServerResponse, status: number, text: string, contentType: string): void => {
    const headers: Record<string, string | number> = {
      'content-type': contentType,
      'content-length': Buffer.byteLength(text),
    };
    if (state.draining) headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(text);
  };
  const sendJson = (res: ServerResponse, status: number, body: unknown): void =>
    send(res, status, JSON.stringify(body), 'application/json');
  const sendText = (
    res: ServerResponse,
    status: number,
    text: string,
    contentType = 'text/plain; charset=utf-8',
  ): void => send(res, status, text, contentType);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((_req: Request, res: Response, next: NextFunction) => {
    state.inflight++;
    res.once('close', () => state.inflight--);
    next();
  });

  // Each admission request reserves the memory it may need before its body is read, and waits
  // (its body unread) while others hold it: see request-cost.ts and memory-budget.ts. `fail` takes
  // an error thrown once the body has arrived (outside express's own try, on express's path).
  // Returns what gives the memory back, once the response is closed.
  const admit = (
    endpoint: AdmissionEndpoint,
    req: IncomingMessage,
    res: ServerResponse,
    timeout: unknown,
    fail: (error: unknown) => void,
  ): (() => void) => {
    const started = performance.now();
    const declared = Number(req.headers['content-length']);
    const cost = requestCost(Number.isFinite(declared) && declared >= 0 ? declared : undefined, bodyLimit);
    const ticket = budget.reserve(cost, maxQueueWaitMs(timeout), {
      granted: () =>
        readJsonBody(req, bodyLimit, (body) => {
          try {
            answer(endpoint, body, res, started);
          } catch (error) {
            fail(error);
          }
        }),
      expired: () => tooBusy(endpoint, req, res, started),
    });
    return () => ticket.release();
  };
  const admission = (endpoint: AdmissionEndpoint) => (req: Request, res: Response, next: NextFunction) => {
    res.once('close', admit(endpoint, req, res, req.query.timeout, next));
  };
  /** No memory came free in time: a quick 429 that the API server's client may retry after a second. */
  const tooBusy = (endpoint: AdmissionEndpoint, req: IncomingMessage, res: ServerResponse, started: number): void => {
    // The body was never read: discard it, and do not reuse the connection.
    req.resume();
    res.setHeader('connection', 'close');
    res.setHeader('retry-after', '1');
    sendJson(
      res,
      429,
      toErrorStatus(429, 'TooManyRequests', 'the webhook is busy with other large requests; try again in a second'),
    );
    metrics.countRequest(endpoint, HTTP_RESULT[429]!);
    logger.warn('request refused', {
      endpoint,
      code: 429,
      reason: 'TooManyRequests',
      waitedMs: Math.round(performance.now() - started),
      queued: budget.waiting,
    });
  };
  const answer = (endpoint: AdmissionEndpoint, body: BodyResult, res: ServerResponse, started: number): void => {
    const decoded = performance.now();
    if (!body.ok) {
      // The connection may hold the rest of an oversized body: do not reuse it.
      if (body.code === 413) res.setHeader('connection', 'close');
      sendJson(res, body.code, toErrorStatus(body.code, body.reason, body.message));
      metrics.countRequest(endpoint, HTTP_RESULT[body.code]!);
      logger.warn('request refused', { endpoint, code: body.code, reason: body.reason });
      return;
    }
    const handled = handleAdmission(endpoint, body.value, currentPolicy(), body.tooManyValues, namespaceLabels);
    sendJson(res, handled.status, handled.body);
    const answered = performance.now();
    const seconds = (answered - started) / 1000;
    metrics.duration.observe({ endpoint }, seconds);
    metrics.handlerDuration.observe({ endpoint }, (answered - decoded) / 1000);
    if (handled.status !== 200) {
      metrics.countRequest(endpoint, HTTP_RESULT[handled.status]!);
      logger.warn('request refused', {
        endpoint,
        code: handled.status,
        reason: handled.body.reason,
        message: handled.body.message,
      });
      return;
    }
    const { decision, request } = handled;
    metrics.recordDecision(endpoint, decision);
    const fields: LogFields = {
      endpoint,
      ...requestFields(request),
      decision: decision.outcome,
      ...(decision.skip ? { skip: decision.skip } : {}),
      ...(decision.denied.length > 0 ? { denied: uniqueIds(decision.denied) } : {}),
      ...(decision.warned.length > 0 ? { warned: uniqueIds(decision.warned) } : {}),
      ...(decision.ratcheted.length > 0 ? { ratcheted: uniqueIds(decision.ratcheted) } : {}),
      ...(decision.audited.length > 0 ? { audited: uniqueIds(decision.audited) } : {}),
      ...(decision.defaulted.length > 0 ? { defaulted: uniqueIds(decision.defaulted) } : {}),
      durationMs: Math.round(seconds * 1e6) / 1e3,
    };
    if (decision.outcome === 'error') logger.error('admission failed', { ...fields, ...errorFields(decision.error) });
    else if (decision.outcome === 'too_large') logger.warn('admission', fields);
    else logger.info('admission', fields);
  };
  const serve = options.serve ?? 'all';
  const routes =
    serve === 'admission'
      ? 'POST /validate or /mutate'
      : serve === 'probes'
        ? 'GET /healthz, /readyz, /metrics'
        : 'POST /validate or /mutate; GET /healthz, /readyz, /metrics';
  if (serve !== 'probes') addAdmissionRoutes();
  if (serve !== 'admission') addProbeRoutes();
  function addAdmissionRoutes(): void {
    app.post('/validate', admission('validate'));
    app.post('/mutate', admission('mutate'));
    // Routing ignores case and a trailing slash: the label is the route's, never the path asked for.
    const methodNotAllowed = (endpoint: AdmissionEndpoint) => (req: Request, res: Response) => {
      res.setHeader('allow', 'POST');
      sendJson(
        res,
        405,
        toErrorStatus(405, 'MethodNotAllowed', `${req.method} is not allowed here: send the AdmissionReview with POST`),
      );
      metrics.countRequest(endpoint, 'method_not_allowed');
    };
    app.all('/validate', methodNotAllowed('validate'));
    app.all('/mutate', methodNotAllowed('mutate'));
  }
  function addProbeRoutes(): void {
    app.get('/healthz', (_req: Request, res: Response) => {
      sendText(res, 200, 'ok\n');
      metrics.countRequest('healthz', 'ok');
    });
    app.get('/readyz', (_req: Request, res: Response) => {
      const ready = state.ready && !state.draining;
      sendText(res, ready ? 200 : 503, ready ? 'ok\n' : state.draining ? 'shutting down\n' : 'starting\n');
      metrics.countRequest('readyz', ready ? 'ok' : 'not_ready');
    });
    app.get('/metrics', (_req: Request, res: Response) => {
      metrics.countRequest('metrics', 'ok');
      sendText(res, 200, metrics.registry.render(), PROMETHEUS_CONTENT_TYPE);
    });
  }

  app.use((req: Request, res: Response) => {
    sendJson(
      res,
      404,
      toErrorStatus(404, 'NotFound', `no such endpoint: ${req.method} ${req.path.slice(0, 200)} (${routes})`),
    );
    metrics.countRequest('other', 'not_found');
  });

  // Last resort: express routes errors thrown in a handler here. Never a stack trace to clients.
  const failed = (path: string, res: ServerResponse, error: unknown): void => {
    logger.error('request failed', { path: path.slice(0, 200), ...errorFields(error) });
    metrics.countRequest('other', 'internal_error');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.setHeader('connection', 'close');
    sendJson(res, 500, toErrorStatus(500, 'InternalError', 'internal error; details are in the webhook log'));
  };
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => failed(req.path, res, error));

  if (serve === 'probes') return app;
  return (req, res) => {
    const endpoint = exactAdmissionRoute(req);
    if (endpoint === undefined) {
      app(req, res);
      return;
    }
    // What the first middleware does on express's path, with one close listener instead of two.
    state.inflight++;
    // Express's query parser ('simple': node:querystring) reads the same `timeout`.
    const url = req.url!;
    const question = url.indexOf('?');
    const timeout = question < 0 ? undefined : parseQuery(url.slice(question + 1)).timeout;
    const path = question < 0 ? url : url.slice(0, question);
    let release = (): void => undefined;
    res.once('close', () => {
      state.inflight--;
      release();
    });
    // As express's own try around a handler: an error thrown before the body is read fails the request only.
    try {
      release = admit(endpoint, req, res, timeout, (error) => failed(path, res, error));
    } catch (error) {
      failed(path, res, error);
    }
  };
}
