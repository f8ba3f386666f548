import { DOCS } from '../docs-urls.ts';
import { has, int } from '../../kubernetes/index.ts';
import { isIndexed } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const fix = (spec: string): string =>
  `Set ${spec}.backoffLimitPerIndex (retries for each index) and, optionally, ${spec}.maxFailedIndexes.`;

export default defineRule({
  id: 'large-indexed-without-per-index-backoff',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  defaultOptions: { minCompletions: 100 },
  docs: {
    summary: 'A large Indexed Job should use backoffLimitPerIndex.',
    rationale:
      'With only the Job-wide backoffLimit, a few broken indexes use up the shared retry budget and fail the whole Job, including the indexes that would have succeeded.',
    remediation: fix('spec'),
    url: DOCS.backoffPerIndex,
  },
  cel: {
    paths:
      "$spec.?completionMode.orValue('') == 'Indexed' && !has($spec.backoffLimitPerIndex) && $spec.?completions.orValue(0) >= $options.minCompletions ? [$specPath + '.backoffLimitPerIndex'] : []",
  },
  check(view, { options }) {
    const completions = int(view.spec, 'completions') ?? 0;
    if (!isIndexed(view.spec) || has(view.spec, 'backoffLimitPerIndex') || completions < Number(options.minCompletions))
      return [];
    return [
      {
        path: view.specPath.child('backoffLimitPerIndex').toString(),
        message: `${completions} indexes share one backoffLimit; a few failing indexes can fail them all`,
        remediation: fix(view.specPath.toString()),
      },
    ];
  },
});
