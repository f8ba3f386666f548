import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import {
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  PLACEHOLDER_UID,
} from '../../kubernetes/index.ts';
import { bool, obj, stringMap } from '../../kubernetes/index.ts';
import { checkLabelSelector, selectorMatches } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'job-selector',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  kinds: ['Job'],
  docs: {
    summary:
      'A Job selector is generated unless manualSelector is true; then it must be valid and match the template labels.',
    rationale:
      'The API server generates the selector and the job-name / controller-uid labels itself; a user-written selector without `manualSelector: true`, or template labels that contradict the generated ones, are rejected.',
    remediation:
      'Remove spec.selector and the job-name / controller-uid template labels and let Kubernetes generate them; use manualSelector only to adopt existing pods.',
    url: DOCS.podSelector,
  },
  check(view) {
    const errors: FieldError[] = [];
    const spec = view.spec;
    const selector = obj(spec, 'selector');
    const templateLabels = stringMap(obj(obj(spec, 'template'), 'metadata'), 'labels') ?? {};
    const selectorPath = view.specPath.child('selector');
    if (bool(spec, 'manualSelector') !== true && selector) {
      const name = view.name ?? '';
      // ValidateGeneratedSelector's order: the legacy labels, then the prefixed ones.
      const expected: Record<string, string> = {
        [LEGACY_CONTROLLER_UID_LABEL]: PLACEHOLDER_UID,
        [LEGACY_JOB_NAME_LABEL]: name,
        [CONTROLLER_UID_LABEL]: PLACEHOLDER_UID,
        [JOB_NAME_LABEL]: name,
      };
      const labelsPath = FieldPath.root('spec', 'template', 'metadata', 'labels');
      for (const [key, value] of Object.entries(expected)) {
        if (!(key in templateLabels)) errors.push(fieldError.required(labelsPath.key(key), `must be '${value}'`));
        else if (templateLabels[key] !== value)
          errors.push(fieldError.invalid(labelsPath.key(key), templateLabels, `must be '${value}'`));
      }
      if (selectorMatches(selector, expected) === false)
        errors.push(fieldError.invalid(selectorPath, selector, '`selector` not auto-generated'));
    }
    if (!selector) errors.push(fieldError.required(selectorPath));
    else errors.push(...checkLabelSelector(selector, selectorPath));
    if (selectorMatches(selector, templateLabels) === false) {
      errors.push(
        fieldError.invalid(
          view.specPath.child('template', 'metadata', 'labels'),
          templateLabels,
          '`selector` does not match template `labels`',
        ),
      );
    }
    return errors;
  },
});
