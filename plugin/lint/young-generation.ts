import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import type { LintSink } from './lint-sink.ts';

/** Two semi-spaces of 16 MiB: the young generation lint lets V8 grow to. */
const NEW_SPACE_CAP = 32 * 1024 * 1024;

/**
 * A sink that stops the young generation of V8's heap from growing once it reached NEW_SPACE_CAP.
 *
 * V8 lets a busy program's young generation grow to two semi-spaces of 64 MiB (on a machine with
 * 16 GB or more), and what it promotes fills the old generation as fast. Measured (2 cores): lint
 * of 16 MiB of small Jobs peaked at 260-300 MB, three such files at 310-370 MB, where with
 * `node --max-semi-space-size=16` they took 165-220 MB and 225-240 MB, in the same time (a
 * smaller cap is slower: 8 MiB took 10% more time, no growth at all 25% more). That flag can only
 * be given when Node starts, which a kubectl plugin cannot do; stopping the growth at the cap
 * gives the same, as V8 reads the growth factor each time it grows the young generation.
 *
 * The flag is the process's: worker threads stop growing too (their young generation has the same
 * bound through resourceLimits, which only sets a maximum). The 10,000 files of bench:lint took
 * 2.4-2.7 s and 175-185 MB so, 2.8-3.3 s and 220 MB without.
 */
export function withYoungGenerationCap(sink: LintSink): LintSink {
  let capped = false;
  return {
    results(results) {
      if (!capped && newSpaceSize() >= NEW_SPACE_CAP) {
        capped = true;
        stopGrowth();
      }
      return sink.results(results);
    },
    inputDone: (skipped) => sink.inputDone(skipped),
  };
}

function newSpaceSize(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

function stopGrowth(): void {
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
  } catch {
    // A runtime without the flag: memory is then only higher, never wrong.
  }
}

/** The most a worker thread's young generation may take, as withYoungGenerationCap bounds this thread's (three semi-spaces, as V8 counts it). */
export const WORKER_YOUNG_GENERATION_MB = (3 * NEW_SPACE_CAP) / 2 / 1024 / 1024;
