import { DOCS } from '../docs-urls.ts';
import { int } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'completions-zero',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'completions: 0 completes the Job without running anything.',
    rationale: 'Zero required completions are met at once: the Job is Complete before any pod starts.',
    remediation: 'Set completions to the number of successful pods you need, or remove it for a single pod.',
    url: DOCS.parallel,
  },
  check(view) {
    return int(view.spec, 'completions') === 0
      ? [
          {
            path: view.specPath.child('completions').toString(),
            message: 'completions 0: the Job completes without running a pod',
          },
        ]
      : [];
  },
});
