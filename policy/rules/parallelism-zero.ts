import { DOCS } from '../docs-urls.ts';
import { int } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'parallelism-zero',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'parallelism: 0 starts no pods.',
    rationale:
      'A Job with parallelism 0 is paused: it never makes progress until someone scales it up. Use spec.suspend to pause a Job on purpose.',
    remediation: 'Set parallelism to at least 1, or use `suspend: true` to create the Job paused.',
    url: DOCS.parallel,
  },
  check(view) {
    return int(view.spec, 'parallelism') === 0
      ? [{ path: view.specPath.child('parallelism').toString(), message: 'parallelism 0: no pod will start' }]
      : [];
  },
});
