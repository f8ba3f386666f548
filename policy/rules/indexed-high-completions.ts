import { DOCS } from '../docs-urls.ts';
import { int, str } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_SOFT_LIMIT = 10_000;

export default defineRule({
  id: 'indexed-high-completions',
  origin: 'apiserver',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary:
      'The API server warns about Indexed Jobs with more than 100000 completions and more than 10000 parallelism.',
    rationale:
      'With that many indexes in flight, status.completedIndexes and failedIndexes can grow past what the controller can track when many indexes fail.',
    remediation: 'Keep parallelism at 10000 or less, or split the work into several Jobs.',
    url: DOCS.completionMode,
  },
  check(view) {
    if (str(view.spec, 'completionMode') !== 'Indexed') return [];
    const completions = int(view.spec, 'completions') ?? 0;
    const parallelism = int(view.spec, 'parallelism') ?? 0;
    if (completions <= COMPLETIONS_SOFT_LIMIT || parallelism <= PARALLELISM_SOFT_LIMIT) return [];
    return [
      {
        path: view.specPath.toString(),
        message:
          'In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail',
      },
    ];
  },
});
