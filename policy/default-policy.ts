import { resolvePolicy, type ResolvedPolicy } from './config.ts';
import { RULES } from './rules/index.ts';
import type { JobXPolicy } from '../schemas/generated/policy.ts';
import document from './default-policy.json' with { type: 'json' };

/**
 * The policy job-x ships: the webhook runs it without --policy or JOBX_POLICY, and the CLI's
 * audit and admission-policy export start from it (docs/webhook.md explains each
 * level). It names every `policy` rule, so each has a deliberate admission level; a unit test
 * keeps it that way as rules are added.
 */
export function defaultPolicyDocument(): JobXPolicy {
  // The shipped JSON obeys the schema users' files obey: test/unit/webhook/default-policy.test.ts
  // checks it with parsePolicy. Not checked again here, so that no run loads the schema
  // validator (ajv, a tenth of a short run's start-up) for a file that cannot change.
  return structuredClone(document) as JobXPolicy;
}

export function loadDefaultPolicy(): ResolvedPolicy {
  return resolvePolicy(RULES, defaultPolicyDocument());
}
