import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/** validation.go validateRestartPolicy: the pod's policy (a Job narrows it further: restart-policy rule). */
export function validateRestartPolicy(policy: string, path: FieldPath): FieldError[] {
  if (policy === '') return [fieldError.required(path)];
  return RESTART_POLICIES.includes(policy) ? [] : [fieldError.notSupported(path, policy, RESTART_POLICIES)];
}
