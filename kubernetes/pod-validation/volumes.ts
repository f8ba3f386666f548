import { isObject, obj, own, str } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { dns1123LabelErrors } from '../names.ts';
import {
  validateAWSElasticBlockStoreVolumeSource,
  validateAzureDisk,
  validateAzureFile,
  validateCephFSVolumeSource,
  validateCinderVolumeSource,
  validateConfigMapVolumeSource,
  validateCSIVolumeSource,
  validateDownwardAPIVolumeSource,
  validateEmptyDirVolumeSource,
  validateEphemeralVolumeSource,
  validateFCVolumeSource,
  validateFlexVolumeSource,
  validateFlockerVolumeSource,
  validateGCEPersistentDiskVolumeSource,
  validateGitRepoVolumeSource,
  validateGlusterfsVolumeSource,
  validateHostPathVolumeSource,
  validateImageVolumeSource,
  validateISCSIVolumeSource,
  validateNFSVolumeSource,
  validatePhotonPersistentDiskVolumeSource,
  validatePortworxVolumeSource,
  validateProjectedVolumeSource,
  validateQuobyteVolumeSource,
  validateRBDVolumeSource,
  validateScaleIOVolumeSource,
  validateSecretVolumeSource,
  validateStorageOSVolumeSource,
  validateVsphereVolumeSource,
} from './volume-sources/index.ts';

interface SourceKind {
  /** The JSON field of the source in a v1 Volume. */
  readonly field: string;
  /** Where validateVolumeSource reports "may not specify more than 1 volume type" (upstream spellings kept). */
  readonly forbiddenAt: string;
  /** The child path the source's own validation runs under (`persistentDisk` for GCE, upstream). */
  readonly validateAt: string;
  readonly validate: (source: unknown, path: FieldPath) => FieldError[];
}

const kind = (
  field: string,
  validate: SourceKind['validate'],
  validateAt = field,
  forbiddenAt = field,
): SourceKind => ({ field, validate, validateAt, forbiddenAt });

/** The sources in the order validateVolumeSource visits them: the first one present wins. */
const SOURCE_KINDS: readonly SourceKind[] = [
  kind('emptyDir', validateEmptyDirVolumeSource),
  kind('hostPath', validateHostPathVolumeSource),
  kind('gitRepo', validateGitRepoVolumeSource),
  kind('gcePersistentDisk', validateGCEPersistentDiskVolumeSource, 'persistentDisk'),
  kind('awsElasticBlockStore', validateAWSElasticBlockStoreVolumeSource),
  kind('secret', validateSecretVolumeSource),
  kind('nfs', validateNFSVolumeSource),
  kind('iscsi', validateISCSIVolumeSource),
  kind('glusterfs', validateGlusterfsVolumeSource),
  kind('flocker', validateFlockerVolumeSource),
  kind('persistentVolumeClaim', validatePersistentClaimVolumeSource),
  kind('rbd', validateRBDVolumeSource),
  kind('cinder', validateCinderVolumeSource),
  kind('cephfs', validateCephFSVolumeSource, 'cephfs', 'cephFS'),
  kind('quobyte', validateQuobyteVolumeSource),
  kind('downwardAPI', validateDownwardAPIVolumeSource, 'downwardAPI', 'downwarAPI'),
  kind('fc', validateFCVolumeSource),
  kind('flexVolume', validateFlexVolumeSource),
  kind('configMap', validateConfigMapVolumeSource),
  kind('azureFile', validateAzureFile),
  kind('vsphereVolume', validateVsphereVolumeSource),
  kind('photonPersistentDisk', validatePhotonPersistentDiskVolumeSource),
  kind('portworxVolume', validatePortworxVolumeSource),
  kind('azureDisk', validateAzureDisk),
  kind('storageos', validateStorageOSVolumeSource),
  kind('projected', validateProjectedVolumeSource),
  kind('scaleIO', validateScaleIOVolumeSource),
  kind('csi', validateCSIVolumeSource),
  kind('ephemeral', validateEphemeralVolumeSource),
  kind('image', validateImageVolumeSource),
];

/** validatePersistentClaimVolumeSource. */
function validatePersistentClaimVolumeSource(claim: unknown, path: FieldPath): FieldError[] {
  return (str(claim, 'claimName') ?? '').length === 0 ? [fieldError.required(path.child('claimName'))] : [];
}

const ISCSI_NAME_TOO_LONG =
  'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.';

/**
 * validateVolumeSource (pkg/apis/core/validation): exactly one source. A volume without any
 * source never reaches validation: SetDefaults_Volume makes it an emptyDir.
 */
function validateVolumeSource(volume: unknown, path: FieldPath, volumeName: string): FieldError[] {
  const errors: FieldError[] = [];
  let numVolumes = 0;
  for (const source of SOURCE_KINDS) {
    const value = own(volume, source.field);
    if (!isObject(value)) continue;
    if (numVolumes > 0) {
      errors.push(fieldError.forbidden(path.child(source.forbiddenAt), 'may not specify more than 1 volume type'));
    } else {
      numVolumes++;
      errors.push(...source.validate(value, path.child(source.validateAt)));
    }
    // Checked whether or not iscsi is the volume's first source, as upstream does.
    if (source.field === 'iscsi' && str(value, 'initiatorName') !== undefined) {
      if ((volumeName + ':' + (str(value, 'targetPortal') ?? '')).length > 64)
        errors.push(fieldError.invalid(path.child('name'), volumeName, ISCSI_NAME_TOO_LONG));
    }
  }
  return errors;
}

export interface ValidatedVolumes {
  readonly errors: FieldError[];
  /** Volume name → the volume object, for volumes without errors (the `vols` map of ValidateVolumes). */
  readonly volumes: ReadonlyMap<string, unknown>;
}

/**
 * ValidateVolumes (pkg/apis/core/validation) for a pod template: podMeta is nil there, so the
 * checks of ephemeral PVC names against the pod's name are skipped, as upstream skips them.
 */
export function validateVolumes(volumes: unknown, path: FieldPath): ValidatedVolumes {
  const errors: FieldError[] = [];
  const valid = new Map<string, unknown>();
  const list = Array.isArray(volumes) ? volumes : [];
  list.forEach((item, i) => {
    const volume = isObject(item) ? item : {};
    const idxPath = path.index(i);
    const namePath = idxPath.child('name');
    const name = str(volume, 'name') ?? '';
    const el = validateVolumeSource(volume, idxPath, name);
    if (name.length === 0) el.push(fieldError.required(namePath));
    else for (const msg of dns1123LabelErrors(name)) el.push(fieldError.invalid(namePath, name, msg));
    if (valid.has(name)) el.push(fieldError.duplicate(namePath, name));
    if (el.length === 0) valid.set(name, volume);
    else errors.push(...el);
  });
  return { errors, volumes: valid };
}

/** isMatchedDevice's question: is the named volume backed by a claim (persistentVolumeClaim or ephemeral)? */
export function isClaimVolume(volume: unknown): boolean {
  return obj(volume, 'persistentVolumeClaim') !== undefined || obj(volume, 'ephemeral') !== undefined;
}
