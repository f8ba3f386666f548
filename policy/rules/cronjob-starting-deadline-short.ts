import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { int, obj } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

/** The CronJob controller checks schedules about every 10 seconds. */
const CONTROLLER_RESYNC_SECONDS = 10;

export default defineRule({
  id: 'cronjob-starting-deadline-short',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  kinds: ['CronJob'],
  docs: {
    summary: `startingDeadlineSeconds under ${CONTROLLER_RESYNC_SECONDS} can make a CronJob miss its runs.`,
    rationale:
      'The CronJob controller looks at schedules about every 10 seconds; a shorter starting deadline can expire before it gets to start the Job.',
    remediation: `Set startingDeadlineSeconds to ${CONTROLLER_RESYNC_SECONDS} or more, or remove it.`,
    url: DOCS.cronDeadline,
  },
  cel: {
    paths:
      "has($object.spec.startingDeadlineSeconds) && $object.spec.startingDeadlineSeconds >= 0 && $object.spec.startingDeadlineSeconds < 10 ? ['spec.startingDeadlineSeconds'] : []",
  },
  check(view) {
    const deadline = int(obj(view.object, 'spec'), 'startingDeadlineSeconds');
    return deadline !== undefined && deadline >= 0 && deadline < CONTROLLER_RESYNC_SECONDS
      ? [
          {
            path: FieldPath.root('spec', 'startingDeadlineSeconds').toString(),
            message: `${deadline}s may expire before the controller starts the Job; runs can be missed`,
          },
        ]
      : [];
  },
});
