import { arr, isObject, obj, own, str } from '../../decoded-access.ts';
import { fieldError, type FieldError } from '../../field-error.ts';
import type { FieldPath } from '../../field-path.ts';
import { checkLabelSelector } from '../../label-selector.ts';
import { checkAnnotations, checkLabels } from '../../labels.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../../names.ts';
import { parseQuantity } from '../../quantity.ts';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
/** ObjectMeta fields and the name validateFieldAllowList prints for them (Go name, first rune lowered). */
const FORBIDDEN_TEMPLATE_META: readonly (readonly [string, string])[] = [
  ['name', 'name'],
  ['generateName', 'generateName'],
  ['namespace', 'namespace'],
  ['selfLink', 'selfLink'],
  ['uid', 'uID'],
  ['resourceVersion', 'resourceVersion'],
  ['generation', 'generation'],
  ['creationTimestamp', 'creationTimestamp'],
  ['deletionTimestamp', 'deletionTimestamp'],
  ['deletionGracePeriodSeconds', 'deletionGracePeriodSeconds'],
  ['ownerReferences', 'ownerReferences'],
  ['finalizers', 'finalizers'],
  ['managedFields', 'managedFields'],
];

/** Whether a decoded ObjectMeta field differs from Go's zero value (an empty list is not nil). */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return value !== '' && value !== 0;
}

/** ValidateTemplateObjectMeta: labels and annotations only (validateFieldAllowList for the rest). */
function validateTemplateObjectMeta(meta: unknown, path: FieldPath): FieldError[] {
  const errors = [
    ...checkAnnotations(obj(meta, 'annotations'), path.child('annotations')),
    ...checkLabels(obj(meta, 'labels'), path.child('labels')),
  ];
  for (const [json, goName] of FORBIDDEN_TEMPLATE_META)
    if (isSet(own(meta, json))) errors.push(fieldError.forbidden(path.child(goName), 'cannot be set'));
  return errors;
}

/** validateDataSource and validateDataSourceRef (the ref also has a namespace). */
function validateDataSource(source: unknown, path: FieldPath, isRef: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const kind = str(source, 'kind') ?? '';
  const apiGroup = str(source, 'apiGroup') ?? '';
  if ((str(source, 'name') ?? '').length === 0) errors.push(fieldError.required(path.child('name')));
  if (kind.length === 0) errors.push(fieldError.required(path.child('kind')));
  if (apiGroup.length === 0 && kind !== 'PersistentVolumeClaim')
    errors.push(
      fieldError.invalid(path, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"),
    );
  // The options of a claim template leave AllowInvalidAPIGroupInDataSourceOrRef false.
  for (const msg of apiGroup.length > 0 ? dns1123SubdomainErrors(apiGroup) : [])
    errors.push(fieldError.invalid(path.child('apiGroup'), apiGroup, msg));
  const namespace = isRef ? (str(source, 'namespace') ?? '') : '';
  for (const msg of namespace.length > 0 ? dns1123LabelErrors(namespace) : [])
    errors.push(fieldError.invalid(path.child('namespace'), namespace, msg));
  return errors;
}

function sameDataSource(a: unknown, b: unknown): boolean {
  return (
    str(a, 'apiGroup') === str(b, 'apiGroup') && str(a, 'kind') === str(b, 'kind') && str(a, 'name') === str(b, 'name')
  );
}

/** ValidatePersistentVolumeClaimSpec with the options of a new claim template. */
function validateClaimSpec(spec: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const modes = (arr(spec, 'accessModes') ?? []).filter((m): m is string => typeof m === 'string');
  if (modes.length === 0)
    errors.push(fieldError.required(path.child('accessModes'), 'at least 1 access mode is required'));
  const selector = obj(spec, 'selector');
  if (selector) errors.push(...checkLabelSelector(selector, path.child('selector')));
  let readWriteOncePod = false;
  let other = false;
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode))
      errors.push(fieldError.notSupported(path.child('accessModes'), mode, ACCESS_MODES));
    if (mode === 'ReadWriteOncePod') readWriteOncePod = true;
    else if (ACCESS_MODES.includes(mode)) other = true;
  }
  if (readWriteOncePod && other)
    errors.push(
      fieldError.forbidden(path.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'),
    );
  const storagePath = path.child('resources').key('storage');
  const requests = obj(obj(spec, 'resources'), 'requests');
  if (!requests || !Object.hasOwn(requests, 'storage')) {
    errors.push(fieldError.required(storagePath));
  } else {
    const storage = parseQuantity(own(requests, 'storage'));
    if (storage && storage.numerator <= 0n)
      errors.push(fieldError.invalid(storagePath, own(requests, 'storage'), 'must be greater than zero'));
  }
  const className = str(spec, 'storageClassName') ?? '';
  for (const msg of className.length > 0 ? dns1123SubdomainErrors(className) : [])
    errors.push(fieldError.invalid(path.child('storageClassName'), className, msg));
  // SetDefaults_PersistentVolumeClaimSpec: volumeMode defaults to Filesystem.
  const volumeMode = str(spec, 'volumeMode');
  if (volumeMode !== undefined && !VOLUME_MODES.includes(volumeMode))
    errors.push(fieldError.notSupported(path.child('volumeMode'), volumeMode, VOLUME_MODES));
  const dataSource = obj(spec, 'dataSource');
  const dataSourceRef = obj(spec, 'dataSourceRef');
  if (dataSource) errors.push(...validateDataSource(dataSource, path.child('dataSource'), false));
  if (dataSourceRef) errors.push(...validateDataSource(dataSourceRef, path.child('dataSourceRef'), true));
  if (dataSourceRef && (str(dataSourceRef, 'namespace') ?? '').length > 0) {
    if (dataSource)
      errors.push(fieldError.invalid(path, {}, 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (dataSource && dataSourceRef && !sameDataSource(dataSource, dataSourceRef)) {
    // Go passes a *field.Path as the value; it renders as {}.
    errors.push(fieldError.invalid(path, {}, 'must match dataSourceRef'));
  }
  // VolumeAttributesClass is GA (on by default) in 1.36.
  const attributesClass = str(spec, 'volumeAttributesClassName') ?? '';
  for (const msg of attributesClass.length > 0 ? dns1123SubdomainErrors(attributesClass) : [])
    errors.push(fieldError.invalid(path.child('volumeAttributesClassName'), attributesClass, msg));
  return errors;
}

/** validateEphemeralVolumeSource and ValidatePersistentVolumeClaimTemplate. */
export function validateEphemeralVolumeSource(source: unknown, path: FieldPath): FieldError[] {
  const template = own(source, 'volumeClaimTemplate');
  const templatePath = path.child('volumeClaimTemplate');
  if (!isObject(template)) return [fieldError.required(templatePath)];
  return [
    ...validateTemplateObjectMeta(own(template, 'metadata'), templatePath.child('metadata')),
    ...validateClaimSpec(own(template, 'spec'), templatePath.child('spec')),
  ];
}
