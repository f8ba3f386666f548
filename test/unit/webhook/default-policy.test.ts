import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../policy/index.ts';
import { parsePolicy } from '../../../policy/validate-policy.ts';
import { defaultPolicyDocument, loadDefaultPolicy, toAdmissionPolicy } from '../../../policy/index.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('the shipped default policy', () => {
  test('is a valid policy document', () => {
    expect(() =>
      parsePolicy(JSON.parse(readFileSync(join(ROOT, 'policy', 'default-policy.json'), 'utf8'))),
    ).not.toThrow();
    expect(() => loadDefaultPolicy()).not.toThrow();
  });

  test('gives every policy rule a deliberate level (a new rule must be added to it)', () => {
    const named = Object.keys(defaultPolicyDocument().rules ?? {}).sort();
    expect(named).toEqual(
      RULES.filter((r) => r.origin === 'policy')
        .map((r) => r.id)
        .sort(),
    );
  });

  test('defaults the TTL of standalone Jobs and leaves kube-system alone', () => {
    const policy = loadDefaultPolicy();
    expect([...policy.defaults]).toEqual(['require-ttl']);
    expect(policy.exemptNamespaces.has('kube-system')).toBe(true);
  });

  test('denies only findings that can never be intended, and every one is documented in docs/webhook.md', () => {
    const policy = loadDefaultPolicy();
    const deny = policy.rules.filter((r) => r.rule.origin === 'policy' && r.severity === 'error').map((r) => r.rule.id);
    expect(deny.sort()).toEqual([
      'active-deadline-zero',
      'exit-code-out-of-range',
      'manual-selector-adopts-all',
      'succeeded-count-zero',
    ]);
    const doc = readFileSync(join(ROOT, 'docs', 'webhook.md'), 'utf8');
    for (const [id, setting] of Object.entries(defaultPolicyDocument().rules ?? {})) {
      expect(doc).toMatch(new RegExp(`^\\| \`${id}\` \\| ${String(setting)} \\|`, 'm'));
    }
  });

  test('at admission, only policy rules run: the API server applies its own', () => {
    const admission = toAdmissionPolicy(loadDefaultPolicy());
    expect(admission.evaluation.rules.length).toBeGreaterThan(0);
    expect(admission.evaluation.rules.every((r) => r.rule.origin === 'policy')).toBe(true);
  });
});
