// What one way of enforcing the policy (exported admission policies, or the webhook) did to one
// request, reduced to what the two must agree on: allowed or denied, the rule ids that denied,
// the rule ids that warned, and the spec as stored.
import type { ApiAnswer } from './api-request.ts';

export interface AdmissionOutcome {
  readonly status: number;
  readonly denied: string[];
  readonly warned: string[];
  /** The stored spec, without what the API server generates per object (selector, pod labels). */
  readonly spec: unknown;
}

/** `(job-x rule <id>)` in a denial: the webhook's causes and the exported policy's message both carry it. */
const DENIED_RULE = /\(job-x rule ([a-z0-9-]+)\)/g;
/** A validation warning: the webhook's `[id] path: …`, the policy's `… with binding '…': [id] path: …`. */
const WARNED_RULE =
  /^(?:Validation failed for ValidatingAdmissionPolicy '[^']+' with binding '[^']+': )?\[([a-z0-9-]+)\] (?:spec|metadata)\S*: /;

export function toOutcome(answer: ApiAnswer): AdmissionOutcome {
  const message = typeof answer.body.message === 'string' ? answer.body.message : '';
  const denied = answer.status >= 400 ? [...new Set([...message.matchAll(DENIED_RULE)].map((m) => m[1]!))].sort() : [];
  const warned = [
    ...new Set(answer.warnings.map((w) => WARNED_RULE.exec(w)?.[1]).filter((id): id is string => id !== undefined)),
  ].sort();
  return { status: answer.status, denied, warned, spec: answer.status < 300 ? storedSpec(answer.body) : undefined };
}

function storedSpec(object: Record<string, unknown>): unknown {
  const spec = structuredClone(object.spec) as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  const jobSpec = object.kind === 'CronJob' ? (spec.jobTemplate as Record<string, unknown> | undefined)?.spec : spec;
  if (jobSpec && typeof jobSpec === 'object') {
    const job = jobSpec as Record<string, unknown>;
    // The selector and the pod labels carry the object's own uid.
    delete job.selector;
    const template = job.template as Record<string, unknown> | undefined;
    if (template) delete template.metadata;
  }
  return spec;
}
