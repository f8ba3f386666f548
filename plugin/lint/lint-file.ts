import type { ResolvedPolicy } from '../../policy/index.ts';
import { UsageError } from '../../edge/index.ts';
import { lintSourceParts, type LintPart, type SourceResult } from './lint-source.ts';
import type { FilePath } from './file-names.ts';
import { readFileCapped, type Source } from './read-source.ts';

/** What one file gave: its results, or the read error that stops the run when its turn comes. */
export type FileOutcome = { readonly result: SourceResult } | { readonly error: string };

/** Lints one read input a part at a time (see lintSourceParts): its text, or the finding for a file that could not be read as text. */
export function* lintFileParts(source: Source, policy: ResolvedPolicy): Generator<LintPart> {
  if (source.rendered !== undefined) {
    // A chart's template or a kustomization's output: each result says what it was rendered from.
    const rendered = source.rendered;
    for (const part of lintFileParts({ ...source, rendered: undefined }, policy))
      yield { ...part, results: part.results.map((result) => ({ ...result, rendered })) };
    return;
  }
  if (source.text !== undefined) {
    yield* lintSourceParts(source.name, source.text, policy);
    return;
  }
  const { ruleId, message } = source.problem ?? { ruleId: 'file-encoding', message: 'the file has no text' };
  yield {
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

/** Lints one read input whole. */
export function lintFile(source: Source, policy: ResolvedPolicy): SourceResult {
  const results: SourceResult['results'] = [];
  let skipped = 0;
  for (const part of lintFileParts(source, policy)) {
    for (const result of part.results) results.push(result);
    skipped += part.skipped;
  }
  return { file: source.name, results, skipped };
}

/** The policy of the i-th file of a batch (each file has its folder's config: plugin/config). */
export type PolicyAt = (index: number) => ResolvedPolicy;

/**
 * Reads and lints files in order. A file that cannot be read ends the batch with its error: the
 * run stops at the first such file, so the files after it are not needed.
 */
export function lintFiles(paths: readonly FilePath[], policy: ResolvedPolicy | PolicyAt): FileOutcome[] {
  const outcomes: FileOutcome[] = [];
  const policyAt = typeof policy === 'function' ? policy : () => policy;
  for (const [i, path] of paths.entries()) {
    let source: Source;
    try {
      source = readFileCapped(path);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      outcomes.push({ error: error.message });
      break;
    }
    outcomes.push({ result: lintFile(source, policyAt(i)) });
  }
  return outcomes;
}

/**
 * Outcomes packed as JSON text, for results that wait for their turn (linted on a worker, or
 * ahead of it here): a result's objects take several times the room of its JSON (seven workers
 * keep up to 14 batches in flight), and a copy holds no part of the files' texts, which strings
 * taken from a text (an object's name, a value quoted in a message) would keep alive. Results
 * are plain data (strings, numbers, null, arrays): they come back the same from the text, but for
 * properties set to undefined, which no format prints.
 */
export type PackedOutcomes = string & { readonly packed: unique symbol };

export function packOutcomes(outcomes: readonly FileOutcome[]): PackedOutcomes {
  return JSON.stringify(outcomes) as PackedOutcomes;
}

export function unpackOutcomes(packed: PackedOutcomes): FileOutcome[] {
  return JSON.parse(packed) as FileOutcome[];
}
