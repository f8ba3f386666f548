import { FieldPath } from '../../../../kubernetes/field-path.ts';
import { validatePodTemplateSpec } from '../../../../kubernetes/pod-validation/pod-template.ts';

/** A defaulted pod template with the given containers and pod fields, as the rule sees it. */
export function template(
  containers: unknown[],
  spec: Record<string, unknown> = {},
  metadata: unknown = {},
): Record<string, unknown> {
  const withDefaults = containers.map((c) => ({
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    ...(c as object),
  }));
  return {
    metadata,
    spec: {
      restartPolicy: 'Never',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      containers: withDefaults,
      ...spec,
    },
  };
}

/** `path: message` of every error validatePodTemplateSpec gives for the template at spec.template. */
export function errorsOf(t: Record<string, unknown>): string[] {
  return validatePodTemplateSpec(t, FieldPath.root('spec', 'template')).map((e) => `${e.path}: ${e.message}`);
}

export const C0 = 'spec.template.spec.containers[0]';
export const main = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'main',
  image: 'busybox',
  ...fields,
});
