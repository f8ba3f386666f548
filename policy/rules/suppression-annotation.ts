import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { defineRule, type Report } from '../rule.ts';
import { suppressionsOf } from '../suppression.ts';

export default defineRule({
  id: 'suppression-annotation',
  origin: 'policy',
  severity: 'error',
  stage: 'both',
  docs: {
    summary:
      'A suppression annotation `ignore.job-x.dev/<rule-id>` must carry a reason, and is only honoured where the policy allows it.',
    rationale:
      'A suppression without a reason cannot be reviewed later; an empty one is not honoured, so the finding it meant to hide still shows.',
    remediation:
      'Write the reason as the annotation value, e.g. `ignore.job-x.dev/require-ttl: "kept for audit; deleted by the nightly cleanup"`.',
    url: DOCS.annotations,
  },
  cel: {
    paths:
      "$object.metadata.?annotations.orValue({}).filter(k, k.startsWith('ignore.job-x.dev/') && (!$allowSuppressions || $object.metadata.annotations[k].trim() == '')).map(k, 'metadata.annotations[' + k + ']')",
  },
  check(view, { allowSuppressions }) {
    const reports: Report[] = [];
    for (const suppression of suppressionsOf(view)) {
      const path = FieldPath.root('metadata', 'annotations').key(suppression.annotation).toString();
      if (!allowSuppressions)
        reports.push({
          path,
          message: 'suppression annotations are not allowed by the policy; the finding still applies',
        });
      else if (suppression.reason === '')
        reports.push({ path, message: `suppression of ${suppression.ruleId} has no reason and is not honoured` });
    }
    return reports;
  },
});
