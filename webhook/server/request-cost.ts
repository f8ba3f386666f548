/**
 * What an admission request may cost in memory, so that the requests in flight together stay within
 * the pod's memory limit (256Mi in manifests/base). Measured with `test/unit/webhook/memory-limit.test.ts`
 * and the figures in docs/webhook.md ("Memory"):
 *
 * - The server itself, idle: about 75 MiB resident (of which ~45 MiB is Node's own code).
 * - Per body byte: the bytes read, the decoded text, and the strings JSON.parse makes of it
 *   (twice as large when the text holds characters beyond Latin-1).
 * - Per JSON value: far more than its bytes. `{}` is 3 bytes and a 56-byte object once parsed, then
 *   copied by the engine's defaulting and, in /mutate, by each default's draft. The worst measured,
 *   a /mutate CREATE of empty tolerations, grew resident memory by about 500 bytes per value.
 *
 * A request reserves `requestCost` before its body is read, from the Content-Length the API server
 * always sends. A body holds at most one value per two bytes, and no object more than
 * MAX_VALUES_PER_OBJECT (more is refused before the objects are decoded, see review-scan.ts), so the
 * cost is bounded whatever the body holds.
 */

/** Room for requests: the limit less the idle server, less headroom for V8's garbage and TLS buffers. */
export const MEMORY_BUDGET_BYTES = 96 * 1024 * 1024;

/**
 * The most JSON values job-x decodes in `request.object` or `request.oldObject`. A large real Job
 * holds a few thousand (1,000 environment variables, with their managedFields, are about 7,000).
 */
export const MAX_VALUES_PER_OBJECT = 50_000;

/** The rest of a review (uid, kind, userInfo, options): a few dozen values from a real API server. */
export const MAX_ENVELOPE_VALUES = 10_000;

/** Resident bytes per body byte, and per JSON value, while a request is decoded and judged. */
export const BYTES_PER_BODY_BYTE = 5;
export const BYTES_PER_VALUE = 500;

/** The most values a review can hold without being refused unread. */
const MAX_REVIEW_VALUES = 2 * MAX_VALUES_PER_OBJECT + MAX_ENVELOPE_VALUES;

/** The memory one request may need, from its declared length (the body limit when it has none). */
export function requestCost(declaredLength: number | undefined, bodyLimit: number): number {
  const length = declaredLength === undefined || declaredLength > bodyLimit ? bodyLimit : declaredLength;
  return length * BYTES_PER_BODY_BYTE + Math.min(Math.ceil(length / 2), MAX_REVIEW_VALUES) * BYTES_PER_VALUE;
}

/** Whether a body of this size can hold more values than an object may: only then is it scanned. */
export function mayExceedValueLimit(size: number): boolean {
  return size / 2 > MAX_VALUES_PER_OBJECT;
}
