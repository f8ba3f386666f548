// `--index 5,7-9`: which indexes to show in detail. Read with the API server's strict grammar
// (the one succeededIndexes must follow), so a selection means exactly what it would in a spec.
import { parseIndexesLenient, parseIndexesStrict, type IndexInterval } from '../../kubernetes/index.ts';

export type IndexSelection =
  { readonly ok: true; readonly intervals: IndexInterval[] } | { readonly ok: false; readonly error: string };

const TOO_LARGE = /^too large index: "(.*)"$/;

export function parseIndexSelection(text: string, completions: number): IndexSelection {
  const quoted = JSON.stringify(text);
  const range = completions > 0 ? `indexes 0-${completions - 1}` : 'no indexes';
  if (text === '')
    return { ok: false, error: `--index needs at least one index, such as 5 or 5,7-9 (the Job has ${range})` };
  const strict = parseIndexesStrict(text, completions);
  if (!strict.ok) {
    const tooLarge = TOO_LARGE.exec(strict.error);
    if (tooLarge)
      return {
        ok: false,
        error: `--index ${quoted}: index ${tooLarge[1]} is out of range: the Job has ${completions} completion${completions === 1 ? '' : 's'} (${range})`,
      };
    return {
      ok: false,
      error: `--index ${quoted}: ${strict.error} (expected ascending indexes and ranges such as 5,7-9)`,
    };
  }
  // Valid in the strict grammar: the lenient reading gives the same indexes, as intervals.
  return { ok: true, intervals: parseIndexesLenient(text, completions) };
}
