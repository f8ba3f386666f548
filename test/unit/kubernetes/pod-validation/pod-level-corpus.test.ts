import { describe, expect, test } from '@jest/globals';
import { loadPodLevelCorpus, podLevelErrors } from '../../../helpers/pod-level-validation.ts';

/** (path, type) pairs, as the API server's 422 causes list them. */
const key = (path: string, type: string): string => `${path} ${type}`;
const corpus = loadPodLevelCorpus();

describe('pod-level corpus: the ported validators give the API server’s causes', () => {
  test('the corpus has at least 200 cases with unique names', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  test.each(corpus.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', (_, c) => {
    const actual = [...new Set(podLevelErrors(c).map((e) => key(e.path, e.type)))].sort();
    expect(actual).toEqual([...new Set(c.errors.map((e) => key(e.path, e.type)))].sort());
  });
});
