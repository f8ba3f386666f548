import {
  isObject,
  MAX_NESTING_DEPTH,
  NestingTooDeepError,
  nestsDeeperThan,
  newDecodedObject,
  obj,
  toDecodedJsonCopy,
  type JsonObject,
} from '../kubernetes/index.ts';

/**
 * The object as the engine reads it in admission, sharing everything else with the one given:
 * - apiVersion and kind as given by the caller (the API server sends the object in the version the
 *   webhook registered for, with both set; only a client of this endpoint could leave them out);
 * - without metadata.managedFields and status: no policy rule reads them (the engine's defaulting
 *   drops status, as the API server does on create), no default changes them, and they are a
 *   large part of what the API server sends (managedFields always, status on UPDATE), which the
 *   engine would otherwise copy and the patch diff walk through on every request. The audit reads
 *   stored objects, which carry both, the same way.
 */
export function toEngineObject(object: JsonObject, kind: 'Job' | 'CronJob'): JsonObject {
  const metadata = obj(object, 'metadata');
  const fixKind = object.kind !== kind || object.apiVersion !== 'batch/v1';
  const dropManagedFields = metadata !== undefined && Object.hasOwn(metadata, 'managedFields');
  const dropStatus = Object.hasOwn(object, 'status');
  if (!fixKind && !dropManagedFields && !dropStatus) return object;
  const { status: _status, ...out } = object;
  if (fixKind) {
    out.apiVersion = 'batch/v1';
    out.kind = kind;
  }
  if (dropManagedFields) {
    const { managedFields: _managedFields, ...rest } = metadata;
    out.metadata = rest;
  }
  return out;
}

/**
 * toEngineObject for an object fresh from JSON.parse (an AdmissionReview's), in one pass: a copy
 * whose objects inherit nothing (toDecodedJsonCopy), without status and metadata.managedFields,
 * which are never copied nor decoded (half of a review's objects are managedFields). Like
 * nestsDeeperThan, it throws NestingTooDeepError when the object, the two parts left out
 * included, nests deeper than MAX_NESTING_DEPTH: the same objects are refused as before.
 */
export function toAdmissionObject(object: JsonObject, kind: 'Job' | 'CronJob'): JsonObject {
  const out = newDecodedObject();
  // The children of the object are at depth 2, those of its metadata at depth 3.
  for (const key in object) {
    const value = object[key];
    if (key === 'status') checkNesting(value, MAX_NESTING_DEPTH - 1);
    else if (key === 'metadata' && isObject(value)) out.metadata = metadataCopy(value);
    else out[key] = toDecodedJsonCopy(value, MAX_NESTING_DEPTH - 1);
  }
  if (out.apiVersion !== 'batch/v1') out.apiVersion = 'batch/v1';
  if (out.kind !== kind) out.kind = kind;
  return out;
}

function metadataCopy(metadata: JsonObject): JsonObject {
  const out = newDecodedObject();
  for (const key in metadata) {
    const value = metadata[key];
    if (key === 'managedFields') checkNesting(value, MAX_NESTING_DEPTH - 2);
    else out[key] = toDecodedJsonCopy(value, MAX_NESTING_DEPTH - 2);
  }
  return out;
}

function checkNesting(value: unknown, limit: number): void {
  if (nestsDeeperThan(value, limit)) throw new NestingTooDeepError(`the value nests deeper than ${limit} levels`);
}

/**
 * Objects in a review come from the API server already defaulted and prepared (mutating and
 * validating admission run after defaulting), and so do stored ones: the engine reads them as
 * they are (toJobView's `admitted`).
 */
export const ADMITTED = true;
