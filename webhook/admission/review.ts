import { arr, describeValue, isObject, obj, str } from '../../kubernetes/index.ts';

/**
 * The parts of an `admission.k8s.io/v1` AdmissionReview the webhook reads and writes
 * (k8s.io/api/admission/v1/types.go). Everything in a request is untrusted JSON: it is read through
 * typed accessors, never cast.
 */
export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionRequest {
  readonly uid: string;
  readonly kind: GroupVersionKind;
  /** Empty unless a subresource (`status`, `scale`, ...) is being admitted. */
  readonly subResource: string;
  /** Empty on CREATE with generateName (the mutating webhook runs before the name is generated). */
  readonly name: string;
  readonly namespace: string;
  /** One of Operation from a real API server; anything else is answered without looking. */
  readonly operation: string;
  /**
   * The objects as JSON.parse made them (ordinary objects): read only through the own-property
   * accessors of decoded-access.ts. What the rules read is their decoded copy (scope.ts).
   */
  readonly object: unknown;
  readonly oldObject: unknown;
  readonly dryRun: boolean;
  /** request.userInfo: who asks (for the policy's exempt users and groups). */
  readonly userInfo: { readonly username: string; readonly groups: readonly string[] };
  /**
   * Not in the review (the API server does not send them): the namespace's labels, which the
   * server adds from its watch of namespaces; undefined when unknown or not needed.
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

/** metav1.Status, as the API server returns it (and relays it from a webhook's denial). */
export interface Status {
  readonly apiVersion?: 'v1';
  readonly kind?: 'Status';
  readonly metadata?: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: string;
  readonly code: number;
  readonly details?: StatusDetails;
}

export interface StatusDetails {
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly causes: readonly StatusCause[];
}

export interface StatusCause {
  /** `FieldValueInvalid`, `FieldValueRequired`, ...: the field error type with its prefix. */
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  /** The JSON name is `status` (the Go field is Result): a `result` key is silently dropped and the API server denies "without explanation". */
  readonly status?: Status;
  /** base64 of an RFC 6902 JSON patch; only from the mutating endpoint, always with patchType. */
  readonly patch?: string;
  readonly patchType?: 'JSONPatch';
  readonly warnings?: readonly string[];
  /** Keys without a prefix: the API server prefixes them with the webhook's name. */
  readonly auditAnnotations?: Readonly<Record<string, string>>;
}

export interface AdmissionReview {
  readonly apiVersion: typeof ADMISSION_API_VERSION;
  readonly kind: 'AdmissionReview';
  readonly response: AdmissionResponse;
}

export type ParsedReview =
  { readonly ok: true; readonly request: AdmissionRequest } | { readonly ok: false; readonly message: string };

/**
 * Checks the envelope: an `admission.k8s.io/v1` AdmissionReview with a request and its uid. What
 * fails here cannot be answered with a review (there is no uid to echo), so it becomes a 400.
 */
export function parseReview(body: unknown): ParsedReview {
  if (!isObject(body)) return { ok: false, message: 'the body must be a JSON object (an AdmissionReview)' };
  if (body.kind !== 'AdmissionReview')
    return { ok: false, message: `kind must be "AdmissionReview", got ${describeValue(body.kind, 60)}` };
  if (body.apiVersion !== ADMISSION_API_VERSION) {
    return {
      ok: false,
      message: `apiVersion must be "${ADMISSION_API_VERSION}", got ${describeValue(body.apiVersion, 60)} (register the webhook with admissionReviewVersions: ["v1"])`,
    };
  }
  const request = obj(body, 'request');
  if (!request)
    return { ok: false, message: 'request is missing: an AdmissionReview sent to a webhook carries a request' };
  const uid = str(request, 'uid');
  if (uid === undefined || uid === '')
    return { ok: false, message: 'request.uid is missing: the response must echo it' };
  const kind = obj(request, 'kind');
  return {
    ok: true,
    request: {
      uid,
      kind: { group: str(kind, 'group') ?? '', version: str(kind, 'version') ?? '', kind: str(kind, 'kind') ?? '' },
      subResource: str(request, 'subResource') ?? '',
      name: str(request, 'name') ?? '',
      namespace: str(request, 'namespace') ?? '',
      operation: str(request, 'operation') ?? '',
      // As JSON.parse made them (read-json-body.ts), read here only through the own-property
      // accessors; the rules read decoded copies that inherit nothing, where a key named
      // `constructor` is only a key (toAdmissionObject, in scope.ts, and lazily in validate.ts).
      object: request.object,
      oldObject: request.oldObject,
      dryRun: request.dryRun === true,
      userInfo: {
        username: str(obj(request, 'userInfo'), 'username') ?? '',
        groups: (arr(obj(request, 'userInfo'), 'groups') ?? []).filter((g): g is string => typeof g === 'string'),
      },
    },
  };
}

export function toReview(response: AdmissionResponse): AdmissionReview {
  return { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response };
}

/** A Status for an HTTP error answer (the body of a 400, 413, 415 or 500). */
export function toErrorStatus(code: number, reason: string, message: string): Status {
  return { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', message, reason, code };
}
