import { isObject, MAX_NESTING_DEPTH, nestsDeeperThan, obj, str, type JsonObject } from '../../kubernetes/index.ts';
import { exemptionOf, matchedOverrides, type Exemption } from '../../policy/index.ts';
import type { AdmissionPolicy } from './admission-policy.ts';
import type { AdmissionRequest } from './review.ts';

/** Why a request is answered "allowed" without looking at the object. */
/** `controller-owned`: /mutate only, a Job managed by a controller owner gets no defaults. */
export type SkipReason =
  'not-a-job' | 'subresource' | 'operation' | 'exempt-namespace' | 'being-deleted' | 'controller-owned' | Exemption;

export type Scope =
  | {
      readonly in: true;
      readonly kind: 'Job' | 'CronJob';
      readonly object: JsonObject;
      readonly operation: 'CREATE' | 'UPDATE';
      /** The policy in the request's namespace: the overrides its labels match applied. */
      readonly policy: AdmissionPolicy;
    }
  | { readonly in: false; readonly skip: SkipReason }
  | { readonly in: false; readonly malformed: string };

/**
 * Which requests job-x judges: CREATE and UPDATE of batch/v1 Jobs and CronJobs themselves (not a
 * subresource such as status), outside the exempt namespaces and the policy's other exemptions
 * (users, groups, namespace and object selectors: policy/admission-scope.ts). DELETE and CONNECT, other kinds (a
 * mis-scoped registration), and an UPDATE of an object being deleted (finalizers coming off must
 * never be blocked) are allowed untouched.
 */
export function toScope(request: AdmissionRequest, policy: AdmissionPolicy): Scope {
  const { kind } = request;
  if (kind.group !== 'batch' || kind.version !== 'v1' || (kind.kind !== 'Job' && kind.kind !== 'CronJob'))
    return { in: false, skip: 'not-a-job' };
  if (request.subResource !== '') return { in: false, skip: 'subresource' };
  if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return { in: false, skip: 'operation' };
  const object = request.object;
  const namespace = request.namespace || str(obj(object, 'metadata'), 'namespace') || '';
  if (policy.exemptNamespaces.has(namespace)) return { in: false, skip: 'exempt-namespace' };
  if (!isObject(object))
    return { in: false, malformed: `request.object must be the ${kind.kind} being admitted on ${request.operation}` };
  const exemption = exemptionOf(policy.settings, {
    namespace,
    namespaceLabels: request.namespaceLabels,
    object,
    oldObject: request.oldObject,
    username: request.userInfo.username,
    groups: request.userInfo.groups,
  });
  if (exemption) return { in: false, skip: exemption };
  // No API server sends this (no field of a Job nests so deep), and the walks that judge an
  // object are recursive: refused here, the same way every time, instead of a stack overflow.
  for (const [name, value] of [
    ['object', object],
    ['oldObject', request.oldObject],
  ] as const)
    if (nestsDeeperThan(value))
      return { in: false, malformed: `request.${name} nests deeper than ${MAX_NESTING_DEPTH} levels` };
  if (request.operation === 'UPDATE' && obj(object, 'metadata')?.deletionTimestamp)
    return { in: false, skip: 'being-deleted' };
  const overrides = matchedOverrides(policy.settings, request.namespaceLabels);
  return {
    in: true,
    kind: kind.kind,
    object,
    operation: request.operation,
    policy: overrides.length > 0 ? policy.withOverrides(overrides) : policy,
  };
}

/**
 * Objects in a review come from the API server already defaulted and prepared (mutating and
 * validating admission run after defaulting): the engine reads them as they are (toJobView).
 */
export const ADMITTED = true;

/**
 * The object as the engine reads it, sharing everything else with the request:
 * - apiVersion and kind from the request (the API server sends the object in the version the
 *   webhook registered for, with both set; only a client of this endpoint could leave them out);
 * - without metadata.managedFields and status: no policy rule reads them (the engine's defaulting
 *   drops status, as the API server does on create), no default changes them, and they are a
 *   large part of what the API server sends (managedFields always, status on UPDATE), which the
 *   engine would otherwise copy and the patch diff walk through on every request.
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
