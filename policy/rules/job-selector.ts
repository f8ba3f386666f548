import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import {
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  PLACEHOLDER_UID,
  CONTROLLER_UID_LABELS,
} from '../../kubernetes/index.ts';
import { bool, obj, stringMap } from '../../kubernetes/index.ts';
import { checkLabelSelector, selectorMatches } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

/**
 * What is added to the API server's message when the document is a stored Job (kubectl get -o
 * yaml) sent back as a create: the copy gets a new uid, and what was generated from the old one
 * is refused (checked on the testbed: test/e2e/stored-object-copy.test.ts).
 */
const COPY_NOTES = {
  label: (uid: string): string =>
    ` (a copy of a stored Job: the API server gives the new Job a uid of its own, not the stored ${uid})`,
  selector: (uid: string): string =>
    ` (a copy of a stored Job: this selector was generated for the stored uid ${uid}; remove spec.selector` +
    " and the template's controller-uid labels to let the API server generate them for the copy)",
};

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
      // The uid of a stored Job this document is a copy of (kubectl get -o yaml): what the server
      // generated from it is what no longer fits, and the message says so.
      const copiedUid = view.stored?.uid;
      const keepsStoredUid = (value: unknown): boolean => copiedUid !== undefined && value === copiedUid;
      for (const [key, value] of Object.entries(expected)) {
        if (!Object.hasOwn(templateLabels, key))
          errors.push(fieldError.required(labelsPath.key(key), `must be '${value}'`));
        else if (templateLabels[key] !== value) {
          const detail = `must be '${value}'${keepsStoredUid(templateLabels[key]) ? COPY_NOTES.label(copiedUid!) : ''}`;
          errors.push(fieldError.invalid(labelsPath.key(key), templateLabels, detail));
        }
      }
      if (selectorMatches(selector, expected) === false) {
        const matchLabels = stringMap(selector, 'matchLabels') ?? {};
        const copied = CONTROLLER_UID_LABELS.some((key) => keepsStoredUid(matchLabels[key]));
        const detail = `\`selector\` not auto-generated${copied ? COPY_NOTES.selector(copiedUid!) : ''}`;
        errors.push(fieldError.invalid(selectorPath, selector, detail));
      }
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
