import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { has, int, isObject } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

/** Caps the length of status.completedIndexes. */
const MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000;
const COMPLETION_MODES = ['NonIndexed', 'Indexed'];

export default defineRule({
  id: 'completion-mode',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary:
      'completionMode must be NonIndexed or Indexed; an Indexed Job needs completions and at most 100000 parallelism.',
    rationale:
      'The API server rejects unknown completion modes (the value is case-sensitive) and Indexed Jobs without a completion count.',
    remediation: 'Write `completionMode: Indexed` or `NonIndexed`, and give an Indexed Job `completions`.',
    url: DOCS.completionMode,
  },
  check(view) {
    const errors: FieldError[] = [];
    if (!has(view.spec, 'completionMode') || !isObject(view.spec)) return errors;
    const mode = view.spec.completionMode;
    if (typeof mode !== 'string') return errors;
    if (!COMPLETION_MODES.includes(mode))
      errors.push(fieldError.notSupported(view.specPath.child('completionMode'), mode, COMPLETION_MODES));
    if (mode === 'Indexed') {
      if (!has(view.spec, 'completions'))
        errors.push(fieldError.required(view.specPath.child('completions'), 'when completion mode is Indexed'));
      const parallelism = int(view.spec, 'parallelism');
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
        errors.push(
          fieldError.invalid(
            view.specPath.child('parallelism'),
            parallelism,
            `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`,
          ),
        );
      }
    }
    return errors;
  },
});
