import { checkNonNegative } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { int } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const FIELDS = [
  'parallelism',
  'completions',
  'activeDeadlineSeconds',
  'backoffLimit',
  'ttlSecondsAfterFinished',
  'backoffLimitPerIndex',
  'maxFailedIndexes',
] as const;

export default defineRule({
  id: 'non-negative-fields',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary: `${FIELDS.join(', ')} must not be negative.`,
    rationale: 'The API server rejects negative counts and durations in a Job spec.',
    remediation: 'Use zero or a positive number, or leave the field out to get the default.',
    url: DOCS.jobSpec,
  },
  check(view) {
    return FIELDS.flatMap((name) => checkNonNegative(int(view.spec, name), view.specPath.child(name)));
  },
});
