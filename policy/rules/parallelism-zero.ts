import { DOCS } from '../docs-urls.ts';
import { bool, int } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const RAISE = 'Set parallelism to at least 1';
/** The Job is already created suspended: parallelism 0 adds nothing to that. */
const remediationSuspended = (suspendPath: string): string =>
  `${RAISE}: ${suspendPath} already keeps the Job paused until it is set to false.`;

export default defineRule({
  id: 'parallelism-zero',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'parallelism: 0 starts no pods.',
    rationale:
      'A Job with parallelism 0 is paused: it never makes progress until someone scales it up. Use spec.suspend to pause a Job on purpose.',
    remediation: `${RAISE}, or use \`suspend: true\` to create the Job paused.`,
    url: DOCS.parallel,
  },
  cel: {
    paths: "$spec.?parallelism.orValue(-1) == 0 ? [$specPath + '.parallelism'] : []",
  },
  check(view) {
    return int(view.spec, 'parallelism') === 0
      ? [
          {
            path: view.specPath.child('parallelism').toString(),
            message: 'parallelism 0: no pod will start',
            ...(bool(view.spec, 'suspend') === true
              ? { remediation: remediationSuspended(view.specPath.child('suspend').toString()) }
              : {}),
          },
        ]
      : [];
  },
});
