import type { Decision } from '../admission/index.ts';
import { Counter, GaugeFunction, Histogram, Registry } from './metrics.ts';
import { registerProcessMetrics } from './process-metrics.ts';

/**
 * Latency buckets in seconds: fine below 5 ms (the handler's budget), then the API server's own
 * webhook histogram edges (5 ms, 25 ms, 100 ms, 0.5 s, 1 s, 2.5 s), so both can be read side by side.
 */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Buckets of job-x's own time per request, in seconds: its budget is 0.5 ms at p99. */
export const HANDLER_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.025, 0.1];

/**
 * The values of the `endpoint` label of jobx_webhook_requests_total. A fixed set: a label value
 * taken from the request (its path, in any case, with a trailing slash) would let any client
 * create series without end.
 */
export const ENDPOINT_LABELS = ['validate', 'mutate', 'healthz', 'readyz', 'metrics', 'other'] as const;
export type EndpointLabel = (typeof ENDPOINT_LABELS)[number];
const KNOWN_ENDPOINTS: ReadonlySet<string> = new Set(ENDPOINT_LABELS);

export interface WebhookGauges {
  readonly inflight: () => number;
  readonly ready: () => boolean;
  /** Unix seconds at which the serving certificate expires. */
  readonly certificateNotAfter: () => number | undefined;
  /** The policy being served: the hash of its content and where it came from. */
  readonly policy?: () => { readonly hash: string; readonly source: string };
  /** The memory budget of admission requests: its size, what is reserved, how many wait. */
  readonly memoryBudget: () => { readonly capacity: number; readonly inUse: number; readonly waiting: number };
}

export interface WebhookMetrics {
  readonly registry: Registry;
  /** Every HTTP request: endpoint (one of ENDPOINT_LABELS) and result. Count through countRequest. */
  readonly requests: Counter;
  readonly duration: Histogram;
  /** From the body decoded to the answer written: job-x's own time, without network, TLS and queueing. */
  readonly handlerDuration: Histogram;
  readonly findings: Counter;
  readonly defaults: Counter;
  readonly tlsReloads: Counter;
  readonly policyReloads: Counter;
  /** Counts one request; an endpoint outside ENDPOINT_LABELS is counted as `other`. */
  countRequest(endpoint: EndpointLabel, result: string): void;
  recordDecision(endpoint: 'validate' | 'mutate', decision: Decision): void;
}

export function createWebhookMetrics(gauges: WebhookGauges, version: string): WebhookMetrics {
  const registry = new Registry();
  const requests = registry.register(
    new Counter(
      'jobx_webhook_requests_total',
      'HTTP requests by endpoint and result (allowed, denied, patched, skipped, malformed, error, too_large; bad_request, payload_too_large, unsupported_media_type, too_many_requests, method_not_allowed, internal_error; ok, not_ready, not_found).',
    ),
  );
  const duration = registry.register(
    new Histogram(
      'jobx_webhook_request_duration_seconds',
      'Time from request headers to response, admission endpoints only.',
      LATENCY_BUCKETS,
    ),
  );
  const handlerDuration = registry.register(
    new Histogram(
      'jobx_webhook_handler_duration_seconds',
      "Time from the request body decoded to the response written, admission endpoints only: job-x's own time, without reading the body, TLS or waiting for memory.",
      HANDLER_BUCKETS,
    ),
  );
  const findings = registry.register(
    new Counter(
      'jobx_webhook_findings_total',
      'Findings by rule and action: deny, warn, info, audit (would deny; mode audit), or ratcheted (an UPDATE kept a finding its old object had).',
    ),
  );
  const defaults = registry.register(
    new Counter('jobx_webhook_defaults_applied_total', 'Changes made by the mutating webhook, by rule.'),
  );
  const tlsReloads = registry.register(
    new Counter(
      'jobx_webhook_tls_reloads_total',
      'Serving certificate reloads after the files changed, by result (success, failure).',
    ),
  );
  const policyReloads = registry.register(
    new Counter(
      'jobx_webhook_policy_reloads_total',
      'Policy file reloads after the file changed, by result (success; failure: refused, the last good policy stays).',
    ),
  );
  const { policy } = gauges;
  if (policy)
    registry.register(
      new GaugeFunction(
        'jobx_webhook_policy_info',
        'The policy being served: hash (sha256 of the file, 16 hex digits) and source; always 1.',
        () => 1,
        () => policy(),
      ),
    );
  registry.register(new GaugeFunction('jobx_webhook_inflight_requests', 'Requests being handled.', gauges.inflight));
  registry.register(
    new GaugeFunction(
      'jobx_webhook_memory_budget_bytes',
      'Memory that admission requests in flight may reserve together.',
      () => gauges.memoryBudget().capacity,
    ),
  );
  registry.register(
    new GaugeFunction(
      'jobx_webhook_memory_reserved_bytes',
      'Memory reserved by the admission requests being served (an estimate from their sizes).',
      () => gauges.memoryBudget().inUse,
    ),
  );
  registry.register(
    new GaugeFunction(
      'jobx_webhook_queued_requests',
      'Admission requests waiting for memory, their bodies unread.',
      () => gauges.memoryBudget().waiting,
    ),
  );
  registry.register(
    new GaugeFunction('jobx_webhook_ready', '1 when /readyz answers 200.', () => (gauges.ready() ? 1 : 0)),
  );
  registry.register(
    new GaugeFunction(
      'jobx_webhook_tls_certificate_expiry_timestamp_seconds',
      'When the serving certificate expires (Unix time).',
      gauges.certificateNotAfter,
    ),
  );
  registry.register(
    new GaugeFunction('jobx_webhook_build_info', 'Version of job-x and Node.js; always 1.', () => 1, {
      version,
      node: process.version,
    }),
  );
  registerProcessMetrics(registry);

  const count = (rule: string, action: string): void => findings.inc({ rule, action });
  const countRequest = (endpoint: EndpointLabel, result: string): void =>
    requests.inc({ endpoint: KNOWN_ENDPOINTS.has(endpoint) ? endpoint : 'other', result });
  return {
    registry,
    requests,
    duration,
    handlerDuration,
    findings,
    defaults,
    tlsReloads,
    policyReloads,
    countRequest,
    recordDecision(endpoint, decision) {
      countRequest(endpoint, decision.outcome);
      for (const id of decision.denied) count(id, 'deny');
      for (const id of decision.warned) count(id, 'warn');
      for (const id of decision.info) count(id, 'info');
      for (const id of decision.ratcheted) count(id, 'ratcheted');
      for (const id of decision.audited) count(id, 'audit');
      for (const id of decision.defaulted) defaults.inc({ rule: id });
    },
  };
}
