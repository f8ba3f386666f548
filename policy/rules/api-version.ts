import { DOCS } from '../docs-urls.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'api-version',
  origin: 'apiserver',
  severity: 'error',
  stage: 'lint',
  docs: {
    summary: 'Jobs and CronJobs are served as batch/v1 only.',
    rationale:
      'batch/v1beta1 CronJob was removed in Kubernetes 1.25 and batch/v2alpha1 never reached GA; the API server answers "no matches for kind".',
    remediation: 'Change apiVersion to `batch/v1` (the fields are the same).',
    url: DOCS.apiDeprecations,
  },
  check(view) {
    return view.apiVersion === 'batch/v1'
      ? []
      : [
          {
            path: 'apiVersion',
            message: `${view.kind} is not served as ${JSON.stringify(view.apiVersion ?? '')}; use "batch/v1"`,
          },
        ];
  },
});
