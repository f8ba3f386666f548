import { DOCS } from '../docs-urls.ts';
import { documentDecodeProblems } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'unknown-fields',
  origin: 'apiserver',
  severity: 'error',
  stage: 'lint',
  docs: {
    summary:
      'No unknown fields in the Job spec, the CronJob spec, podFailurePolicy or successPolicy (typos such as `backofLimit`).',
    rationale:
      "kubectl's default `--validate=strict` makes the API server refuse unknown fields (`strict decoding error`); with validation off they are dropped silently, so a typo quietly loses the setting.",
    remediation: 'Fix the spelling of the field (names are case-sensitive) or remove it.',
    url: DOCS.jobSpec,
  },
  check(view) {
    return documentDecodeProblems(view.raw, view.kind)
      .filter((p) => p.kind === 'unknown-field')
      .map((p) => ({ path: p.path, message: `strict decoding error: ${p.message}` }));
  },
});
