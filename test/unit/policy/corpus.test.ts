import { describe, expect, test } from '@jest/globals';
import { evaluate, isApiServerRejection, resolvePolicy, RULES, toJobView } from '../../../policy/index.ts';
import { loadCorpus, manifestOf } from '../../helpers/corpus.ts';

const policy = resolvePolicy(RULES, undefined);
const corpus = loadCorpus();

/** (path, type) pairs, as the API server's 422 causes list them. */
const key = (path: string, type: string | undefined): string => `${path} ${type}`;

describe('create-time corpus: lint agrees with the API server', () => {
  test('the corpus has at least 150 cases with unique names', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  test.each(corpus.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', (_, c) => {
    const findings = evaluate(toJobView(manifestOf(c)), policy, 'lint');
    const errors = findings.filter(isApiServerRejection);
    if (c.refused) {
      expect(errors.map((f) => f.path)).toContain(c.refused.path);
      if (c.refused.message !== undefined)
        expect(errors.filter((f) => f.path === c.refused?.path).map((f) => f.message)).toContain(c.refused.message);
      return;
    }
    const actual = [...new Set(errors.map((f) => key(f.path, f.type)))].sort();
    const expected = [...new Set(c.errors.map((e) => key(e.path, e.type)))].sort();
    expect(actual).toEqual(expected);
    const warnings = findings
      .filter((f) => f.origin === 'apiserver' && f.severity === 'warning')
      .map((f) => `${f.path}: ${f.message}`);
    for (const warning of c.warnings ?? []) expect(warnings.join('\n')).toContain(warning);
  });
});
