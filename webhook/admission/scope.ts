import {
  isObject,
  MAX_NESTING_DEPTH,
  NestingTooDeepError,
  nestsDeeperThan,
  obj,
  own,
  str,
  type JsonObject,
} from '../../kubernetes/index.ts';
import {
  exemptionOf,
  policyInNamespace,
  toAdmissionObject,
  type AdmissionPolicy,
  type Exemption,
} from '../../policy/index.ts';
import type { AdmissionRequest } from './review.ts';

/** Why a request is answered "allowed" without looking at the object. */
/** `controller-owned`: /mutate only, a Job managed by a controller owner gets no defaults. */
export type SkipReason =
  'not-a-job' | 'subresource' | 'operation' | 'exempt-namespace' | 'being-deleted' | 'controller-owned' | Exemption;

export type Scope =
  | {
      readonly in: true;
      readonly kind: 'Job' | 'CronJob';
      /** request.object as the engine reads it: its decoded copy (policy/admission-object.ts). */
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
  const tooDeep = (name: string): Scope => ({
    in: false,
    malformed: `request.${name} nests deeper than ${MAX_NESTING_DEPTH} levels`,
  });
  let engineObject: JsonObject;
  try {
    engineObject = toAdmissionObject(object, kind.kind);
  } catch (error) {
    if (error instanceof NestingTooDeepError) return tooDeep('object');
    throw error;
  }
  // The old object is decoded only if the ratchet needs it (validate.ts).
  if (nestsDeeperThan(request.oldObject)) return tooDeep('oldObject');
  if (request.operation === 'UPDATE' && own(obj(object, 'metadata'), 'deletionTimestamp'))
    return { in: false, skip: 'being-deleted' };
  return {
    in: true,
    kind: kind.kind,
    object: engineObject,
    operation: request.operation,
    policy: policyInNamespace(policy, request.namespaceLabels),
  };
}
