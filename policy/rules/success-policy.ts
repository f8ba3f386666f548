import { checkNonNegative, fieldError, type FieldError } from '../../kubernetes/index.ts';
import type { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { has, int, obj, objects, str, type JsonObject } from '../../kubernetes/index.ts';
import { utf8Length } from '../../kubernetes/index.ts';
import { parseIndexesStrict } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const MAX_RULES = 20;
const MAX_SUCCEEDED_INDEXES_BYTES = 64 * 1024;

export default defineRule({
  id: 'success-policy',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  needs: ['spec.successPolicy'],
  docs: {
    summary:
      'successPolicy needs an Indexed Job and 1 to 20 rules, each with succeededIndexes in the interval grammar and/or a succeededCount within range.',
    rationale:
      'The API server parses succeededIndexes strictly: comma-separated indexes or `first-last` ranges, increasing, all below completions; succeededCount may not exceed completions or the number of indexes listed.',
    remediation:
      'Write succeededIndexes like `0,2-4` with every index below completions, and keep succeededCount within the indexes it refers to.',
    url: DOCS.successPolicy,
  },
  check(view) {
    const policy = obj(view.spec, 'successPolicy');
    if (!policy) return [];
    const path = view.specPath.child('successPolicy');
    if (str(view.spec, 'completionMode') !== 'Indexed')
      return [fieldError.invalid(path, policy, 'requires indexed completion mode')];
    const rulesPath = path.child('rules');
    const rules = objects(policy, 'rules');
    const errors: FieldError[] = [];
    if (rules.length === 0)
      errors.push(
        fieldError.required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'),
      );
    if (rules.length > MAX_RULES) errors.push(fieldError.tooMany(rulesPath, rules.length, MAX_RULES));
    // Without completions the API server dereferences nil and answers 500; completion-mode
    // already reports the missing completions, so the per-rule checks are skipped.
    const completions = int(view.spec, 'completions');
    if (completions === undefined) return errors;
    rules.forEach((rule, i) => errors.push(...checkRule(rule, rulesPath.index(i), completions)));
    return errors;
  },
});

function checkRule(rule: JsonObject, path: FieldPath, completions: number): FieldError[] {
  const errors: FieldError[] = [];
  if (!has(rule, 'succeededCount') && !has(rule, 'succeededIndexes')) {
    errors.push(fieldError.required(path, 'at least one of succeededCount or succeededIndexes must be specified'));
  }
  let totalIndexes = 0;
  const indexes = str(rule, 'succeededIndexes');
  if (indexes !== undefined) {
    const indexesPath = path.child('succeededIndexes');
    if (utf8Length(indexes) > MAX_SUCCEEDED_INDEXES_BYTES)
      errors.push(fieldError.tooLong(indexesPath, MAX_SUCCEEDED_INDEXES_BYTES));
    const parsed = parseIndexesStrict(indexes, completions);
    if (parsed.ok) totalIndexes = parsed.count;
    else errors.push(fieldError.invalid(indexesPath, indexes, `error parsing succeededIndexes: ${parsed.error}`));
  }
  const count = int(rule, 'succeededCount');
  if (count !== undefined) {
    const countPath = path.child('succeededCount');
    errors.push(...checkNonNegative(count, countPath));
    if (count > completions)
      errors.push(
        fieldError.invalid(
          countPath,
          count,
          `must be less than or equal to ${completions} (the number of specified completions)`,
        ),
      );
    if (indexes !== undefined && count > totalIndexes) {
      errors.push(
        fieldError.invalid(
          countPath,
          count,
          `must be less than or equal to ${totalIndexes} (the number of indexes in the specified succeededIndexes field)`,
        ),
      );
    }
  }
  return errors;
}
