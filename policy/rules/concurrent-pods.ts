import { DOCS } from '../docs-urls.ts';
import { int, isIndexed } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const SAFE_SIBLINGS = 'Make each pod idempotent and safe to run next to its siblings';
const REMEDIATION = `${SAFE_SIBLINGS}, or use an Indexed Job so each pod knows its own share of the work.`;
/** An Indexed Job's pods already know their share: what is left is what they share. */
const REMEDIATION_INDEXED = `${SAFE_SIBLINGS}: each knows its share of the work from its completion index (JOB_COMPLETION_INDEX), so make what they share (files, database rows, queues, external APIs) safe for concurrent use.`;

export default defineRule({
  id: 'concurrent-pods',
  origin: 'policy',
  severity: 'info',
  stage: 'both',
  docs: {
    summary: 'parallelism and completions both above 1: several pods run at the same time.',
    rationale:
      'The pods share whatever they read and write outside themselves, and even with parallelism 1 a pod may be started twice; the program must tolerate concurrent and repeated runs.',
    remediation: REMEDIATION,
    url: DOCS.failures,
  },
  cel: {
    paths: "$spec.?parallelism.orValue(1) > 1 && $spec.?completions.orValue(1) > 1 ? [$specPath + '.parallelism'] : []",
  },
  check(view) {
    const parallelism = int(view.spec, 'parallelism') ?? 1;
    const completions = int(view.spec, 'completions') ?? 1;
    return parallelism > 1 && completions > 1
      ? [
          {
            path: view.specPath.child('parallelism').toString(),
            message: `up to ${Math.min(parallelism, completions)} pods run at once; they must tolerate each other`,
            remediation: isIndexed(view.spec) ? REMEDIATION_INDEXED : REMEDIATION,
          },
        ]
      : [];
  },
});
