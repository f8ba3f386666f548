import { describe, expect, test } from '@jest/globals';
import { evaluate, resolvePolicy, RULES, toJobView } from '../../../policy/index.ts';
import { jobOf, wrapInCronJob } from '../../helpers/rule-tester.ts';

/**
 * Every rule with a default: applying it makes the rule's own finding go away, leaves no API
 * server error behind, and a second pass changes nothing (the mutating webhook must be idempotent).
 */
const policy = resolvePolicy(RULES, undefined);
const cases: Record<string, Record<string, unknown>[]> = {
  'require-ttl': [jobOf({ name: 'no TTL', spec: {} })],
  'disruption-ignore-rule': [
    jobOf({
      name: 'FailJob only',
      spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } },
    }),
    wrapInCronJob(
      jobOf({
        name: 'FailJob only',
        spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } },
      }),
    ),
  ],
};

describe('rule defaults', () => {
  test('every rule with a default is covered here', () => {
    expect(
      RULES.filter((r) => r.applyDefault)
        .map((r) => r.id)
        .sort(),
    ).toEqual(Object.keys(cases).sort());
  });

  for (const [id, manifests] of Object.entries(cases)) {
    const rule = RULES.find((r) => r.id === id)!;
    test.each(manifests.map((m) => [String(m.kind), m] as const))(`${id} on a %s`, (_, manifest) => {
      const context = { options: rule.defaultOptions ?? {}, allowSuppressions: true };
      const ruleFindings = (m: Record<string, unknown>) =>
        evaluate(toJobView(m), policy, 'lint').filter((f) => f.ruleId === id);
      expect(ruleFindings(manifest).length).toBeGreaterThan(0);
      const draft = structuredClone(manifest);
      const changes = rule.applyDefault!(draft, toJobView(manifest), context);
      expect(changes).toHaveLength(1);
      expect(ruleFindings(draft)).toEqual([]);
      expect(
        evaluate(toJobView(draft), policy, 'lint').filter((f) => f.origin === 'apiserver' && f.severity === 'error'),
      ).toEqual([]);
      const again = structuredClone(draft);
      expect(rule.applyDefault!(again, toJobView(draft), context)).toEqual([]);
      expect(again).toEqual(draft);
    });
  }
});
