import { DOCS } from '../docs-urls.ts';
import { arr, bool, obj } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'manual-selector-adopts-all',
  origin: 'policy',
  severity: 'error',
  stage: 'both',
  kinds: ['Job'],
  docs: {
    summary: 'manualSelector: true with an empty selector matches every pod in the namespace.',
    rationale:
      'An empty label selector selects everything: the Job controller would count, adopt and delete unrelated pods of the namespace.',
    remediation:
      'Give the selector the labels of the pods this Job owns, or remove manualSelector and the selector to have them generated.',
    url: DOCS.specifyingSelector,
  },
  cel: {
    paths:
      "$spec.?manualSelector.orValue(false) && has($spec.selector) && $spec.selector.?matchLabels.orValue({}).size() == 0 && $spec.selector.?matchExpressions.orValue([]).size() == 0 ? [$specPath + '.selector'] : []",
  },
  check(view) {
    if (bool(view.spec, 'manualSelector') !== true) return [];
    const selector = obj(view.spec, 'selector');
    if (!selector) return [];
    const empty =
      Object.keys(obj(selector, 'matchLabels') ?? {}).length === 0 &&
      (arr(selector, 'matchExpressions') ?? []).length === 0;
    return empty
      ? [
          {
            path: view.specPath.child('selector').toString(),
            message: 'an empty selector with manualSelector: true selects every pod in the namespace',
          },
        ]
      : [];
  },
});
