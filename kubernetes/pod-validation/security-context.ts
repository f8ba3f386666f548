import { arr, bool, int, obj, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { goStructValue, SECURITY_CONTEXT } from './go-struct-value.ts';
import {
  idRangeErrors,
  validateAppArmorProfileField,
  validateSeccompProfileField,
  validateWindowsSecurityContextOptions,
} from './security-profiles.ts';

/**
 * A container's securityContext (validation.go ValidateSecurityContext). The testbed's and the
 * default kube-apiserver allow privileged containers (--allow-privileged), so `privileged: true`
 * is accepted. ProcMountType is GA in 1.36.4.
 */

const PROC_MOUNTS = ['Default', 'Unmasked'];

/** validation.go ValidateSecurityContext. */
export function validateSecurityContext(container: JsonObject, hostUsers: boolean, path: FieldPath): FieldError[] {
  const sc = obj(container, 'securityContext');
  if (!sc) return [];
  const errors: FieldError[] = [];
  for (const key of ['runAsUser', 'runAsGroup']) {
    const id = int(sc, key);
    if (id !== undefined) for (const m of idRangeErrors(id)) errors.push(fieldError.invalid(path.child(key), id, m));
  }
  const procMount = str(sc, 'procMount');
  if (procMount !== undefined) {
    if (!PROC_MOUNTS.includes(procMount))
      errors.push(fieldError.notSupported(path.child('procMount'), procMount, PROC_MOUNTS));
    if (hostUsers && procMount === 'Unmasked')
      errors.push(
        fieldError.invalid(path.child('procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'),
      );
  }
  errors.push(...validateSeccompProfileField(obj(sc, 'seccompProfile'), path.child('seccompProfile')));
  if (bool(sc, 'allowPrivilegeEscalation') === false) {
    if (bool(sc, 'privileged') === true)
      errors.push(
        fieldError.invalid(
          path,
          goStructValue(sc, SECURITY_CONTEXT),
          'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
        ),
      );
    for (const capability of arr(obj(sc, 'capabilities'), 'add') ?? [])
      if (capability === 'CAP_SYS_ADMIN')
        errors.push(
          fieldError.invalid(
            path,
            goStructValue(sc, SECURITY_CONTEXT),
            'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
          ),
        );
  }
  errors.push(...validateWindowsSecurityContextOptions(obj(sc, 'windowsOptions'), path.child('windowsOptions')));
  errors.push(...validateAppArmorProfileField(obj(sc, 'appArmorProfile'), path.child('appArmorProfile')));
  return errors;
}
