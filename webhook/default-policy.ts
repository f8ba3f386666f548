import { resolvePolicy, RULES, type ResolvedPolicy } from '../policy/index.ts';
import { parsePolicy } from '../policy/index.ts';
import type { JobXPolicy } from '../schemas/generated/policy.ts';
import document from './default-policy.json' with { type: 'json' };

/**
 * The policy the webhook runs without --policy or JOBX_POLICY (docs/webhook.md explains each
 * level). It names every `policy` rule, so each has a deliberate admission level; a unit test
 * keeps it that way as rules are added.
 */
export function defaultPolicyDocument(): JobXPolicy {
  // Checked like any policy file: the shipped JSON must obey the schema users' files obey.
  return parsePolicy(structuredClone(document));
}

export function loadDefaultPolicy(): ResolvedPolicy {
  return resolvePolicy(RULES, defaultPolicyDocument());
}
