import type { FieldPath } from './field-path.ts';

/**
 * The closed set of field error types of the API server (apimachinery field.ErrorType).
 * A 422 response names them as `FieldValue<Type>` in `details.causes[].reason`.
 */
export type FieldErrorType =
  | 'Required'
  | 'Invalid'
  | 'NotSupported'
  | 'NotFound'
  | 'Duplicate'
  | 'TooMany'
  | 'TooLong'
  | 'Forbidden'
  | 'TypeInvalid';

export interface FieldError {
  readonly type: FieldErrorType;
  readonly path: string;
  /** The message as the API server renders it after the path: `Invalid value: 5: must be ...`. */
  readonly message: string;
}

/** Renders a value the way field.Error does (strings quoted, numbers bare). */
export function formatBadValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}

function make(type: FieldErrorType, path: FieldPath, message: string): FieldError {
  return { type, path: path.toString(), message };
}

export const fieldError = {
  required: (path: FieldPath, detail = ''): FieldError =>
    make('Required', path, detail ? `Required value: ${detail}` : 'Required value'),
  invalid: (path: FieldPath, value: unknown, detail: string): FieldError =>
    make('Invalid', path, `Invalid value: ${formatBadValue(value)}: ${detail}`),
  /** Invalid without a value (field.OmitValueType in Go). */
  invalidOmitValue: (path: FieldPath, detail: string): FieldError => make('Invalid', path, `Invalid value: ${detail}`),
  notSupported: (path: FieldPath, value: unknown, supported: readonly string[]): FieldError =>
    make(
      'NotSupported',
      path,
      `Unsupported value: ${formatBadValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
    ),
  /** field.NotFound, with the detail some callers add (validateResourceClaimNames). */
  notFound: (path: FieldPath, value: unknown, detail = ''): FieldError =>
    make('NotFound', path, `Not found: ${formatBadValue(value)}${detail ? `: ${detail}` : ''}`),
  duplicate: (path: FieldPath, value: unknown): FieldError =>
    make('Duplicate', path, `Duplicate value: ${formatBadValue(value)}`),
  tooMany: (path: FieldPath, actual: number, max: number): FieldError =>
    make('TooMany', path, `Too many: ${actual}: must have at most ${max} items`),
  tooLong: (path: FieldPath, max: number): FieldError =>
    make('TooLong', path, `Too long: may not be more than ${max} bytes`),
  forbidden: (path: FieldPath, detail: string): FieldError => make('Forbidden', path, `Forbidden: ${detail}`),
  typeInvalid: (path: FieldPath, value: unknown, detail: string): FieldError =>
    make('TypeInvalid', path, `Invalid value: ${formatBadValue(value)}: ${detail}`),
};

/** `must be greater than or equal to 0` at path, as apivalidation.ValidateNonnegativeField. */
export function checkNonNegative(value: number | undefined, path: FieldPath): FieldError[] {
  return value !== undefined && value < 0
    ? [fieldError.invalid(path, value, 'must be greater than or equal to 0')]
    : [];
}
