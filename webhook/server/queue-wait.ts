/**
 * How long a request may wait for memory before it is answered 429. The API server tells each
 * webhook call how long it will wait for the answer: `?timeout=5s`, the webhook's timeoutSeconds
 * rounded up to whole seconds, as a Go duration (k8s.io/apiserver/pkg/admission/plugin/webhook/
 * validating/dispatcher.go callHook; client-go rest Request.Timeout). A request waits until a
 * second before that, so the 429 reaches the API server while it still listens (and with
 * `Retry-After: 1` its client tries again within the same deadline if time is left).
 */

/** timeoutSeconds defaults to 10 in admissionregistration.k8s.io/v1; also used without a parameter. */
const DEFAULT_TIMEOUT_MS = 10_000;
const ANSWER_MARGIN_MS = 1_000;
const MIN_WAIT_MS = 250;

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001, µs: 0.001 };

/** A Go duration (`5s`, `1m30s`, `2.5s`, `500ms`) in milliseconds; undefined if it is not one. */
export function parseGoDuration(text: string): number | undefined {
  if (text.length === 0 || text.length > 40) return undefined;
  const part = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs)/y;
  let total = 0;
  let at = 0;
  while (at < text.length) {
    part.lastIndex = at;
    const match = part.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    at = part.lastIndex;
  }
  return total;
}

/** The longest wait in the queue for a request whose `timeout` query parameter is `timeout`. */
export function maxQueueWaitMs(timeout: unknown): number {
  const ms = typeof timeout === 'string' ? parseGoDuration(timeout) : undefined;
  return Math.max(MIN_WAIT_MS, (ms ?? DEFAULT_TIMEOUT_MS) - ANSWER_MARGIN_MS);
}
