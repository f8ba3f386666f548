import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { int, obj } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'cronjob-failed-history-zero',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  kinds: ['CronJob'],
  docs: {
    summary: 'failedJobsHistoryLimit: 0 deletes failed Jobs at once.',
    rationale: 'With no failed Job kept, its pods and logs are gone before anyone can ask why the run failed.',
    remediation: 'Keep at least one failed Job (the default is 1).',
    url: DOCS.cronHistory,
  },
  cel: {
    paths: "$object.spec.?failedJobsHistoryLimit.orValue(-1) == 0 ? ['spec.failedJobsHistoryLimit'] : []",
  },
  check(view) {
    return int(obj(view.object, 'spec'), 'failedJobsHistoryLimit') === 0
      ? [
          {
            path: FieldPath.root('spec', 'failedJobsHistoryLimit').toString(),
            message: 'failed runs are deleted immediately, with their logs',
          },
        ]
      : [];
  },
});
