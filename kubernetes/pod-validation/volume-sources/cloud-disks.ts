import { int, obj, str } from '../../decoded-access.ts';
import { fieldError, type FieldError } from '../../field-error.ts';
import type { FieldPath } from '../../field-path.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../../names.ts';
import { utf8Length } from '../../labels.ts';
import { secretRefNameErrors } from './network-storage.ts';
import { inclusiveRangeError } from './paths.ts';

const text = (from: unknown, key: string): string => str(from, key) ?? '';
const required = (from: unknown, key: string, path: FieldPath): FieldError[] =>
  text(from, key).length === 0 ? [fieldError.required(path.child(key))] : [];

/** pdPartitionErrorMsg: the message says 1-255 while the check allows 0 (upstream's wording). */
function partitionErrors(source: unknown, path: FieldPath): FieldError[] {
  const partition = int(source, 'partition') ?? 0;
  return partition < 0 || partition > 255
    ? [fieldError.invalid(path.child('partition'), partition, inclusiveRangeError(1, 255))]
    : [];
}

/** validateGCEPersistentDiskVolumeSource (called with the path `persistentDisk` upstream). */
export function validateGCEPersistentDiskVolumeSource(pd: unknown, path: FieldPath): FieldError[] {
  return [...required(pd, 'pdName', path), ...partitionErrors(pd, path)];
}

/** validateAWSElasticBlockStoreVolumeSource. */
export function validateAWSElasticBlockStoreVolumeSource(pd: unknown, path: FieldPath): FieldError[] {
  return [...required(pd, 'volumeID', path), ...partitionErrors(pd, path)];
}

/** validateAzureFile. */
export function validateAzureFile(azure: unknown, path: FieldPath): FieldError[] {
  return [...required(azure, 'secretName', path), ...required(azure, 'shareName', path)];
}

const CACHING_MODES = ['None', 'ReadOnly', 'ReadWrite'];
const DISK_KINDS = ['Dedicated', 'Managed', 'Shared'];

/** validateAzureDisk; `kind` defaults to Shared (generated defaults of core/v1), so a blob URI. */
export function validateAzureDisk(azure: unknown, path: FieldPath): FieldError[] {
  const errors = [...required(azure, 'diskName', path)];
  const uri = text(azure, 'diskURI');
  if (uri === '') errors.push(fieldError.required(path.child('diskURI')));
  const cachingMode = str(azure, 'cachingMode');
  if (cachingMode !== undefined && !CACHING_MODES.includes(cachingMode))
    errors.push(fieldError.notSupported(path.child('cachingMode'), cachingMode, CACHING_MODES));
  const kind = str(azure, 'kind') ?? 'Shared';
  if (!DISK_KINDS.includes(kind)) errors.push(fieldError.notSupported(path.child('kind'), kind, DISK_KINDS));
  if (kind === 'Managed' && !uri.startsWith('/subscriptions/'))
    errors.push(
      fieldError.notSupported(path.child('diskURI'), uri, [
        '/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}',
      ]),
    );
  if (kind !== 'Managed' && !uri.startsWith('https://'))
    errors.push(
      fieldError.notSupported(path.child('diskURI'), uri, [
        'https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd',
      ]),
    );
  return errors;
}

/** validateCinderVolumeSource. */
export function validateCinderVolumeSource(cinder: unknown, path: FieldPath): FieldError[] {
  return [...required(cinder, 'volumeID', path), ...secretRefNameErrors(cinder, path)];
}

/** validateVsphereVolumeSource. */
export function validateVsphereVolumeSource(vsphere: unknown, path: FieldPath): FieldError[] {
  return required(vsphere, 'volumePath', path);
}

/** validatePhotonPersistentDiskVolumeSource. */
export function validatePhotonPersistentDiskVolumeSource(photon: unknown, path: FieldPath): FieldError[] {
  return required(photon, 'pdID', path);
}

/** validatePortworxVolumeSource. */
export function validatePortworxVolumeSource(portworx: unknown, path: FieldPath): FieldError[] {
  return required(portworx, 'volumeID', path);
}

/** validateScaleIOVolumeSource. */
export function validateScaleIOVolumeSource(scaleIO: unknown, path: FieldPath): FieldError[] {
  return [
    ...required(scaleIO, 'gateway', path),
    ...required(scaleIO, 'system', path),
    ...required(scaleIO, 'volumeName', path),
  ];
}

/** validateStorageOSVolumeSource. */
export function validateStorageOSVolumeSource(storageos: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const volumeName = text(storageos, 'volumeName');
  if (volumeName.length === 0) errors.push(fieldError.required(path.child('volumeName')));
  else
    for (const msg of dns1123LabelErrors(volumeName))
      errors.push(fieldError.invalid(path.child('volumeName'), volumeName, msg));
  const namespace = text(storageos, 'volumeNamespace');
  if (namespace.length > 0)
    for (const msg of dns1123LabelErrors(namespace))
      errors.push(fieldError.invalid(path.child('volumeNamespace'), namespace, msg));
  return [...errors, ...secretRefNameErrors(storageos, path)];
}

/** validateFlexVolumeSource: options may not use the kubernetes.io and k8s.io namespaces. */
export function validateFlexVolumeSource(flex: unknown, path: FieldPath): FieldError[] {
  const errors = required(flex, 'driver', path);
  for (const key of Object.keys(obj(flex, 'options') ?? {})) {
    const slash = key.indexOf('/');
    const namespace = slash === -1 ? key : key.slice(0, slash);
    const normalized = '.' + namespace.toLowerCase();
    if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io'))
      errors.push(
        fieldError.invalid(path.child('options').key(key), key, 'kubernetes.io and k8s.io namespaces are reserved'),
      );
  }
  return errors;
}

/** ValidateCSIDriverName. */
export function validateCSIDriverName(driver: string, path: FieldPath): FieldError[] {
  if (driver.length === 0) return [fieldError.required(path)];
  const errors: FieldError[] = [];
  if (utf8Length(driver) > 63) errors.push(fieldError.tooLong(path, 63));
  for (const msg of dns1123SubdomainErrors(driver.toLowerCase())) errors.push(fieldError.invalid(path, driver, msg));
  return errors;
}

/** validateCSIVolumeSource: a bad nodePublishSecretRef name is reported at `csi.name` upstream. */
export function validateCSIVolumeSource(csi: unknown, path: FieldPath): FieldError[] {
  const errors = validateCSIDriverName(text(csi, 'driver'), path.child('driver'));
  const ref = obj(csi, 'nodePublishSecretRef');
  if (ref) {
    const name = text(ref, 'name');
    if (name.length === 0) errors.push(fieldError.required(path.child('nodePublishSecretRef', 'name')));
    else for (const msg of dns1123SubdomainErrors(name)) errors.push(fieldError.invalid(path.child('name'), name, msg));
  }
  return errors;
}
