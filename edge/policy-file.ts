import { closeSync, openSync, readSync } from 'node:fs';
import { describeError } from '../kubernetes/index.ts';
import { PolicyError, resolvePolicy, RULES, type ResolvedPolicy } from '../policy/index.ts';
import type { JobXPolicy } from '../schemas/generated/policy.ts';
import type * as Yaml from 'yaml';
import { ConfigError } from './errors.ts';
import { policyErrorHint } from './policy-error-hint.ts';
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
    throw cannotRead(path, error);
  });
  if (text === undefined) throw tooLarge(path);
  return await parsePolicyText(path, text);
}

/**
 * loadPolicy for the config files lint finds while it walks the folders (synchronously, as the
 * walk is: see plugin/lint/sources.ts). The parser and ajv are loaded by the caller first
 * (preloadPolicyParser), so that a run without a config never loads them.
 */
export function loadPolicySync(path: string, parser: PolicyParser): LoadedPolicy {
  let text: string | undefined;
  try {
    text = readCappedSync(path, MAX_POLICY_BYTES);
  } catch (error) {
    throw cannotRead(path, error as NodeJS.ErrnoException);
  }
  if (text === undefined) throw tooLarge(path);
  return toLoadedPolicy(path, text, parser);
}

export interface PolicyParser {
  readonly yaml: typeof Yaml;
  readonly parsePolicy: (document: unknown) => JobXPolicy;
}

/**
 * The YAML parser and the JSON schema validator (ajv), loaded only when a policy is read: they
 * would otherwise cost every run its start-up time.
 */
export async function preloadPolicyParser(): Promise<PolicyParser> {
  const [{ yamlPackage }, { parsePolicy }] = await Promise.all([
    import('./yaml-package.ts'),
    import('../policy/validate-policy.ts'),
  ]);
  return { yaml: yamlPackage(), parsePolicy };
}

async function parsePolicyText(path: string, text: string): Promise<LoadedPolicy> {
  return toLoadedPolicy(path, text, await preloadPolicyParser());
}

/**
 * A policy file is job-x's own, read as YAML 1.2 (the `yaml` package's default): `off`, `no` and
 * `yes` stay strings, as the levels need. Manifests are read as kubectl reads them (YAML 1.1).
 */
function toLoadedPolicy(path: string, text: string, parser: PolicyParser): LoadedPolicy {
  let document: unknown;
  try {
    document = parser.yaml.parse(text, { version: '1.2', uniqueKeys: true });
  } catch (error) {
    throw new ConfigError(`policy file ${path} is not valid YAML: ${describeError(error).split('\n')[0]}`);
  }
  try {
    const policy = parser.parsePolicy(document);
    return { resolved: resolvePolicy(RULES, policy), document: policy };
  } catch (error) {
    if (error instanceof PolicyError)
      throw new ConfigError(`policy file ${path}: ${error.message}`, { hint: policyErrorHint(error.key) });
    throw error;
  }
}

function cannotRead(path: string, error: NodeJS.ErrnoException): ConfigError {
  return new ConfigError(
    `cannot read policy file ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
  );
}

function tooLarge(path: string): ConfigError {
  return new ConfigError(`cannot read policy file ${path}: larger than 1 MiB, more than a policy needs`);
}

/** readTextCapped, synchronously. */
function readCappedSync(path: string, maxBytes: number): string | undefined {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(maxBytes + 1);
    let total = 0;
    for (;;) {
      const read = readSync(fd, buffer, total, buffer.length - total, null);
      if (read === 0) return buffer.toString('utf8', 0, total);
      total += read;
      if (total > maxBytes) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}
