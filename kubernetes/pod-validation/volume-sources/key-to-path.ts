import { int, objects, str } from '../../decoded-access.ts';
import { fieldError, type FieldError } from '../../field-error.ts';
import type { FieldPath } from '../../field-path.ts';
import { validateFileMode, validateLocalNonReservedPath } from './paths.ts';

/** validateKeyToPath (pkg/apis/core/validation): one `items[i]` of a secret or configMap source. */
export function validateKeyToPath(item: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const key = str(item, 'key') ?? '';
  const target = str(item, 'path') ?? '';
  if (key.length === 0) errors.push(fieldError.required(path.child('key')));
  if (target.length === 0) errors.push(fieldError.required(path.child('path')));
  errors.push(...validateLocalNonReservedPath(target, path.child('path')));
  errors.push(...validateFileMode(int(item, 'mode'), path.child('mode')));
  return errors;
}

function validateItems(source: unknown, path: FieldPath): FieldError[] {
  return objects(source, 'items').flatMap((item, i) => validateKeyToPath(item, path.child('items').index(i)));
}

/** validateSecretVolumeSource. */
export function validateSecretVolumeSource(source: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if ((str(source, 'secretName') ?? '').length === 0) errors.push(fieldError.required(path.child('secretName')));
  errors.push(...validateFileMode(int(source, 'defaultMode'), path.child('defaultMode')));
  errors.push(...validateItems(source, path));
  return errors;
}

/** validateConfigMapVolumeSource. */
export function validateConfigMapVolumeSource(source: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if ((str(source, 'name') ?? '').length === 0) errors.push(fieldError.required(path.child('name')));
  errors.push(...validateFileMode(int(source, 'defaultMode'), path.child('defaultMode')));
  errors.push(...validateItems(source, path));
  return errors;
}
