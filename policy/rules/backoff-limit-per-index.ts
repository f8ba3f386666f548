import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { has, int, str } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100_000;
/** Above this many completions, per-index backoff needs tighter limits to keep status small. */
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;

export default defineRule({
  id: 'backoff-limit-per-index',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  needs: ['spec.backoffLimitPerIndex'],
  docs: {
    summary:
      'backoffLimitPerIndex and maxFailedIndexes need an Indexed Job and stay within the limits the API server sets.',
    rationale:
      'Per-index retry limits only exist for Indexed Jobs; maxFailedIndexes needs backoffLimitPerIndex, may not exceed completions or 100000, and very large Jobs (over 100000 completions) must bound maxFailedIndexes and parallelism to 10000.',
    remediation:
      'Use `completionMode: Indexed` with backoffLimitPerIndex, and keep maxFailedIndexes at most completions (and 10000 above 100000 completions).',
    url: DOCS.backoffPerIndex,
  },
  check(view) {
    const errors: FieldError[] = [];
    const path = view.specPath;
    const mode = str(view.spec, 'completionMode');
    const completions = int(view.spec, 'completions');
    const parallelism = int(view.spec, 'parallelism');
    const perIndex = int(view.spec, 'backoffLimitPerIndex');
    const maxFailed = int(view.spec, 'maxFailedIndexes');
    if (has(view.spec, 'maxFailedIndexes') && !has(view.spec, 'backoffLimitPerIndex')) {
      errors.push(fieldError.required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
    }
    if (mode === 'Indexed') {
      if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
        errors.push(
          fieldError.invalid(path.child('maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'),
        );
      }
      if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_FOR_INDEXED_JOB) {
        errors.push(
          fieldError.invalid(
            path.child('maxFailedIndexes'),
            maxFailed,
            `must be less than or equal to ${MAX_FAILED_INDEXES_FOR_INDEXED_JOB}`,
          ),
        );
      }
      if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && has(view.spec, 'backoffLimitPerIndex')) {
        const detail = `must be less than or equal to ${PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
        if (!has(view.spec, 'maxFailedIndexes')) {
          errors.push(
            fieldError.required(
              path.child('maxFailedIndexes'),
              `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`,
            ),
          );
        }
        if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS)
          errors.push(fieldError.invalid(path.child('parallelism'), parallelism, detail));
        if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS)
          errors.push(fieldError.invalid(path.child('maxFailedIndexes'), maxFailed, detail));
      }
    }
    if (!has(view.spec, 'completionMode') || mode === 'NonIndexed') {
      if (perIndex !== undefined)
        errors.push(
          fieldError.invalid(path.child('backoffLimitPerIndex'), perIndex, 'requires indexed completion mode'),
        );
      if (maxFailed !== undefined)
        errors.push(fieldError.invalid(path.child('maxFailedIndexes'), maxFailed, 'requires indexed completion mode'));
    }
    return errors;
  },
});
