import type { AdmissionPolicy } from '../../policy/index.ts';
import { emptyDecision, type Decision } from './decision.ts';
import { mutate } from './mutate.ts';
import {
  parseReview,
  toErrorStatus,
  toReview,
  type AdmissionRequest,
  type AdmissionReview,
  type Status,
} from './review.ts';
import { tooManyValuesDecision, type TooManyValues } from './too-many-values.ts';
import { validate } from './validate.ts';

import type { AdmissionEndpoint } from './admission-endpoint.ts';
export type { AdmissionEndpoint } from './admission-endpoint.ts';

/** The labels of a namespace as the server knows them (a watch of namespaces); undefined: unknown. */
export type NamespaceLabels = (namespace: string) => Readonly<Record<string, string>> | undefined;

export type Handled =
  | {
      readonly status: 200;
      readonly body: AdmissionReview;
      readonly request: AdmissionRequest;
      readonly decision: Decision;
    }
  | { readonly status: 400; readonly body: Status };

/**
 * One admission call, from the decoded body to the answer; never throws. A body that is not an
 * AdmissionReview with a request uid gets a 400 (there is nothing to echo); every other body gets a
 * well-formed review echoing the uid. If job-x itself fails (a bug), /validate fails closed (a 500
 * denial: a policy webhook that cannot judge must not wave objects through, and failurePolicy only
 * covers calls that fail) and /mutate fails open (allowed, no patch, a warning).
 * With `tooManyValues`, `body` is the envelope alone (object and oldObject were not decoded).
 * `namespaceLabels` gives what the review does not carry, for namespace selectors and overrides.
 */
export function handleAdmission(
  endpoint: AdmissionEndpoint,
  body: unknown,
  policy: AdmissionPolicy,
  tooManyValues?: TooManyValues,
  namespaceLabels?: NamespaceLabels,
): Handled {
  const parsed = parseReview(body);
  if (!parsed.ok)
    return { status: 400, body: toErrorStatus(400, 'BadRequest', `not an AdmissionReview: ${parsed.message}`) };
  // Namespace labels are looked up only for a policy whose decisions read them.
  const labels =
    namespaceLabels && policy.settings.needsNamespaceLabels ? namespaceLabels(parsed.request.namespace) : undefined;
  const request = labels ? { ...parsed.request, namespaceLabels: labels } : parsed.request;
  let decision: Decision;
  try {
    if (tooManyValues) decision = tooManyValuesDecision(endpoint, request, policy, tooManyValues);
    else decision = endpoint === 'validate' ? validate(request, policy) : mutate(request, policy);
  } catch (error) {
    decision = failed(endpoint, request, error);
  }
  return { status: 200, body: toReview(decision.response), request, decision };
}

function failed(endpoint: AdmissionEndpoint, request: AdmissionRequest, error: unknown): Decision {
  const detail = `job-x could not ${endpoint === 'validate' ? 'evaluate' : 'apply its defaults to'} this object: internal error (request uid ${request.uid}; details in the webhook's log)`;
  const response =
    endpoint === 'validate'
      ? {
          uid: request.uid,
          allowed: false,
          status: { status: 'Failure' as const, message: detail, reason: 'InternalError', code: 500 },
        }
      : { uid: request.uid, allowed: true, warnings: [`[job-x] ${detail}`] };
  return { ...emptyDecision(response, 'error'), error };
}
