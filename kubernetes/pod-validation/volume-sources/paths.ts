import { fieldError, type FieldError } from '../../field-error.ts';
import type { FieldPath } from '../../field-path.ts';

/** fileModeErrorMsg of pkg/apis/core/validation. */
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** Go's path.IsAbs: a slash-separated path is absolute when it starts with '/'. */
export function isAbsolutePath(target: string): boolean {
  return target.startsWith('/');
}

/** validatePathNoBacksteps: no `..` element (filepath.ToSlash is the identity on Linux). */
export function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.split('/').includes('..') ? [fieldError.invalid(path, target, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, and without `..` elements. */
export function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (isAbsolutePath(target)) errors.push(fieldError.invalid(path, target, 'must be a relative path'));
  errors.push(...validatePathNoBacksteps(target, path));
  return errors;
}

/** ValidateLocalNonReservedPath: a local descending path that does not start with `..`. */
export function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errors = validateLocalDescendingPath(target, path);
  // Go does not report this one when the '..' element check already caught it.
  if (target.startsWith('..') && !target.startsWith('../'))
    errors.push(fieldError.invalid(path, target, "must not start with '..'"));
  return errors;
}

/** The `*mode > 0777 || *mode < 0` check of secret, configMap, downwardAPI and projected modes. */
export function validateFileMode(mode: number | undefined, path: FieldPath): FieldError[] {
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [fieldError.invalid(path, mode, FILE_MODE_ERROR)] : [];
}

/** validation.InclusiveRangeError of apimachinery. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}
