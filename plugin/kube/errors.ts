/**
 * What can go wrong talking to the cluster, each a typed error whose message a user can act on
 * (plugin/main.ts prints `error: <message>` and exits with `exitCode`; never a stack trace).
 *
 * Exit codes: 1 when the cluster answered that the object is not there (as `kubectl get` exits
 * 1); 2 when the cluster could not be asked (unreachable, TLS, timeout) or refused the caller
 * (401, 403), like every usage, configuration or IO error of job-x.
 */
import { EXIT, type ErrorHint } from '../../edge/index.ts';

/**
 * `message` is one statement quoting the cluster's words (escaped whole when printed); `hint`
 * holds job-x's advice, printed after it, a line each (edge/errors.ts).
 */
export abstract class KubeError extends Error {
  abstract readonly exitCode: number;
  readonly hint: readonly string[];
  constructor(message: string, options: ErrorHint = {}) {
    super(message);
    this.hint = options.hint ?? [];
  }
}

/** A Kubernetes Status object (the body of every API error). */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

/** The object does not exist; `hint` lists close names or other namespaces holding it. */
export class KubeNotFoundError extends KubeError {
  override name = 'KubeNotFoundError';
  readonly exitCode = EXIT.findings;
  /** e.g. `jobs.batch` */
  readonly resource: string;
  readonly objectName: string;
  readonly namespace: string | null;
  readonly suggestions: readonly string[];
  constructor(init: {
    resource: string;
    name: string;
    namespace: string | null;
    hint?: readonly string[];
    suggestions?: readonly string[];
  }) {
    const where = init.namespace ? ` in namespace "${init.namespace}"` : '';
    super(`${init.resource} "${init.name}" not found${where}`, { hint: init.hint });
    this.resource = init.resource;
    this.objectName = init.name;
    this.namespace = init.namespace;
    this.suggestions = init.suggestions ?? [];
  }
}

/** A CronJob that exists but owns no Job (it has not run yet, or its Jobs were removed). */
export class NoJobsError extends KubeError {
  override name = 'NoJobsError';
  readonly exitCode = EXIT.findings;
}

/** RBAC refused the request: names the user, verb, resource and namespace that are missing. */
export class KubeForbiddenError extends KubeError {
  override name = 'KubeForbiddenError';
  readonly exitCode = EXIT.usage;
  readonly verb: string;
  readonly resource: string;
  readonly namespace: string | null;
  readonly user: string | null;
  constructor(init: {
    verb: string;
    resource: string;
    namespace: string | null;
    user: string | null;
    serverMessage?: string;
  }) {
    const who = init.user ? `user "${init.user}"` : 'you';
    const where = init.namespace ? ` in namespace "${init.namespace}"` : ' at cluster scope';
    const check = `kubectl auth can-i ${init.verb} ${init.resource}${init.namespace ? ` -n ${init.namespace}` : ''}`;
    super(`forbidden: ${who} cannot ${init.verb} ${init.resource}${where}.`, {
      hint: [
        `Ask a cluster admin for a Role that allows it; check with: ${check}`,
        ...(init.serverMessage ? [`(the API server said: ${init.serverMessage})`] : []),
      ],
    });
    this.verb = init.verb;
    this.resource = init.resource;
    this.namespace = init.namespace;
    this.user = init.user;
  }
}

/** 401: the credentials were not accepted (expired token, wrong certificate). */
export class KubeUnauthorizedError extends KubeError {
  override name = 'KubeUnauthorizedError';
  readonly exitCode = EXIT.usage;
  readonly server: string;
  constructor(server: string, userName: string | null) {
    super(
      `the server ${server} did not accept the credentials${userName ? ` of kubeconfig user "${userName}"` : ''} (401 Unauthorized).`,
      { hint: ['The token or certificate may have expired: log in again, or pick another --context or --user.'] },
    );
    this.server = server;
  }
}

/** Nothing answered: connection refused, DNS, network, TLS. */
export class KubeUnreachableError extends KubeError {
  override name = 'KubeUnreachableError';
  readonly exitCode = EXIT.usage;
  readonly server: string;
  /** The Node.js error code, e.g. ECONNREFUSED, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT. */
  readonly code: string | undefined;
  constructor(server: string, message: string, code: string | undefined) {
    super(message);
    this.server = server;
    this.code = code;
  }
}

/** No complete answer within --request-timeout. */
export class KubeTimeoutError extends KubeError {
  override name = 'KubeTimeoutError';
  readonly exitCode = EXIT.usage;
  readonly server: string;
  /** `limit` e.g. "1ms (--request-timeout)"; `what` e.g. "GET /apis/batch/v1/...". */
  constructor(server: string, limit: string, what: string) {
    super(
      `no answer from ${server} within ${limit} to ${what}: raise --request-timeout (0 = no limit), or check the cluster's health`,
    );
    this.server = server;
  }
}

/** Any other error status (429, 5xx, ...), with the server's own message. */
export class KubeApiError extends KubeError {
  override name = 'KubeApiError';
  readonly exitCode = EXIT.usage;
  readonly statusCode: number;
  readonly status: KubeStatus | null;
  constructor(statusCode: number, status: KubeStatus | null, what: string, server: string) {
    const reason = status?.reason ? ` ${status.reason}` : '';
    const detail = status?.message ? `: ${status.message}` : '';
    super(`the server ${server} answered ${statusCode}${reason} to ${what}${detail}`);
    this.statusCode = statusCode;
    this.status = status;
  }
}
