import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { evaluate, isApiServerRejection, resolvePolicy, RULES, toJobView } from '../../../policy/index.ts';
import { loadCorpus, manifestOf } from '../../helpers/corpus.ts';

const RULES_DIR = join(import.meta.dirname, '..', '..', '..', 'policy', 'rules');
const ruleFiles = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));

describe('rule registry', () => {
  test('every rule file is registered, once, and the registry is sorted by id', () => {
    const ids = RULES.map((r) => r.id);
    expect([...ids].sort()).toEqual([...ruleFiles].sort());
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each(RULES.map((r) => [r.id, r] as const))('%s is documented', (id, rule) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule.docs.summary.length).toBeGreaterThan(10);
    expect(rule.docs.rationale.length).toBeGreaterThan(20);
    expect(rule.docs.remediation).toMatch(/\.$/);
    expect(rule.docs.url).toMatch(/^https:\/\//);
    expect(['lint', 'admission', 'both']).toContain(rule.stage);
    expect(rule.origin === 'apiserver' || rule.origin === 'policy').toBe(true);
  });

  test('at least 15 policy rules', () => {
    expect(RULES.filter((r) => r.origin === 'policy').length).toBeGreaterThanOrEqual(15);
  });

  test('every apiserver error rule is exercised by the corpus, which the real API server judges', () => {
    const policy = resolvePolicy(RULES, undefined);
    const fired = new Set<string>();
    for (const c of loadCorpus())
      for (const f of evaluate(toJobView(manifestOf(c)), policy, 'lint'))
        if (isApiServerRejection(f)) fired.add(f.ruleId);
    const apiserverErrorRules = RULES.filter((r) => r.origin === 'apiserver' && r.severity === 'error').map(
      (r) => r.id,
    );
    expect(apiserverErrorRules.filter((id) => !fired.has(id))).toEqual([]);
  });

  test('every policy rule has a table in the rule tests', () => {
    const tested = readFileSync(join(import.meta.dirname, 'rules', 'policy-rules.test.ts'), 'utf8');
    const missing = RULES.filter((r) => r.origin === 'policy' && !tested.includes(`rule('${r.id}')`)).map((r) => r.id);
    expect(missing).toEqual([]);
  });
});
