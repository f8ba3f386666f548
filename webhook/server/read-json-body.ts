import { describeError } from '../../kubernetes/index.ts';
import type { IncomingMessage } from 'node:http';
import { MAX_ENVELOPE_VALUES, MAX_VALUES_PER_OBJECT, mayExceedValueLimit } from './request-cost.ts';
import { scanReview, withoutObjects } from './review-scan.ts';
import type { TooManyValues } from '../admission/index.ts';

/**
 * An AdmissionReview holds the object and, on UPDATE and DELETE, the old object: twice the API
 * server's 3 MiB request limit, plus the envelope. controller-runtime allows 7 MB for the same
 * reason; express.json's 100 kB default would fail real requests.
 */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** An oversized body is read to its end (so the client sees the 413) up to this much, then cut. */
const DRAIN_LIMIT_BYTES = 4 * BODY_LIMIT_BYTES;

export type BodyResult =
  | { readonly ok: true; readonly value: unknown; readonly tooManyValues?: TooManyValues }
  | {
      readonly ok: false;
      readonly code: 400 | 413 | 415;
      readonly reason: 'BadRequest' | 'RequestEntityTooLarge' | 'UnsupportedMediaType';
      readonly message: string;
    };

export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const semicolon = header.indexOf(';');
  return (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}

/**
 * Reads and decodes a JSON request body: 415 unless Content-Type is application/json (what the API
 * server sends; anything else is not an AdmissionReview), 413 beyond `limit` bytes, 400 for a body
 * that is not JSON. `done` is called once, or never if the client goes away first.
 */
export function readJsonBody(req: IncomingMessage, limit: number, done: (result: BodyResult) => void): void {
  const type = req.headers['content-type'];
  if (!isJsonContentType(type)) {
    req.resume();
    done({
      ok: false,
      code: 415,
      reason: 'UnsupportedMediaType',
      message: `Content-Type must be application/json, got ${type === undefined ? 'none' : JSON.stringify(type.slice(0, 100))}`,
    });
    return;
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    req.resume();
    done({
      ok: false,
      code: 415,
      reason: 'UnsupportedMediaType',
      message: `Content-Encoding ${JSON.stringify(encoding.slice(0, 100))} is not supported; send the body uncompressed`,
    });
    return;
  }
  const tooLarge = (): BodyResult => ({
    ok: false,
    code: 413,
    reason: 'RequestEntityTooLarge',
    message: `the request body is larger than ${limit} bytes`,
  });
  const declared = Number(req.headers['content-length']);
  let oversized = Number.isFinite(declared) && declared > limit;
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (!oversized && size > limit) oversized = true;
    if (oversized) {
      chunks.length = 0;
      if (size > DRAIN_LIMIT_BYTES) {
        done(tooLarge());
        req.destroy();
      }
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (oversized) {
      done(tooLarge());
      return;
    }
    // Nothing of the body stays reachable while the request is answered but what was decoded.
    const result = decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    chunks.length = 0;
    done(result);
  });
  // An aborted request ends here: no answer is possible.
  req.on('error', () => undefined);
}

const notJson = (error: unknown): BodyResult => ({
  ok: false,
  code: 400,
  reason: 'BadRequest',
  message: `the request body is not valid JSON: ${describeError(error)}`,
});

/**
 * Decodes a body. One that may hold more values than an object is allowed (see request-cost.ts) is
 * scanned first: if its object or oldObject does, only the envelope is decoded, so that the review
 * can still be answered; values outside the two objects beyond a real review's are a 413.
 */
function decode(bytes: Buffer): BodyResult {
  if (mayExceedValueLimit(bytes.length)) {
    const scan = scanReview(bytes);
    const envelopeValues = scan.values - scan.objectValues - scan.oldObjectValues;
    if (envelopeValues > MAX_ENVELOPE_VALUES) {
      return {
        ok: false,
        code: 413,
        reason: 'RequestEntityTooLarge',
        message: `the review holds ${envelopeValues} JSON values besides request.object and request.oldObject; an AdmissionReview holds a few dozen`,
      };
    }
    const which = scan.objectValues > MAX_VALUES_PER_OBJECT ? 'object' : 'oldObject';
    const values = which === 'object' ? scan.objectValues : scan.oldObjectValues;
    if (values > MAX_VALUES_PER_OBJECT) {
      try {
        return {
          ok: true,
          value: JSON.parse(withoutObjects(bytes, scan.objectRanges)),
          tooManyValues: { which, values, limit: MAX_VALUES_PER_OBJECT },
        };
      } catch (error) {
        return notJson(error);
      }
    }
  }
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
  } catch (error) {
    return notJson(error);
  }
}
