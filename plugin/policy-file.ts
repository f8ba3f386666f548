import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { PolicyError, resolvePolicy, RULES, type ResolvedPolicy } from '../policy/index.ts';
import { parsePolicy } from '../policy/validate-policy.ts';
import { ConfigError } from './errors.ts';

/** Reads, validates and applies a policy file; every problem is a ConfigError naming the file. */
export async function loadPolicyFile(path: string | undefined): Promise<ResolvedPolicy> {
  if (path === undefined) return resolvePolicy(RULES, undefined);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`cannot read policy file ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  let document: unknown;
  try {
    document = parse(text, { version: '1.1' });
  } catch (error) {
    throw new ConfigError(`policy file ${path} is not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  try {
    return resolvePolicy(RULES, parsePolicy(document));
  } catch (error) {
    if (error instanceof PolicyError) throw new ConfigError(`policy file ${path}: ${error.message}`);
    throw error;
  }
}
