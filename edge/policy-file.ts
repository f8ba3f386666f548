import { describeError } from '../kubernetes/index.ts';
import { PolicyError, resolvePolicy, RULES, type ResolvedPolicy } from '../policy/index.ts';
import type { JobXPolicy } from '../schemas/generated/policy.ts';
import { ConfigError } from './errors.ts';
import { readTextCapped } from './read-text-capped.ts';

/** A policy is a few kilobytes; a file this large is a mistake (or a device). */
const MAX_POLICY_BYTES = 1024 * 1024;

export interface LoadedPolicy {
  readonly resolved: ResolvedPolicy;
  /** The validated policy document (undefined without a file), from which a worker thread resolves the same policy. */
  readonly document: JobXPolicy | undefined;
}

/** Reads, validates and applies a policy file; every problem is a ConfigError naming the file. */
export async function loadPolicyFile(path: string | undefined): Promise<ResolvedPolicy> {
  return (await loadPolicy(path)).resolved;
}

/** loadPolicyFile, also giving the validated document. */
export async function loadPolicy(path: string | undefined): Promise<LoadedPolicy> {
  if (path === undefined) return { resolved: resolvePolicy(RULES, undefined), document: undefined };
  const text = await readTextCapped(path, MAX_POLICY_BYTES).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(
      `cannot read policy file ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });
  if (text === undefined)
    throw new ConfigError(`cannot read policy file ${path}: larger than 1 MiB, more than a policy needs`);
  // Loaded only with --policy: the YAML parser and the JSON schema validator (ajv) would
  // otherwise cost every run its start-up time.
  const [{ yamlPackage }, { parsePolicy }] = await Promise.all([
    import('./yaml-package.ts'),
    import('../policy/validate-policy.ts'),
  ]);
  let document: unknown;
  try {
    document = yamlPackage().parse(text, { version: '1.1' });
  } catch (error) {
    throw new ConfigError(`policy file ${path} is not valid YAML: ${describeError(error).split('\n')[0]}`);
  }
  try {
    const policy = parsePolicy(document);
    return { resolved: resolvePolicy(RULES, policy), document: policy };
  } catch (error) {
    if (error instanceof PolicyError) throw new ConfigError(`policy file ${path}: ${error.message}`);
    throw error;
  }
}
