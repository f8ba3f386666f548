import { DOCS } from '../docs-urls.ts';
import { has } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'ttl-in-cronjob',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  kinds: ['CronJob'],
  docs: {
    summary: "ttlSecondsAfterFinished in a CronJob's jobTemplate competes with its history limits.",
    rationale:
      'The CronJob keeps the last successfulJobsHistoryLimit / failedJobsHistoryLimit Jobs; a TTL deletes them behind its back, so the history (and the evidence of failed runs) can vanish early.',
    remediation:
      'Remove ttlSecondsAfterFinished from the jobTemplate and tune successfulJobsHistoryLimit and failedJobsHistoryLimit instead.',
    url: DOCS.cronHistory,
  },
  cel: {
    paths: "has($spec.ttlSecondsAfterFinished) ? [$specPath + '.ttlSecondsAfterFinished'] : []",
  },
  check(view) {
    return has(view.spec, 'ttlSecondsAfterFinished')
      ? [
          {
            path: view.specPath.child('ttlSecondsAfterFinished').toString(),
            message: 'a TTL inside a CronJob template deletes Jobs the history limits would keep',
          },
        ]
      : [];
  },
});
