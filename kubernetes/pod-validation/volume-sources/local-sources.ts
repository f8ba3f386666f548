import { own, str } from '../../decoded-access.ts';
import { fieldError, type FieldError } from '../../field-error.ts';
import type { FieldPath } from '../../field-path.ts';
import { parseQuantity } from '../../quantity.ts';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './paths.ts';

/** supportedHostPathTypes, sorted as sets.List sorts them. */
const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** The emptyDir check of validateVolumeSource: a negative sizeLimit. */
export function validateEmptyDirVolumeSource(emptyDir: unknown, path: FieldPath): FieldError[] {
  const limit = parseQuantity(own(emptyDir, 'sizeLimit'));
  return limit && limit.numerator < 0n
    ? [fieldError.forbidden(path.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity')]
    : [];
}

/** validateHostPathVolumeSource and validateHostPathType. */
export function validateHostPathVolumeSource(hostPath: unknown, path: FieldPath): FieldError[] {
  const target = str(hostPath, 'path') ?? '';
  if (target.length === 0) return [fieldError.required(path.child('path'))];
  const errors = validatePathNoBacksteps(target, path.child('path'));
  const type = str(hostPath, 'type');
  if (type !== undefined && !HOST_PATH_TYPES.includes(type))
    errors.push(fieldError.notSupported(path.child('type'), type, HOST_PATH_TYPES));
  return errors;
}

/** validateGitRepoVolumeSource. */
export function validateGitRepoVolumeSource(gitRepo: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if ((str(gitRepo, 'repository') ?? '').length === 0) errors.push(fieldError.required(path.child('repository')));
  errors.push(...validateLocalDescendingPath(str(gitRepo, 'directory') ?? '', path.child('directory')));
  return errors;
}

/**
 * validateImageVolumeSource for a template (ResourceIsPod is false: no reference needed).
 * SetDefaults_Volume fills an empty pullPolicy (ImageVolume is on by default in 1.36), so only a
 * value outside the enum is reported.
 */
export function validateImageVolumeSource(image: unknown, path: FieldPath): FieldError[] {
  const policy = str(image, 'pullPolicy') ?? '';
  return policy === '' || PULL_POLICIES.includes(policy)
    ? []
    : [fieldError.notSupported(path.child('pullPolicy'), policy, PULL_POLICIES)];
}
