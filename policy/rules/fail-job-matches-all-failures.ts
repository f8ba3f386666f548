import { DOCS } from '../docs-urls.ts';
import { arr, int, obj, str } from '../../kubernetes/index.ts';
import { podFailurePolicyRules } from '../../kubernetes/index.ts';
import { defineRule, type Report } from '../rule.ts';

const LIST_CODES = 'List the exit codes that mean "do not retry" with `operator: In`';
/** backoffLimit is already 0: the first failed pod fails the Job with or without the rule. */
const REMEDIATION_NO_RETRIES = `${LIST_CODES}, or remove the rule: with backoffLimit 0 the first failed pod fails the Job anyway.`;

export default defineRule({
  id: 'fail-job-matches-all-failures',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'A FailJob rule with `operator: NotIn, values: [0]` matches every failed container.',
    rationale:
      'Every failing container has a non-zero exit code, so the rule fails the whole Job at the first failure: it behaves like backoffLimit: 0 while looking like a targeted rule.',
    remediation: `${LIST_CODES}, or set backoffLimit: 0 if that is really intended.`,
    url: DOCS.podFailurePolicy,
  },
  cel: {
    paths:
      "$spec.?podFailurePolicy.?rules.orValue([]).transformList(i, r, r.?action.orValue('') == 'FailJob' && r.?onExitCodes.?operator.orValue('') == 'NotIn' && r.?onExitCodes.?values.orValue([]) == [0], $specPath + '.podFailurePolicy.rules[' + string(i) + ']')",
  },
  check(view) {
    const reports: Report[] = [];
    podFailurePolicyRules(view.spec).forEach((rule, i) => {
      const onExitCodes = obj(rule, 'onExitCodes');
      const values = arr(onExitCodes, 'values') ?? [];
      if (
        str(rule, 'action') === 'FailJob' &&
        str(onExitCodes, 'operator') === 'NotIn' &&
        values.length === 1 &&
        values[0] === 0
      ) {
        reports.push({
          path: view.specPath.child('podFailurePolicy', 'rules').index(i).toString(),
          message: 'NotIn [0] matches every failure: the Job fails at its first failed pod',
          ...(int(view.spec, 'backoffLimit') === 0 ? { remediation: REMEDIATION_NO_RETRIES } : {}),
        });
      }
    });
    return reports;
  },
});
