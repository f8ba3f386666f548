import { describe, expect, test } from '@jest/globals';
import { evaluate, PolicyError, resolvePolicy, RULES, toJobView, type Rule } from '../../../policy/index.ts';
import { defineRule } from '../../../policy/rule.ts';

const job = (annotations: Record<string, string> = {}, spec: Record<string, unknown> = {}) =>
  toJobView({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'x', annotations },
    spec: {
      template: { spec: { restartPolicy: 'Always', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
      ...spec,
    },
  });

const ids = (findings: { ruleId: string }[]) => [...new Set(findings.map((f) => f.ruleId))].sort();

describe('evaluate', () => {
  const policy = resolvePolicy(RULES, undefined);

  test('a suppression with a reason hides that policy rule only', () => {
    const before = ids(evaluate(job(), policy, 'lint'));
    const after = ids(
      evaluate(job({ 'ignore.job-x.dev/require-ttl': 'cleaned up by the nightly job' }), policy, 'lint'),
    );
    expect(before).toContain('require-ttl');
    expect(after).not.toContain('require-ttl');
    expect(after).toContain('require-active-deadline');
  });

  test('a suppression never hides an API server error', () => {
    const findings = evaluate(job({ 'ignore.job-x.dev/restart-policy': 'we know' }), policy, 'lint');
    expect(ids(findings)).toContain('restart-policy');
  });

  test('a suppression without a reason is not honoured and is reported', () => {
    const findings = ids(evaluate(job({ 'ignore.job-x.dev/require-ttl': '' }), policy, 'lint'));
    expect(findings).toContain('require-ttl');
    expect(findings).toContain('suppression-annotation');
  });

  test('a policy that disallows suppressions keeps the finding and says why', () => {
    const strict = resolvePolicy(RULES, {
      apiVersion: 'job-x.dev/v1alpha1',
      kind: 'Policy',
      suppressions: { allow: false },
    });
    const findings = ids(evaluate(job({ 'ignore.job-x.dev/require-ttl': 'reason' }), strict, 'lint'));
    expect(findings).toEqual(expect.arrayContaining(['require-ttl', 'suppression-annotation']));
  });

  test('levels from the policy replace the built-in severity; off removes the rule', () => {
    const custom = resolvePolicy(RULES, {
      apiVersion: 'job-x.dev/v1alpha1',
      kind: 'Policy',
      rules: { 'require-ttl': 'deny', 'require-active-deadline': 'off' },
    });
    const findings = evaluate(job(), custom, 'lint');
    expect(findings.find((f) => f.ruleId === 'require-ttl')?.severity).toBe('error');
    expect(findings.some((f) => f.ruleId === 'require-active-deadline')).toBe(false);
  });

  test('a rule that throws becomes an internal-error finding, not a crash', () => {
    const broken: Rule = defineRule({
      id: 'broken',
      origin: 'policy',
      severity: 'warning',
      stage: 'both',
      docs: { summary: 's', rationale: 'r', remediation: 'm.', url: 'https://example.invalid' },
      check: () => {
        throw new Error('boom');
      },
    });
    const findings = evaluate(job(), resolvePolicy([broken], undefined), 'lint');
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'internal-error',
        severity: 'error',
        message: expect.stringContaining('boom'),
      }),
    ]);
  });

  test('lint-only rules do not run at admission', () => {
    const view = toJobView({ apiVersion: 'batch/v1beta1', kind: 'Job', metadata: { name: 'x' }, spec: {} });
    expect(ids(evaluate(view, policy, 'lint'))).toContain('api-version');
    expect(ids(evaluate(view, policy, 'admission'))).not.toContain('api-version');
  });
});

describe('resolvePolicy', () => {
  const base = { apiVersion: 'job-x.dev/v1alpha1', kind: 'Policy' } as const;
  test.each([
    [{ ...base, rules: { 'no-such-rule': 'warn' } }, 'rules.no-such-rule'],
    [{ ...base, rules: { 'restart-policy': 'off' } }, 'rules.restart-policy'],
    [{ ...base, rules: { 'require-ttl': { options: { secs: 5 } } } }, 'rules.require-ttl.options.secs'],
    [{ ...base, rules: { 'require-ttl': { options: { seconds: '5' } } } }, 'rules.require-ttl.options.seconds'],
    [{ ...base, defaults: ['require-active-deadline'] }, 'defaults[0]'],
  ] as const)('%j is refused at %s', (policy, key) => {
    expect(() => resolvePolicy(RULES, policy as never)).toThrow(PolicyError);
    try {
      resolvePolicy(RULES, policy as never);
    } catch (error) {
      expect((error as PolicyError).key).toBe(key);
    }
  });
});
