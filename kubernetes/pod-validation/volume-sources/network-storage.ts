import { arr, bool, has, int, obj, str } from '../../decoded-access.ts';
import { fieldError, type FieldError } from '../../field-error.ts';
import type { FieldPath } from '../../field-path.ts';
import { inclusiveRangeError, isAbsolutePath } from './paths.ts';

/** iscsiInitiatorIqnRegex, iscsiInitiatorEuiRegex, iscsiInitiatorNaaRegex (Go's MatchString is unanchored). */
const IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\s]+)$/;
const EUI = /^eui.[A-Za-z0-9]{16}$/;
const NAA = /^naa.[A-Za-z0-9]{32}$/;

const text = (from: unknown, key: string): string => str(from, key) ?? '';
const required = (from: unknown, key: string, path: FieldPath, detail = ''): FieldError[] =>
  text(from, key).length === 0 ? [fieldError.required(path.child(key), detail)] : [];

/** The iqn/eui/naa format checks shared by the iqn and the initiator name. */
function iscsiNameFormat(name: string, path: FieldPath): FieldError[] {
  if (name.startsWith('iqn') && !IQN.test(name)) return [fieldError.invalid(path, name, 'must be valid format')];
  if (name.startsWith('eui') && !EUI.test(name)) return [fieldError.invalid(path, name, 'must be valid format')];
  if (name.startsWith('naa') && !NAA.test(name)) return [fieldError.invalid(path, name, 'must be valid format')];
  return [];
}

const hasIscsiPrefix = (name: string): boolean => ['iqn', 'eui', 'naa'].some((p) => name.startsWith(p));
const PREFIX_ERROR = 'must be valid format starting with iqn, eui, or naa';

/** validateISCSIVolumeSource. */
export function validateISCSIVolumeSource(iscsi: unknown, path: FieldPath): FieldError[] {
  const errors = required(iscsi, 'targetPortal', path);
  const iqn = text(iscsi, 'iqn');
  if (iqn.length === 0) errors.push(fieldError.required(path.child('iqn')));
  else if (!hasIscsiPrefix(iqn)) errors.push(fieldError.invalid(path.child('iqn'), iqn, PREFIX_ERROR));
  else errors.push(...iscsiNameFormat(iqn, path.child('iqn')));
  const lun = int(iscsi, 'lun') ?? 0;
  if (lun < 0 || lun > 255) errors.push(fieldError.invalid(path.child('lun'), lun, inclusiveRangeError(0, 255)));
  if ((bool(iscsi, 'chapAuthDiscovery') || bool(iscsi, 'chapAuthSession')) && !has(iscsi, 'secretRef'))
    errors.push(fieldError.required(path.child('secretRef')));
  const initiator = str(iscsi, 'initiatorName');
  if (initiator !== undefined) {
    const initiatorPath = path.child('initiatorname');
    if (!hasIscsiPrefix(initiator)) errors.push(fieldError.invalid(initiatorPath, initiator, PREFIX_ERROR));
    errors.push(...iscsiNameFormat(initiator, initiatorPath));
  }
  return errors;
}

/** validateNFSVolumeSource. */
export function validateNFSVolumeSource(nfs: unknown, path: FieldPath): FieldError[] {
  const errors = [...required(nfs, 'server', path), ...required(nfs, 'path', path)];
  const target = text(nfs, 'path');
  if (!isAbsolutePath(target)) errors.push(fieldError.invalid(path.child('path'), target, 'must be an absolute path'));
  return errors;
}

/** validateFCVolumeSource. */
export function validateFCVolumeSource(fc: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const wwns = arr(fc, 'targetWWNs') ?? [];
  const wwids = arr(fc, 'wwids') ?? [];
  if (wwns.length < 1 && wwids.length < 1)
    errors.push(fieldError.required(path.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
  if (wwns.length !== 0 && wwids.length !== 0)
    errors.push(
      fieldError.invalid(path.child('targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'),
    );
  if (wwns.length !== 0) {
    const lun = int(fc, 'lun');
    if (lun === undefined)
      errors.push(fieldError.required(path.child('lun'), 'lun is required if targetWWNs is specified'));
    else if (lun < 0 || lun > 255) errors.push(fieldError.invalid(path.child('lun'), lun, inclusiveRangeError(0, 255)));
  }
  return errors;
}

/** validateRBDVolumeSource. */
export function validateRBDVolumeSource(rbd: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if ((arr(rbd, 'monitors') ?? []).length === 0) errors.push(fieldError.required(path.child('monitors')));
  return [...errors, ...required(rbd, 'image', path)];
}

/** validateCephFSVolumeSource. */
export function validateCephFSVolumeSource(cephfs: unknown, path: FieldPath): FieldError[] {
  return (arr(cephfs, 'monitors') ?? []).length === 0 ? [fieldError.required(path.child('monitors'))] : [];
}

/** validateGlusterfsVolumeSource. */
export function validateGlusterfsVolumeSource(glusterfs: unknown, path: FieldPath): FieldError[] {
  return [...required(glusterfs, 'endpoints', path), ...required(glusterfs, 'path', path)];
}

/** Go's net.SplitHostPort succeeds: `host:port`, `[v6]:port`; the port may be empty. */
function isHostPort(pair: string): boolean {
  if (pair.startsWith('[')) return /^\[[^\]]*\]:[^:]*$/.test(pair);
  return /^[^:[\]]*:[^:[\]]*$/.test(pair);
}

/** validateQuobyteVolumeSource. */
export function validateQuobyteVolumeSource(quobyte: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const registry = text(quobyte, 'registry');
  const message = 'must be a host:port pair or multiple pairs separated by commas';
  if (registry.length === 0) errors.push(fieldError.required(path.child('registry'), message));
  else if (text(quobyte, 'tenant').length >= 65)
    errors.push(
      fieldError.required(path.child('tenant'), 'must be a UUID and may not exceed a length of 64 characters'),
    );
  else
    for (const pair of registry.split(','))
      if (!isHostPort(pair)) errors.push(fieldError.invalid(path.child('registry'), registry, message));
  return [...errors, ...required(quobyte, 'volume', path)];
}

/** validateFlockerVolumeSource. */
export function validateFlockerVolumeSource(flocker: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(flocker, 'datasetName');
  const uuid = text(flocker, 'datasetUUID');
  if (name.length === 0 && uuid.length === 0)
    errors.push(fieldError.required(path, 'one of datasetName and datasetUUID is required'));
  if (name.length !== 0 && uuid.length !== 0)
    errors.push(
      fieldError.invalid(path, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'),
    );
  if (name.includes('/')) errors.push(fieldError.invalid(path.child('datasetName'), name, "must not contain '/'"));
  return errors;
}

/** Whether a source object carries the `secretRef.name` Go requires once secretRef is set. */
export function secretRefNameErrors(source: unknown, path: FieldPath): FieldError[] {
  const ref = obj(source, 'secretRef');
  return ref && text(ref, 'name').length === 0 ? [fieldError.required(path.child('secretRef', 'name'))] : [];
}
