import { has, int, isObject, obj, objects, own, str } from '../../decoded-access.ts';
import { fieldError, type FieldError } from '../../field-error.ts';
import type { FieldPath } from '../../field-path.ts';
import { checkLabelSelector } from '../../label-selector.ts';
import { utf8Length } from '../../labels.ts';
import { qualifiedNameErrors } from '../../names.ts';
import { validateDownwardAPIVolumeFile } from './downward-api.ts';
import { validateKeyToPath } from './key-to-path.ts';
import {
  clusterTrustBundleNameErrors,
  isKubernetesSignerName,
  signerNameOfClusterTrustBundle,
  validateSignerName,
} from './signer-names.ts';
import { validateFileMode, validateLocalNonReservedPath } from './paths.ts';
import { DEFAULT_FEATURE_GATES, type PodFeatureGates } from '../validation-options.ts';

/** SetDefaults_ServiceAccountTokenProjection: expirationSeconds defaults to one hour. */
const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;
const MAX_ANNOTATIONS_BYTES = 256 * 1024;
const KEY_TYPES = ['RSA3072', 'RSA4096', 'ECDSAP256', 'ECDSAP384', 'ECDSAP521', 'ED25519'];
/** certificates.MaxMaxExpirationSeconds and KubernetesMaxMaxExpirationSeconds. */
const MAX_MAX_EXPIRATION_SECONDS = 91 * 24 * 60 * 60;
const KUBERNETES_MAX_MAX_EXPIRATION_SECONDS = 24 * 60 * 60;

/** The paths of all sources of one projected volume: a path may be used once. */
class PathSet {
  private readonly seen = new Set<string>();
  private readonly volumePath: FieldPath;
  constructor(volumePath: FieldPath) {
    this.volumePath = volumePath;
  }
  /** Records `target`; a second use is `conflicting duplicate paths` on the volume, with `value`. */
  claim(target: string, value: unknown): FieldError[] {
    if (!this.seen.has(target)) {
      this.seen.add(target);
      return [];
    }
    return [fieldError.invalid(this.volumePath, value, 'conflicting duplicate paths')];
  }
}

function validateKeyToPathSource(source: unknown, path: FieldPath, paths: PathSet): FieldError[] {
  const errors: FieldError[] = [];
  const name = str(source, 'name') ?? '';
  if (name.length === 0) errors.push(fieldError.required(path.child('name')));
  objects(source, 'items').forEach((item, i) => {
    errors.push(...validateKeyToPath(item, path.child('items').index(i)));
    const target = str(item, 'path') ?? '';
    if (target.length > 0) errors.push(...paths.claim(target, name));
  });
  return errors;
}

function validateServiceAccountToken(source: unknown, path: FieldPath, volumePath: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const expiration = has(source, 'expirationSeconds')
    ? int(source, 'expirationSeconds')
    : DEFAULT_TOKEN_EXPIRATION_SECONDS;
  if (expiration !== undefined && expiration < 10 * 60)
    errors.push(
      fieldError.invalid(
        path.child('expirationSeconds'),
        expiration,
        'may not specify a duration less than 10 minutes',
      ),
    );
  if (expiration !== undefined && expiration > 2 ** 32)
    errors.push(
      fieldError.invalid(
        path.child('expirationSeconds'),
        expiration,
        'may not specify a duration larger than 2^32 seconds',
      ),
    );
  // Go reports the token's path at the volume's `path` (fldPath, not projPath); kept as is.
  const target = str(source, 'path') ?? '';
  if (target === '') errors.push(fieldError.required(volumePath.child('path')));
  else errors.push(...validateLocalNonReservedPath(target, volumePath.child('path')));
  return errors;
}

function validateClusterTrustBundle(source: unknown, path: FieldPath, paths: PathSet): FieldError[] {
  const errors: FieldError[] = [];
  const name = str(source, 'name');
  const signerName = str(source, 'signerName');
  if (name !== undefined && signerName !== undefined) {
    errors.push(fieldError.invalid(path, source, 'only one of name and signerName may be used'));
  } else if (name !== undefined) {
    if (name === '') errors.push(fieldError.required(path.child('name'), 'must be a valid object name'));
    for (const msg of clusterTrustBundleNameErrors(signerNameOfClusterTrustBundle(name) ?? '', name))
      errors.push(fieldError.invalid(path.child('name'), name, `not a valid clustertrustbundlename: ${msg}`));
    if (has(source, 'labelSelector'))
      errors.push(
        fieldError.invalid(
          path.child('labelSelector'),
          own(source, 'labelSelector'),
          'labelSelector must be unset if name is specified',
        ),
      );
  } else if (signerName !== undefined) {
    if (signerName === '') errors.push(fieldError.required(path.child('signerName'), 'must be a valid signer name'));
    errors.push(...validateSignerName(path.child('signerName'), signerName));
    const selector = obj(source, 'labelSelector');
    if (selector) errors.push(...checkLabelSelector(selector, path.child('labelSelector')));
  } else {
    errors.push(fieldError.required(path, 'either name or signerName must be specified'));
  }
  const target = str(source, 'path') ?? '';
  if (target === '') errors.push(fieldError.required(path.child('path')));
  errors.push(...validateLocalNonReservedPath(target, path.child('path')));
  errors.push(...paths.claim(target, target));
  return errors;
}

/** ValidateUserAnnotations: domain-prefixed keys (case-insensitive) and the annotation size cap. */
function validateUserAnnotations(annotations: Record<string, unknown>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [rawKey, value] of Object.entries(annotations)) {
    const key = rawKey.toLowerCase();
    size += utf8Length(rawKey) + (typeof value === 'string' ? utf8Length(value) : 0);
    if (key.length === 0) {
      errors.push(fieldError.required(path));
      continue;
    }
    const keyErrors = qualifiedNameErrors(key);
    errors.push(...keyErrors.map((msg) => fieldError.invalid(path, key, msg)));
    if (keyErrors.length === 0 && key.split('/').length !== 2)
      errors.push(fieldError.invalid(path, key, 'must be a domain-prefixed key (such as "acme.io/foo")'));
  }
  if (size > MAX_ANNOTATIONS_BYTES) errors.push(fieldError.tooLong(path, MAX_ANNOTATIONS_BYTES));
  return errors;
}

function validatePodCertificate(source: unknown, path: FieldPath, paths: PathSet): FieldError[] {
  const signerName = str(source, 'signerName') ?? '';
  const errors = validateSignerName(path.child('signerName'), signerName);
  const userAnnotations = obj(source, 'userAnnotations');
  if (userAnnotations) errors.push(...validateUserAnnotations(userAnnotations, path.child('userAnnotations')));
  const keyType = str(source, 'keyType') ?? '';
  if (!KEY_TYPES.includes(keyType)) errors.push(fieldError.notSupported(path.child('keyType'), keyType, KEY_TYPES));
  const maxExpiration = int(source, 'maxExpirationSeconds');
  if (maxExpiration !== undefined) {
    if (maxExpiration < 3600)
      errors.push(
        fieldError.invalid(
          path.child('maxExpirationSeconds'),
          maxExpiration,
          'if provided, maxExpirationSeconds must be >= 3600',
        ),
      );
    const limit = isKubernetesSignerName(signerName)
      ? KUBERNETES_MAX_MAX_EXPIRATION_SECONDS
      : MAX_MAX_EXPIRATION_SECONDS;
    if (maxExpiration > limit)
      errors.push(
        fieldError.invalid(
          path.child('maxExpirationSeconds'),
          maxExpiration,
          `if provided, maxExpirationSeconds must be <= ${limit}`,
        ),
      );
  }
  let numPaths = 0;
  for (const field of ['credentialBundlePath', 'keyPath', 'certificateChainPath']) {
    const target = str(source, field) ?? '';
    if (target.length === 0) continue;
    numPaths++;
    errors.push(...validateLocalNonReservedPath(target, path.child(field)), ...paths.claim(target, target));
  }
  if (numPaths === 0)
    errors.push(
      fieldError.required(path, 'specify at least one of credentialBundlePath, keyPath, and certificateChainPath'),
    );
  return errors;
}

/** validateProjectionSources: each source has exactly one kind; paths are unique across sources. */
function validateProjectionSources(projection: unknown, path: FieldPath, gates: PodFeatureGates): FieldError[] {
  const errors: FieldError[] = [];
  const paths = new PathSet(path);
  objects(projection, 'sources').forEach((source, i) => {
    const srcPath = path.child('sources').index(i);
    let numSources = 0;
    const secret = own(source, 'secret');
    if (isObject(secret)) {
      numSources++;
      errors.push(...validateKeyToPathSource(secret, srcPath.child('secret'), paths));
    }
    const configMap = own(source, 'configMap');
    if (isObject(configMap)) {
      numSources++;
      errors.push(...validateKeyToPathSource(configMap, srcPath.child('configMap'), paths));
    }
    const downwardAPI = own(source, 'downwardAPI');
    if (isObject(downwardAPI)) {
      numSources++;
      for (const file of objects(downwardAPI, 'items')) {
        errors.push(...validateDownwardAPIVolumeFile(file, srcPath.child('downwardAPI')));
        const target = str(file, 'path') ?? '';
        if (target.length > 0) errors.push(...paths.claim(target, target));
      }
    }
    const token = own(source, 'serviceAccountToken');
    if (isObject(token)) {
      numSources++;
      errors.push(...validateServiceAccountToken(token, srcPath.child('serviceAccountToken'), path));
    }
    const bundle = own(source, 'clusterTrustBundle');
    // dropDisabledClusterTrustBundleProjection: without the gate the source is gone before validation.
    if (isObject(bundle) && gates.ClusterTrustBundleProjection) {
      numSources++;
      errors.push(...validateClusterTrustBundle(bundle, srcPath.child('clusterTrustBundle'), paths));
    }
    const certificate = own(source, 'podCertificate');
    // dropDisabledPodCertificateProjection, likewise.
    if (isObject(certificate) && gates.PodCertificateRequest) {
      numSources++;
      errors.push(...validatePodCertificate(certificate, srcPath.child('podCertificate'), paths));
    }
    if (numSources > 1)
      errors.push(fieldError.forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errors;
}

/** validateProjectedVolumeSource (pkg/apis/core/validation). */
export function validateProjectedVolumeSource(
  projection: unknown,
  path: FieldPath,
  gates: PodFeatureGates = DEFAULT_FEATURE_GATES,
): FieldError[] {
  return [
    ...validateFileMode(int(projection, 'defaultMode'), path.child('defaultMode')),
    ...validateProjectionSources(projection, path, gates),
  ];
}
