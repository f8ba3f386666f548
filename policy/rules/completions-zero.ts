import { DOCS } from '../docs-urls.ts';
import { int, isIndexed } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

/** An Indexed Job needs completions: it cannot be removed. */
const REMEDIATION_INDEXED = 'Set completions to the number of indexes to run (at least 1): an Indexed Job needs it.';

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
  cel: {
    paths: "$spec.?completions.orValue(-1) == 0 ? [$specPath + '.completions'] : []",
  },
  check(view) {
    return int(view.spec, 'completions') === 0
      ? [
          {
            path: view.specPath.child('completions').toString(),
            message: 'completions 0: the Job completes without running a pod',
            ...(isIndexed(view.spec) ? { remediation: REMEDIATION_INDEXED } : {}),
          },
        ]
      : [];
  },
});
