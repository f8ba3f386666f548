import { fieldError, type FieldError } from './field-error.ts';
import type { FieldPath } from './field-path.ts';
import type { JsonObject } from './decoded-access.ts';
import { labelValueErrors, qualifiedNameErrors } from './names.ts';

/** Total size of all annotation keys and values (TotalAnnotationSizeLimitB). */
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

const encoder = new TextEncoder();

/** Go's len() of a string: its UTF-8 byte count. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** ValidateLabels: every error at the map's own path (no key), as the API server reports. */
export function checkLabels(labels: JsonObject | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const msg of qualifiedNameErrors(key)) errors.push(fieldError.invalid(path, key, msg));
    if (typeof value === 'string')
      for (const msg of labelValueErrors(value)) errors.push(fieldError.invalid(path, value, msg));
  }
  return errors;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive); total size capped. */
export function checkAnnotations(annotations: JsonObject | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    for (const msg of qualifiedNameErrors(key.toLowerCase())) errors.push(fieldError.invalid(path, key, msg));
    size += utf8Length(key) + (typeof value === 'string' ? utf8Length(value) : 0);
  }
  if (size > MAX_ANNOTATIONS_BYTES) errors.push(fieldError.tooLong(path, MAX_ANNOTATIONS_BYTES));
  return errors;
}
