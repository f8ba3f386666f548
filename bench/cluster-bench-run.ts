// What the benchmarks on the testbed (bench:diagnose, bench:sweep) do around their measurements:
// a failure that ends the run with its message (exit 1), the raw figures written to bench/out/,
// and their namespace kept (--keep) or deleted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteNamespace } from '../test/e2e/helpers/namespace.ts';

const OUT = join(resolve(dirname(fileURLToPath(import.meta.url))), 'out');

/** A tool that failed or a sanity check that did not hold: its message is the whole report. */
export class BenchError extends Error {
  override name = 'BenchError';
}

/** bench/out/<name>.json. */
export function writeRawFigures(name: string, figures: unknown): void {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** Keeps the namespace (saying how to reuse it) or starts its deletion. */
export async function leaveNamespace(namespace: string, keep: boolean, log: (line: string) => void): Promise<void> {
  if (keep) log(`kept namespace ${namespace} (rerun with --namespace ${namespace})`);
  else {
    await deleteNamespace(namespace);
    log(`deleting namespace ${namespace}`);
  }
}

/** Runs the benchmark; a failure ends the process with exit 1 and one line (a stack only for the unexpected). */
export function runBench(bench: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${bench}: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
