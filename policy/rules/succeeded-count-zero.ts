import { DOCS } from '../docs-urls.ts';
import { int, obj, objects } from '../../kubernetes/index.ts';
import { defineRule, type Report } from '../rule.ts';

export default defineRule({
  id: 'succeeded-count-zero',
  origin: 'policy',
  severity: 'error',
  stage: 'both',
  docs: {
    summary: 'A successPolicy rule with succeededCount: 0 declares success at the first succeeded index.',
    rationale:
      'The API server accepts 0, but the controller evaluates the success policy as soon as any index succeeds, and a count of 0 is then already met: the remaining indexes are terminated.',
    remediation:
      'Set succeededCount to the number of indexes that must succeed (at least 1), or list them in succeededIndexes.',
    url: DOCS.successPolicy,
  },
  cel: {
    paths:
      "$spec.?successPolicy.?rules.orValue([]).transformList(i, r, r.?succeededCount.orValue(-1) == 0, $specPath + '.successPolicy.rules[' + string(i) + '].succeededCount')",
  },
  check(view) {
    const reports: Report[] = [];
    objects(obj(view.spec, 'successPolicy'), 'rules').forEach((rule, i) => {
      if (int(rule, 'succeededCount') === 0) {
        reports.push({
          path: view.specPath.child('successPolicy', 'rules').index(i).child('succeededCount').toString(),
          message: 'succeededCount 0 is met by the first succeeded index; the other indexes are then terminated',
        });
      }
    });
    return reports;
  },
});
