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
      'No unknown fields anywhere in a Job or CronJob, pod template included (typos such as `backofLimit` or `comand`).',
    rationale:
      "kubectl's default `--validate=strict` makes the API server refuse unknown fields (`strict decoding error`, every one listed, once the body decodes); with validation off they are dropped silently, so a typo quietly loses the setting. The fields are those of the Go types of the pinned Kubernetes (generated, checked against its OpenAPI document).",
    remediation: 'Fix the spelling of the field (names are case-sensitive) or remove it.',
    url: DOCS.jobSpec,
  },
  check(view) {
    return documentDecodeProblems(view.raw, view.kind)
      .filter((p) => p.kind === 'unknown-field')
      .map((p) => ({ path: p.path, message: `strict decoding error: ${p.message}` }));
  },
});
