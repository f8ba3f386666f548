import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { bool, has, obj } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'job-template-selector',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  kinds: ['CronJob'],
  docs: {
    summary: "A CronJob's jobTemplate may not set selector or manualSelector: true.",
    rationale:
      'Each Job a CronJob creates gets its own generated selector; the API server rejects a template that fixes one.',
    remediation: 'Remove spec.jobTemplate.spec.selector and spec.jobTemplate.spec.manualSelector.',
    url: DOCS.podSelector,
  },
  check(view) {
    const errors: FieldError[] = [];
    if (has(view.spec, 'selector'))
      errors.push(
        fieldError.invalid(
          view.specPath.child('selector'),
          obj(view.spec, 'selector'),
          '`selector` will be auto-generated',
        ),
      );
    if (bool(view.spec, 'manualSelector') === true)
      errors.push(fieldError.notSupported(view.specPath.child('manualSelector'), true, ['nil', 'false']));
    return errors;
  },
});
