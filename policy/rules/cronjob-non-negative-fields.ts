import { checkNonNegative } from '../../kubernetes/index.ts';
import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { int, obj } from '../../kubernetes/index.ts';
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
