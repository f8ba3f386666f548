import { fieldError } from '../../kubernetes/index.ts';
import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { int, str } from '../../kubernetes/index.ts';
import { isDns1123Label } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'indexed-pod-hostname',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  kinds: ['Job'],
  docs: {
    summary:
      'An Indexed Job name must leave room for the pod hostname `<name>-<completions-1>`, a DNS label of at most 63 characters.',
    rationale:
      'Indexed pods get the hostname `$(job-name)-$(index)`; the API server rejects a Job whose highest index would make an invalid hostname.',
    remediation: 'Shorten the Job name so that the name, a dash and the highest index fit in 63 lowercase characters.',
    url: DOCS.completionMode,
  },
  check(view) {
    const completions = int(view.spec, 'completions');
    if (str(view.spec, 'completionMode') !== 'Indexed' || completions === undefined || completions <= 0) return [];
    const name = view.name ?? '';
    const hostname = `${name}-${completions - 1}`;
    return isDns1123Label(hostname)
      ? []
      : [
          fieldError.invalid(
            FieldPath.root('metadata', 'name'),
            name,
            `will not able to create pod with invalid DNS label: ${hostname}`,
          ),
        ];
  },
});
