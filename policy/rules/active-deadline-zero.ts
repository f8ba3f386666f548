import { DOCS } from '../docs-urls.ts';
import { int } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'active-deadline-zero',
  origin: 'policy',
  severity: 'error',
  stage: 'both',
  docs: {
    summary: 'activeDeadlineSeconds: 0 fails the Job as soon as it starts.',
    rationale:
      'The API server accepts 0, but the controller then marks the Job Failed with reason DeadlineExceeded at its first sync, before any pod can finish.',
    remediation: 'Set activeDeadlineSeconds to the longest the whole Job may run, in seconds, or remove it.',
    url: DOCS.termination,
  },
  cel: {
    paths: "$spec.?activeDeadlineSeconds.orValue(-1) == 0 ? [$specPath + '.activeDeadlineSeconds'] : []",
  },
  check(view) {
    return int(view.spec, 'activeDeadlineSeconds') === 0
      ? [
          {
            path: view.specPath.child('activeDeadlineSeconds').toString(),
            message: 'a deadline of 0 seconds fails the Job (DeadlineExceeded) as soon as it starts',
          },
        ]
      : [];
  },
});
