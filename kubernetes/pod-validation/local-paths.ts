import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';

/** validation.go validatePathNoBacksteps: one error however many `..` segments there are. */
export function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  // filepath.ToSlash is the identity on Linux, where the API server runs.
  return target.split('/').includes('..') ? [fieldError.invalid(path, target, "must not contain '..'")] : [];
}

/** validation.go validateLocalDescendingPath: relative (path.IsAbs) and without backsteps. */
export function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (target.startsWith('/')) errors.push(fieldError.invalid(path, target, 'must be a relative path'));
  return [...errors, ...validatePathNoBacksteps(target, path)];
}
