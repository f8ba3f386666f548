import { DOCS } from '../docs-urls.ts';
import { restartPolicyOf } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'restart-policy-on-failure',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'restartPolicy: OnFailure hides failures and loses logs when the Job fails.',
    rationale:
      "With OnFailure the container restarts in place; when the backoff limit is reached the controller deletes the still-running pod, so the logs of the failed attempts are gone (kubernetes#54870), and retries follow the kubelet's CrashLoopBackOff instead of the Job's backoff.",
    remediation:
      'Use `restartPolicy: Never` so every failed attempt stays as a pod you can inspect with `kubectl logs`.',
    url: DOCS.issue54870,
  },
  cel: {
    paths:
      "$spec.template.spec.?restartPolicy.orValue('') == 'OnFailure' ? [$specPath + '.template.spec.restartPolicy'] : []",
  },
  check(view) {
    return restartPolicyOf(view.spec) === 'OnFailure'
      ? [
          {
            path: view.specPath.child('template', 'spec', 'restartPolicy').toString(),
            message: 'OnFailure loses the logs of failed attempts when the Job fails; prefer Never',
          },
        ]
      : [];
  },
});
