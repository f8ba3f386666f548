import { RULES } from '../../../../policy/index.ts';
import { POLICY_RULE_CASES } from '../../../helpers/policy-rule-cases.ts';
import { runRuleTests } from '../../../helpers/rule-tester.ts';

for (const [id, cases] of Object.entries(POLICY_RULE_CASES)) {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  runRuleTests(rule, cases);
}
