import { DOCS } from '../docs-urls.ts';
import { has, int } from '../../kubernetes/index.ts';
import { isIndexed } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const fix = (completionsPath: string): string =>
  `If every pod should run to success independently, set ${completionsPath}; otherwise make sure each pod exits 0 only when the whole queue is drained.`;

export default defineRule({
  id: 'work-queue-job',
  origin: 'policy',
  severity: 'info',
  stage: 'both',
  docs: {
    summary: 'A Job with parallelism > 1 and no completions is a work-queue Job.',
    rationale:
      'The Job succeeds when any pod succeeds and all pods have stopped; once one pod succeeds no new pods start, so the pods must coordinate (through a queue) to know when all work is done.',
    remediation: fix('spec.completions'),
    url: DOCS.parallel,
  },
  cel: {
    paths:
      "!has($spec.completions) && $spec.?completionMode.orValue('') != 'Indexed' && $spec.?parallelism.orValue(1) > 1 ? [$specPath + '.completions'] : []",
  },
  check(view) {
    const parallelism = int(view.spec, 'parallelism') ?? 1;
    if (has(view.spec, 'completions') || isIndexed(view.spec) || parallelism <= 1) return [];
    return [
      {
        path: view.specPath.child('completions').toString(),
        message: `work-queue Job: ${parallelism} pods run until one succeeds; they must agree among themselves when the work is done`,
        remediation: fix(view.specPath.child('completions').toString()),
      },
    ];
  },
});
