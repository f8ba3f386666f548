import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { evaluate, isApiServerRejection, resolvePolicy, RULES, toJobView } from '../../../policy/index.ts';
import { loadCorpus, manifestOf } from '../../helpers/corpus.ts';
import { POLICY_RULE_CASES } from '../../helpers/policy-rule-cases.ts';

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
    const missing = RULES.filter((r) => r.origin === 'policy' && !Object.hasOwn(POLICY_RULE_CASES, r.id)).map(
      (r) => r.id,
    );
    expect(missing).toEqual([]);
  });

  // The admission-policy export: the differential e2e test (test/e2e/admission-policy/) sends each
  // rule's table through the exported CEL and through the webhook, so a CEL form without cases
  // would be an export nobody proved equal to the webhook.
  test('every policy rule has a CEL form with test cases, or says why it has none', () => {
    const problems = RULES.filter((r) => r.origin === 'policy').flatMap((r) => {
      if (!r.cel) return [`${r.id}: no cel (a CEL form, or notExpressible with the reason)`];
      if ('notExpressible' in r.cel)
        return r.cel.notExpressible.trim().length < 20 ? [`${r.id}: notExpressible needs a real reason`] : [];
      const cases = POLICY_RULE_CASES[r.id];
      return cases && cases.valid.length > 0 && cases.invalid.length > 0
        ? []
        : [`${r.id}: a CEL form but no valid and invalid cases for the differential test`];
    });
    expect(problems).toEqual([]);
  });

  test('every default says how it exports to CEL, or why it cannot', () => {
    const problems = RULES.filter((r) => r.applyDefault && !r.defaultCel).map((r) => r.id);
    expect(problems).toEqual([]);
  });
});
