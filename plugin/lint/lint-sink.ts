import type { ResolvedPolicy } from '../../policy/index.ts';
import { UsageError } from '../../edge/index.ts';
import type { FileOutcome } from './lint-file.ts';
import { lintFileParts } from './lint-file.ts';
import type { ObjectResult } from './lint-source.ts';
import type { Source } from './read-source.ts';

/**
 * Where lint's results go, in input order, as soon as they are known: the command writes them out
 * and forgets them. A promise returned by `results` is awaited before more is linted (the output
 * is not keeping up).
 */
export interface LintSink {
  /** Results of the current input, a part of it at a time. */
  results(results: readonly ObjectResult[]): void | Promise<void>;
  /** The current input is done; `skipped` of its objects were not Jobs or CronJobs. */
  inputDone(skipped: number): void;
}

/** Lints one read input on this thread, its results going to the sink a part at a time. */
export async function lintIntoSink(source: Source, policy: ResolvedPolicy, sink: LintSink): Promise<void> {
  let skipped = 0;
  for (const part of lintFileParts(source, policy)) {
    const written = sink.results(part.results);
    if (written) await written;
    skipped += part.skipped;
  }
  sink.inputDone(skipped);
}

/** Hands the outcomes of files linted earlier (on a worker, or ahead of their turn) to the sink; a read error is thrown at its place. */
export async function deliverOutcomes(outcomes: readonly FileOutcome[], sink: LintSink): Promise<void> {
  for (const outcome of outcomes) {
    if ('error' in outcome) throw new UsageError(outcome.error);
    const written = sink.results(outcome.result.results);
    if (written) await written;
    sink.inputDone(outcome.result.skipped);
  }
}
