import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * kubectl's reading of manifests, from the Go oracle in test/tools/goyaml-to-json (built on first
 * use into ${JOBX_CACHE:-~/.cache/job-x}/tools by its build.sh; Go is on every machine that runs
 * the tests).
 */
export const ORACLE_BUILD_TIMEOUT_MS = 600_000;

/** A number as it appears in the JSON kubectl sends: its exact text. */
export interface JsonNumber {
  readonly $number: string;
}

export interface KubectlReading {
  /** Each object kubectl would send, numbers as JsonNumber. */
  readonly documents: unknown[];
  /** kubectl's message where it stopped reading the stream. */
  readonly error?: string;
}

const BUILD_SCRIPT = join(import.meta.dirname, '..', 'tools', 'goyaml-to-json', 'build.sh');

let binary: string | undefined;

/** Builds the oracle when the cache lacks it (a minute at most from a cold module cache): call it in a beforeAll. */
export function oracleBinary(): string {
  binary ??= execFileSync('bash', [BUILD_SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  return binary;
}

/** A JSON.parse reviver that keeps the source text of every number (Node 22+ passes it as context). */
function keepNumberText(this: unknown, _key: string, value: unknown, context?: { source?: string }): unknown {
  return typeof value === 'number' ? { $number: context?.source ?? String(value) } : value;
}

/** Reads each text (one file's content) as kubectl does. */
export function readAsKubectl(texts: readonly string[]): KubectlReading[] {
  const output = execFileSync(oracleBinary(), {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  return JSON.parse(output, keepNumberText as (key: string, value: unknown) => unknown) as KubectlReading[];
}
