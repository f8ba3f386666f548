import { resolvePolicy, type ResolvedPolicy } from './config.ts';
import { RULES } from './rules/index.ts';
import { parsePolicy } from './validate-policy.ts';
import type { JobXPolicy } from '../schemas/generated/policy.ts';
import document from './default-policy.json' with { type: 'json' };

/**
 * The policy job-x ships: the webhook runs it without --policy or JOBX_POLICY, and the CLI's
 * audit and admission-policy export start from it (docs/webhook.md explains each
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
