import { DOCS } from '../docs-urls.ts';
import { has } from '../../kubernetes/index.ts';
import { restartPolicyOf } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const fix = (restartPolicyPath: string): string =>
  `Set \`${restartPolicyPath}: Never\` when using backoffLimitPerIndex.`;

export default defineRule({
  id: 'backoff-limit-per-index-on-failure',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'backoffLimitPerIndex has no effect with restartPolicy: OnFailure.',
    rationale:
      'Per-index limits count failed pods; with OnFailure the kubelet restarts the container in place and the pod never fails, so the index limit is never reached (the docs require Never).',
    remediation: fix('spec.template.spec.restartPolicy'),
    url: DOCS.backoffPerIndex,
  },
  cel: {
    paths:
      "has($spec.backoffLimitPerIndex) && $spec.template.spec.?restartPolicy.orValue('') == 'OnFailure' ? [$specPath + '.template.spec.restartPolicy'] : []",
  },
  check(view) {
    const path = view.specPath.child('template', 'spec', 'restartPolicy').toString();
    return has(view.spec, 'backoffLimitPerIndex') && restartPolicyOf(view.spec) === 'OnFailure'
      ? [
          {
            path,
            message:
              'OnFailure restarts containers in place, so backoffLimitPerIndex never counts a failure; use Never',
            remediation: fix(path),
          },
        ]
      : [];
  },
});
