import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { settleExactIntegers } from '../../plugin/yaml/exact-numbers.ts';

export interface CorpusCase {
  readonly file: string;
  readonly name: string;
  readonly from?: string;
  readonly base: 'job' | 'cronjob';
  readonly patch?: unknown;
  readonly errors: readonly { path: string; type: string }[];
  readonly warnings?: readonly string[];
  /**
   * Refused before validation (400/404 without causes); lint must report this path, and, when
   * `message` is given, the API server's decode message exactly (the server's answer contains it).
   */
  readonly refused?: { readonly path: string; readonly message?: string };
}

const CORPUS_DIR = join(import.meta.dirname, '..', 'corpus');

/**
 * Integers as bigints, so that int64s beyond 2^53 keep their digits; manifestOf() turns them into
 * numbers with their digits recorded, as the YAML reader does, and the conformance test sends
 * them to the API server exactly.
 */
const PARSE_OPTIONS = { intAsBigInt: true } as const;

/** RFC 7386 JSON merge patch: objects merge, anything else replaces, null deletes. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? structuredClone(target as Record<string, unknown>)
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** The cases of one corpus folder (`create`). */
export function loadCorpus(folder = 'create'): CorpusCase[] {
  const dir = join(CORPUS_DIR, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) => {
      const doc = parse(readFileSync(join(dir, file), 'utf8'), PARSE_OPTIONS) as { cases: Omit<CorpusCase, 'file'>[] };
      return doc.cases.map((c) => ({ ...c, file, errors: c.errors ?? [] }));
    });
}

const bases = parse(readFileSync(join(CORPUS_DIR, 'bases.yaml'), 'utf8'), PARSE_OPTIONS) as Record<string, unknown>;

export function manifestOf(c: CorpusCase): Record<string, unknown> {
  return settleExactIntegers(mergePatch(bases[c.base], c.patch ?? {})) as Record<string, unknown>;
}
