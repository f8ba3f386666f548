import type { ResolvedPolicy } from '../../policy/index.ts';
import { UsageError } from '../../edge/index.ts';
import { lintSource, type SourceResult } from './lint-source.ts';
import type { FilePath } from './file-names.ts';
import { readFileCapped, type Source } from './read-source.ts';

/** What one file gave: its results, or the read error that stops the run when its turn comes. */
export type FileOutcome = { readonly result: SourceResult } | { readonly error: string };

/** Lints one read input: its text, or the finding for a file that could not be read as text. */
export function lintFile(source: Source, policy: ResolvedPolicy): SourceResult {
  if (source.text !== undefined) return lintSource(source.name, source.text, policy);
  const { ruleId, message } = source.problem ?? { ruleId: 'file-encoding', message: 'the file has no text' };
  return {
    file: source.name,
    skipped: 0,
    results: [
      {
        file: source.name,
        document: 0,
        kind: null,
        namespace: null,
        name: null,
        findings: [{ ruleId, severity: 'error', origin: 'parser', path: '', line: 1, column: 1, message }],
      },
    ],
  };
}

/**
 * Reads and lints files in order. A file that cannot be read ends the batch with its error: the
 * run stops at the first such file, so the files after it are not needed.
 */
export function lintFiles(paths: readonly FilePath[], policy: ResolvedPolicy): FileOutcome[] {
  const outcomes: FileOutcome[] = [];
  for (const path of paths) {
    let source: Source;
    try {
      source = readFileCapped(path);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      outcomes.push({ error: error.message });
      break;
    }
    outcomes.push({ result: lintFile(source, policy) });
  }
  return outcomes;
}

/**
 * A copy of results that holds no part of the files' texts. Strings taken from a text (an
 * object's name, a value quoted in a message) can keep the whole text alive; results that come
 * from a worker are copies already. Without this, a large run kept every file it read in memory
 * (and the heap grew twice as large).
 */
export function detach<T>(results: T): T {
  return structuredClone(results);
}
