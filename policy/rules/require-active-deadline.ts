import { DOCS } from '../docs-urls.ts';
import { has } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const fix = (deadlinePath: string): string => `Set ${deadlinePath} to the longest the Job may take, retries included.`;

export default defineRule({
  id: 'require-active-deadline',
  origin: 'policy',
  severity: 'info',
  stage: 'both',
  docs: {
    summary: 'A Job without activeDeadlineSeconds can run (or retry) forever.',
    rationale:
      'A hung pod never fails, and a Job whose failures are ignored never exhausts its backoff limit; a deadline bounds the whole Job, retries included.',
    remediation: fix('spec.activeDeadlineSeconds'),
    url: DOCS.termination,
  },
  cel: {
    paths: "has($spec.activeDeadlineSeconds) ? [] : [$specPath + '.activeDeadlineSeconds']",
  },
  check(view) {
    return has(view.spec, 'activeDeadlineSeconds')
      ? []
      : [
          {
            path: view.specPath.child('activeDeadlineSeconds').toString(),
            message: 'no deadline: a hung pod keeps the Job running forever',
            remediation: fix(view.specPath.child('activeDeadlineSeconds').toString()),
          },
        ];
  },
});
