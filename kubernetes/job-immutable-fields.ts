import { FieldPath } from './field-path.ts';

/**
 * The Job spec fields an UPDATE cannot change, from ValidateJobSpecUpdate
 * (pkg/apis/batch/validation/validation.go): selector, template (beyond the scheduling directives
 * of a suspended Job, validatePodTemplateUpdate), completionMode, podFailurePolicy,
 * backoffLimitPerIndex, managedBy, successPolicy; completions too unless the Job is Indexed
 * (validateCompletions). parallelism, backoffLimit, activeDeadlineSeconds, suspend,
 * ttlSecondsAfterFinished, maxFailedIndexes and the metadata can change.
 */
const IMMUTABLE = new Set([
  'selector',
  'template',
  'completionMode',
  'podFailurePolicy',
  'backoffLimitPerIndex',
  'managedBy',
  'successPolicy',
]);

/** Whether an UPDATE of a Job can never change the field at `path` (a path as the API server prints it). */
export function isImmutableJobField(path: string, indexed: boolean): boolean {
  const segments = FieldPath.parse(path).segments;
  const [first, second] = segments;
  if (first?.kind !== 'field' || first.name !== 'spec' || second?.kind !== 'field') return false;
  return IMMUTABLE.has(second.name) || (second.name === 'completions' && !indexed);
}
