import { obj, type JsonObject } from '../kubernetes/index.ts';

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
 * Objects in a review come from the API server already defaulted and prepared (mutating and
 * validating admission run after defaulting), and so do stored ones: the engine reads them as
 * they are (toJobView's `admitted`).
 */
export const ADMITTED = true;
