import { DOCS } from '../docs-urls.ts';
import { dns1123LabelErrors } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'name-not-dns-label',
  origin: 'apiserver',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'The API server warns when a Job or CronJob name is not a DNS label (dots, or over 63 characters).',
    rationale:
      'The name becomes part of pod names and hostnames; a subdomain-style name can give surprising pod names or failures later.',
    remediation: 'Use a lowercase DNS label: letters, digits and dashes, at most 63 characters.',
    url: DOCS.objectNames,
  },
  check(view) {
    const name = view.name;
    if (!name) return [];
    const msgs = dns1123LabelErrors(name);
    return msgs.length === 0
      ? []
      : [
          {
            path: 'metadata.name',
            message: `this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`,
          },
        ];
  },
});
