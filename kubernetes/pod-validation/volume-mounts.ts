import { bool, has, obj, objects, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './volume-sources/index.ts';

/** The pod's volumes by name (what validateVolumes gives back), for resolving mounts and devices. */
export type PodVolumes = ReadonlyMap<string, unknown>;

const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

/** validation.go GetVolumeMountMap / GetVolumeDeviceMap: name → path (the last entry wins). */
function pathsByName(items: JsonObject[], pathKey: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of items) map.set(str(item, 'name') ?? '', str(item, pathKey) ?? '');
  return map;
}

function hasPath(map: Map<string, string>, path: string): boolean {
  for (const value of map.values()) if (value === path) return true;
  return false;
}

/**
 * validation.go ValidateVolumeMounts. Note: upstream reports subPath, subPathExpr,
 * mountPropagation and recursiveReadOnly errors at the list's path (`volumeMounts.subPath`),
 * without the index; the paths here are the same.
 */
export function validateVolumeMounts(container: JsonObject, volumes: PodVolumes, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const devices = pathsByName(objects(container, 'volumeDevices'), 'devicePath');
  const mountPoints = new Set<string>();
  const privileged = bool(obj(container, 'securityContext'), 'privileged') === true;
  objects(container, 'volumeMounts').forEach((mount, i) => {
    const at = path.index(i);
    const name = str(mount, 'name') ?? '';
    const mountPath = str(mount, 'mountPath') ?? '';
    if (name === '') errors.push(fieldError.required(at.child('name')));
    if (!volumes.has(name)) errors.push(fieldError.notFound(at.child('name'), name));
    if (mountPath === '') errors.push(fieldError.required(at.child('mountPath')));
    if (mountPoints.has(mountPath)) errors.push(fieldError.invalid(at.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (devices.has(name))
      errors.push(fieldError.invalid(at.child('name'), name, 'must not already exist in volumeDevices'));
    if (hasPath(devices, mountPath))
      errors.push(
        fieldError.invalid(at.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'),
      );
    const subPath = str(mount, 'subPath') ?? '';
    if (subPath !== '') errors.push(...validateLocalDescendingPath(subPath, path.child('subPath')));
    const subPathExpr = str(mount, 'subPathExpr') ?? '';
    if (subPathExpr !== '') {
      if (subPath !== '')
        errors.push(
          fieldError.invalid(at.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'),
        );
      errors.push(...validateLocalDescendingPath(subPathExpr, path.child('subPathExpr')));
    }
    const propagation = str(mount, 'mountPropagation');
    if (propagation !== undefined)
      errors.push(...validateMountPropagation(propagation, privileged, path.child('mountPropagation')));
    errors.push(...validateMountRecursiveReadOnly(mount, path.child('recursiveReadOnly')));
  });
  return errors;
}

/** validation.go validateMountPropagation. */
function validateMountPropagation(propagation: string, privileged: boolean, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!MOUNT_PROPAGATIONS.includes(propagation))
    errors.push(fieldError.notSupported(path, propagation, MOUNT_PROPAGATIONS));
  if (propagation === 'Bidirectional' && !privileged)
    errors.push(
      fieldError.forbidden(path, 'Bidirectional mount propagation is available only to privileged containers'),
    );
  return errors;
}

/** validation.go validateMountRecursiveReadOnly. */
function validateMountRecursiveReadOnly(mount: JsonObject, path: FieldPath): FieldError[] {
  const value = str(mount, 'recursiveReadOnly');
  if (value === undefined || value === 'Disabled') return [];
  if (!RECURSIVE_READ_ONLY.includes(value)) return [fieldError.notSupported(path, value, RECURSIVE_READ_ONLY)];
  const errors: FieldError[] = [];
  if (bool(mount, 'readOnly') !== true)
    errors.push(fieldError.forbidden(path, 'may only be specified when readOnly is true'));
  const propagation = str(mount, 'mountPropagation');
  if (propagation !== undefined && propagation !== 'None')
    errors.push(fieldError.forbidden(path, 'may only be specified when mountPropagation is None or not specified'));
  return errors;
}

/** validation.go ValidateVolumeDevices: block devices come from PVC or ephemeral volumes only. */
export function validateVolumeDevices(container: JsonObject, volumes: PodVolumes, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const mounts = pathsByName(objects(container, 'volumeMounts'), 'mountPath');
  const devicePaths = new Set<string>();
  const deviceNames = new Set<string>();
  objects(container, 'volumeDevices').forEach((device, i) => {
    const at = path.index(i);
    const name = str(device, 'name') ?? '';
    const devicePath = str(device, 'devicePath') ?? '';
    const matched = volumes.has(name);
    const volume = volumes.get(name);
    const isPvc = matched && (has(volume, 'persistentVolumeClaim') || has(volume, 'ephemeral'));
    if (name === '') errors.push(fieldError.required(at.child('name')));
    if (deviceNames.has(name)) errors.push(fieldError.invalid(at.child('name'), name, 'must be unique'));
    if (matched && !isPvc)
      errors.push(
        fieldError.invalid(
          at.child('name'),
          name,
          'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
        ),
      );
    if (!matched) errors.push(fieldError.notFound(at.child('name'), name));
    if (devicePath === '') errors.push(fieldError.required(at.child('devicePath')));
    if (devicePaths.has(devicePath))
      errors.push(fieldError.invalid(at.child('devicePath'), devicePath, 'must be unique'));
    if (devicePath !== '' && validatePathNoBacksteps(devicePath, path.child('devicePath')).length > 0)
      errors.push(fieldError.invalid(at.child('devicePath'), devicePath, "can not contain backsteps ('..')"));
    else devicePaths.add(devicePath);
    if (mounts.has(name))
      errors.push(fieldError.invalid(at.child('name'), name, 'must not already exist in volumeMounts'));
    if (hasPath(mounts, devicePath))
      errors.push(
        fieldError.invalid(at.child('devicePath'), devicePath, 'must not already exist as a path in volumeMounts'),
      );
    if (name !== '') deviceNames.add(name);
  });
  return errors;
}
