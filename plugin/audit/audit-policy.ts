import { ConfigError, loadPolicyFile } from '../../edge/index.ts';
import {
  PolicyError,
  parsePolicy,
  resolvePolicy,
  RULES,
  toAdmissionPolicy,
  type AdmissionPolicy,
} from '../../policy/index.ts';
import document from './default-policy.json' with { type: 'json' };

/**
 * The policy the audit judges with, prepared as the webhook prepares its own (toAdmissionPolicy):
 * --policy FILE, or the policy the webhook ships with. default-policy.json is a copy of
 * webhook/default-policy.json (the plugin may not import webhook/; a unit test keeps the two equal).
 */
export async function loadAuditPolicy(file: string | undefined): Promise<AdmissionPolicy> {
  if (file !== undefined) return toAdmissionPolicy(await loadPolicyFile(file));
  return toAdmissionPolicy(resolvePolicy(RULES, parsePolicy(structuredClone(document))));
}

/** A policy document read from the cluster (the webhook's ConfigMap), checked as a policy file is. */
export function toClusterPolicy(policy: unknown, where: string): AdmissionPolicy {
  try {
    return toAdmissionPolicy(resolvePolicy(RULES, parsePolicy(policy)));
  } catch (error) {
    if (error instanceof PolicyError) throw new ConfigError(`the policy in ${where}: ${error.message}`);
    throw error;
  }
}
