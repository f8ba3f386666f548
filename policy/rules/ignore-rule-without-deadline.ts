import { DOCS } from '../docs-urls.ts';
import { has, obj, str } from '../../kubernetes/index.ts';
import { podFailurePolicyRules } from '../../kubernetes/index.ts';
import { defineRule, type Report } from '../rule.ts';

const fix = (deadlinePath: string): string =>
  `Set ${deadlinePath} to bound the Job, or use Count for exit codes that may repeat.`;

export default defineRule({
  id: 'ignore-rule-without-deadline',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'An Ignore rule on exit codes without activeDeadlineSeconds can retry forever.',
    rationale:
      'Ignored failures do not count toward backoffLimit; if the matching exit code is permanent, the Job recreates the pod endlessly.',
    remediation: fix('spec.activeDeadlineSeconds'),
    url: DOCS.podFailurePolicy,
  },
  cel: {
    paths:
      "has($spec.activeDeadlineSeconds) ? [] : $spec.?podFailurePolicy.?rules.orValue([]).transformList(i, r, r.?action.orValue('') == 'Ignore' && has(r.onExitCodes), $specPath + '.podFailurePolicy.rules[' + string(i) + ']')",
  },
  check(view) {
    if (has(view.spec, 'activeDeadlineSeconds')) return [];
    const reports: Report[] = [];
    podFailurePolicyRules(view.spec).forEach((rule, i) => {
      if (str(rule, 'action') === 'Ignore' && obj(rule, 'onExitCodes')) {
        reports.push({
          path: view.specPath.child('podFailurePolicy', 'rules').index(i).toString(),
          message: 'ignored exit codes are retried without limit and there is no activeDeadlineSeconds',
          remediation: fix(view.specPath.child('activeDeadlineSeconds').toString()),
        });
      }
    });
    return reports;
  },
});
