import { ConfigError, loadPolicy, preloadPolicyParser } from '../../edge/index.ts';
import {
  defaultPolicyDocument,
  PolicyError,
  resolvePolicy,
  RULES,
  toAdmissionPolicy,
  type AdmissionPolicy,
} from '../../policy/index.ts';

/**
 * The policy the audit judges with, prepared as the webhook prepares its own (toAdmissionPolicy,
 * with the document for the per-namespace overrides): --policy FILE, or the policy the webhook
 * ships with (policy/default-policy.json, the one copy).
 */
export async function loadAuditPolicy(file: string | undefined): Promise<AdmissionPolicy> {
  if (file !== undefined) {
    const { resolved, document } = await loadPolicy(file);
    return toAdmissionPolicy(resolved, RULES, document);
  }
  const document = defaultPolicyDocument();
  return toAdmissionPolicy(resolvePolicy(RULES, document), RULES, document);
}

/** A policy document read from the cluster (the webhook's ConfigMap), checked as a policy file is. */
export async function toClusterPolicy(policy: unknown, where: string): Promise<AdmissionPolicy> {
  const { parsePolicy } = await preloadPolicyParser();
  try {
    const document = parsePolicy(policy);
    return toAdmissionPolicy(resolvePolicy(RULES, document), RULES, document);
  } catch (error) {
    if (error instanceof PolicyError) throw new ConfigError(`the policy in ${where}: ${error.message}`);
    throw error;
  }
}
