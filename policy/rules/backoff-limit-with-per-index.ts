import { DOCS } from '../docs-urls.ts';
import { defaultBackoffLimit, has, int } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const REMOVE = 'Remove backoffLimit';
/** maxFailedIndexes is already there: removing backoffLimit is all that is left. */
const REMEDIATION_WITH_MAX_FAILED = `${REMOVE}: maxFailedIndexes already bounds how many indexes may fail.`;

export default defineRule({
  id: 'backoff-limit-with-per-index',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'An explicit backoffLimit next to backoffLimitPerIndex still fails the whole Job.',
    rationale:
      'With backoffLimitPerIndex the Job-wide backoffLimit defaults to no limit; setting it anyway makes the Job fail once that many pods failed in total, across indexes, which defeats per-index retries.',
    remediation: `${REMOVE} and bound failures with maxFailedIndexes instead.`,
    url: DOCS.backoffPerIndex,
  },
  cel: {
    paths:
      "has($spec.backoffLimitPerIndex) && has($spec.backoffLimit) && $spec.backoffLimit != 2147483647 ? [$specPath + '.backoffLimit'] : []",
  },
  check(view) {
    const limit = int(view.spec, 'backoffLimit');
    // The default with backoffLimitPerIndex (MaxInt32) is no Job-wide limit.
    if (!has(view.spec, 'backoffLimitPerIndex') || limit === undefined || limit === defaultBackoffLimit(view.spec))
      return [];
    return [
      {
        path: view.specPath.child('backoffLimit').toString(),
        message: `backoffLimit ${limit} fails the whole Job after ${limit + 1} failed pods across all indexes`,
        ...(has(view.spec, 'maxFailedIndexes') ? { remediation: REMEDIATION_WITH_MAX_FAILED } : {}),
      },
    ];
  },
});
