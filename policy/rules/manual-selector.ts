import { DOCS } from '../docs-urls.ts';
import { bool } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'manual-selector',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  kinds: ['Job'],
  docs: {
    summary: 'manualSelector: true turns off the generated, unique selector.',
    rationale:
      "Without the controller-uid selector, a selector that overlaps another Job's pods makes both controllers fight over the same pods; Kubernetes only offers it for migrating pods between Jobs.",
    remediation:
      'Remove manualSelector and spec.selector unless you are adopting the pods of an existing Job on purpose.',
    url: DOCS.specifyingSelector,
  },
  cel: {
    paths: "$spec.?manualSelector.orValue(false) ? [$specPath + '.manualSelector'] : []",
  },
  check(view) {
    return bool(view.spec, 'manualSelector') === true
      ? [
          {
            path: view.specPath.child('manualSelector').toString(),
            message: "a manual selector can overlap other Jobs' pods; keep it only to adopt existing pods",
          },
        ]
      : [];
  },
});
