import { arr, obj, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { checkAnnotations, checkLabels } from '../labels.ts';
import { validateAnnotationsMatchFields, validatePodSpecificAnnotations } from './pod-annotations.ts';
import { validatePodSpec } from './pod-spec.ts';

/**
 * validation.go ValidatePodTemplateSpec, as ValidateJobSpec calls it on `spec.template` (and a
 * CronJob's on `spec.jobTemplate.spec.template`): the template's labels and annotations, the pod
 * spec, the seccomp and AppArmor annotations against the fields, and no ephemeral containers.
 * `template` is the template after the API server's defaulting; `path` points at it.
 */
export function validatePodTemplateSpec(template: JsonObject, path: FieldPath): FieldError[] {
  const metadata = obj(template, 'metadata');
  const annotations = obj(metadata, 'annotations') ?? {};
  const podSpec = obj(template, 'spec') ?? {};
  const specPath = path.child('spec');
  const errors = [
    ...checkLabels(obj(metadata, 'labels'), path.child('labels')),
    ...checkAnnotations(obj(metadata, 'annotations'), path.child('annotations')),
    ...validatePodSpecificAnnotations(annotations, podSpec, path.child('annotations')),
    ...validatePodSpec(podSpec, specPath),
    ...validateAnnotationsMatchFields(annotations, podSpec, specPath),
  ];
  if ((arr(podSpec, 'ephemeralContainers') ?? []).length > 0)
    errors.push(
      fieldError.forbidden(specPath.child('ephemeralContainers'), 'ephemeral containers not allowed in pod template'),
    );
  return errors;
}
