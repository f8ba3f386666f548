import { checkNonNegative } from '../field-error.ts';
import { FieldPath } from '../field-path.ts';
import { DOCS } from '../docs-urls.ts';
import { int, obj } from '../k8s/access.ts';
import { defineRule } from '../rule.ts';

const FIELDS = ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const;

export default defineRule({
  id: 'cronjob-non-negative-fields',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  kinds: ['CronJob'],
  docs: {
    summary: `${FIELDS.join(', ')} must not be negative.`,
    rationale: 'The API server rejects negative deadlines and history limits.',
    remediation: 'Use zero or a positive number, or leave the field out.',
    url: DOCS.cronHistory,
  },
  check(view) {
    const spec = obj(view.object, 'spec');
    return FIELDS.flatMap((name) => checkNonNegative(int(spec, name), FieldPath.root('spec', name)));
  },
});
