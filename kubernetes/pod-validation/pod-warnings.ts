import { int, obj, objects, own, str, type JsonObject } from '../decoded-access.ts';
import { valueText } from '../describe-value.ts';
import type { FieldPath } from '../field-path.ts';
import { hasFractionalUnits, parseQuantity } from '../quantity.ts';

/**
 * The API server's warnings for a pod template (pkg/api/pod/warnings.go
 * GetWarningsForPodTemplate → warningsForPodSpecAndMeta), the parts about containers, ports,
 * env, resources, annotations, image pull secrets and the grace period. The node-label,
 * affinity, topology, volume, host-alias and DNS warnings are not here.
 */
export interface PodWarning {
  readonly path: string;
  readonly message: string;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_DEPRECATED = 'non-functional in v1.27+; use the "seccompProfile" field instead';
const APPARMOR_DEPRECATED = 'deprecated since v1.30; use the "appArmorProfile" field instead';
/** warnings.go deprecatedAnnotations. */
const DEPRECATED_ANNOTATIONS: readonly (readonly [string, string])[] = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
];

interface VisitedContainer {
  readonly container: JsonObject;
  readonly path: FieldPath;
}

/** podshelper.VisitContainersWithPath: init containers, containers, then ephemeral containers. */
function visitContainers(podSpec: JsonObject, specPath: FieldPath): VisitedContainer[] {
  return CONTAINER_LISTS.flatMap((key) =>
    objects(podSpec, key).map((container, i) => ({ container, path: specPath.child(key).index(i) })),
  );
}

function fractionalBytes(value: unknown, path: FieldPath): PodWarning[] {
  const quantity = parseQuantity(value);
  return quantity && hasFractionalUnits(quantity)
    ? [
        {
          path: path.toString(),
          message: `fractional byte value ${JSON.stringify(valueText(value))} is invalid, must be an integer`,
        },
      ]
    : [];
}

/** The AppArmor profile an annotation value stands for (ApparmorFieldForAnnotation), as text. */
function appArmorForAnnotation(annotation: string): string | undefined {
  if (annotation === 'runtime/default') return 'RuntimeDefault/';
  if (annotation === 'unconfined') return 'Unconfined/';
  if (annotation.startsWith('localhost/')) return `Localhost/${annotation.slice('localhost/'.length)}`;
  return undefined;
}

function appArmorText(profile: JsonObject | undefined): string | undefined {
  return profile ? `${str(profile, 'type') ?? ''}/${str(profile, 'localhostProfile') ?? ''}` : undefined;
}

/** warningsForPodSpecAndMeta for a template at `templatePath` (`spec.template`). */
export function podTemplateWarnings(template: JsonObject, templatePath: FieldPath): PodWarning[] {
  const podSpec = obj(template, 'spec') ?? {};
  const annotations = obj(obj(template, 'metadata'), 'annotations') ?? {};
  const annotationsPath = templatePath.child('metadata', 'annotations');
  const specPath = templatePath.child('spec');
  const warnings: PodWarning[] = [];
  const annotated = (key: string): boolean => Object.hasOwn(annotations, key);
  for (const [key, message] of DEPRECATED_ANNOTATIONS)
    if (annotated(key)) warnings.push({ path: annotationsPath.key(key).toString(), message });
  warnings.push(...imagePullSecretWarnings(podSpec, specPath.child('imagePullSecrets')));
  for (const key of ['memory', 'ephemeral-storage'])
    warnings.push(...fractionalBytes(own(obj(podSpec, 'overhead'), key), specPath.child('overhead').key(key)));
  const podContext = obj(podSpec, 'securityContext');
  if (!obj(podContext, 'seccompProfile') && annotated(SECCOMP_POD))
    warnings.push({ path: annotationsPath.key(SECCOMP_POD).toString(), message: SECCOMP_DEPRECATED });
  const podAppArmor = appArmorText(obj(podContext, 'appArmorProfile'));
  const containers = visitContainers(podSpec, specPath);
  for (const { container, path } of containers) {
    const name = str(container, 'name') ?? '';
    const context = obj(container, 'securityContext');
    if (!obj(context, 'seccompProfile') && annotated(SECCOMP_CONTAINER_PREFIX + name))
      warnings.push({
        path: annotationsPath.key(SECCOMP_CONTAINER_PREFIX + name).toString(),
        message: SECCOMP_DEPRECATED,
      });
    const appArmorAnnotation = annotations[APPARMOR_CONTAINER_PREFIX + name];
    if (
      !obj(context, 'appArmorProfile') &&
      typeof appArmorAnnotation === 'string' &&
      annotated(APPARMOR_CONTAINER_PREFIX + name)
    )
      if (podAppArmor === undefined || podAppArmor !== appArmorForAnnotation(appArmorAnnotation))
        warnings.push({
          path: annotationsPath.key(APPARMOR_CONTAINER_PREFIX + name).toString(),
          message: APPARMOR_DEPRECATED,
        });
    const resources = obj(container, 'resources');
    for (const group of ['limits', 'requests'])
      for (const key of ['memory', 'ephemeral-storage'])
        warnings.push(...fractionalBytes(own(obj(resources, group), key), path.child('resources', group).key(key)));
    warnings.push(...duplicateEnvWarnings(container, path));
  }
  warnings.push(...portWarnings(containers));
  const grace = int(podSpec, 'terminationGracePeriodSeconds');
  if (grace !== undefined && grace < 0)
    warnings.push({
      path: specPath.child('terminationGracePeriodSeconds').toString(),
      message: 'must be >= 0; negative values are invalid and will be treated as 1',
    });
  return warnings;
}

/** Duplicate and empty image pull secret names. */
function imagePullSecretWarnings(podSpec: JsonObject, path: FieldPath): PodWarning[] {
  const warnings: PodWarning[] = [];
  const secrets = objects(podSpec, 'imagePullSecrets');
  const seen = new Set<string>();
  if (secrets.length > 1)
    secrets.forEach((secret, i) => {
      const name = str(secret, 'name') ?? '';
      if (seen.has(name))
        warnings.push({
          path: path.index(i).child('name').toString(),
          message: `duplicate name ${JSON.stringify(name)}`,
        });
      else seen.add(name);
    });
  secrets.forEach((secret, i) => {
    if ((str(secret, 'name') ?? '') === '')
      warnings.push({ path: path.index(i).child('name').toString(), message: 'invalid empty name ""' });
  });
  return warnings;
}

/** A repeated env name hides the earlier one, unless it is a plain value that refers to it. */
function duplicateEnvWarnings(container: JsonObject, path: FieldPath): PodWarning[] {
  const env = objects(container, 'env');
  if (env.length < 2) return [];
  const warnings: PodWarning[] = [];
  const seen = new Set<string>();
  env.forEach((item, i) => {
    const name = str(item, 'name') ?? '';
    if (!seen.has(name)) {
      seen.add(name);
      return;
    }
    const ref = `$(${name})`;
    const value = str(item, 'value') ?? '';
    const bad = obj(item, 'valueFrom') !== undefined || value === ref || !value.includes(ref);
    if (bad)
      warnings.push({
        path: path.child('env').index(i).toString(),
        message: `hides previous definition of ${JSON.stringify(name)}, which may be dropped when using apply`,
      });
  });
  return warnings;
}

interface PortBlock {
  readonly path: FieldPath;
  readonly hostIP: string;
  readonly hostPort: number;
}

/** Go's %+v of a ContainerPort, as the hostIP warning prints it. */
function portText(port: JsonObject, protocol: string): string {
  return `{Name:${str(port, 'name') ?? ''} HostPort:${int(port, 'hostPort') ?? 0} ContainerPort:${int(port, 'containerPort') ?? 0} Protocol:${protocol} HostIP:${str(port, 'hostIP') ?? ''}}`;
}

/** Ports across all containers: hostIP without hostPort, overlapping definitions, repeated names. */
function portWarnings(containers: readonly VisitedContainer[]): PodWarning[] {
  const warnings: PodWarning[] = [];
  const byPort = new Map<string, PortBlock[]>();
  for (const { container, path } of containers)
    objects(container, 'ports').forEach((port, i) => {
      const at = path.child('ports').index(i);
      const protocol = str(port, 'protocol') || 'TCP';
      const hostIP = str(port, 'hostIP') ?? '';
      const hostPort = int(port, 'hostPort') ?? 0;
      if (hostIP !== '' && hostPort === 0)
        warnings.push({ path: at.toString(), message: `hostIP set without hostPort: ${portText(port, protocol)}` });
      const key = `${int(port, 'containerPort') ?? 0}/${protocol}`;
      const others = byPort.get(key) ?? [];
      for (const other of others) {
        let kind: string | undefined;
        if (hostIP === other.hostIP && hostPort === other.hostPort) kind = 'duplicate';
        else if (hostPort === 0 || other.hostPort === 0) kind = 'overlapping';
        else if (hostPort === other.hostPort && (hostIP === '') !== (other.hostIP === ''))
          kind = 'dangerously ambiguous';
        if (kind)
          warnings.push({ path: at.toString(), message: `${kind} port definition with ${other.path.toString()}` });
      }
      byPort.set(key, [...others, { path: at, hostIP, hostPort }]);
    });
  const names = new Map<string, string>();
  for (const { container, path } of containers)
    objects(container, 'ports').forEach((port, i) => {
      const name = str(port, 'name') ?? '';
      if (name === '') return;
      const at = path.child('ports').index(i).toString();
      const other = names.get(name);
      if (other === undefined) names.set(name, at);
      else
        warnings.push({
          path: at,
          message: `duplicate port name ${JSON.stringify(name)} with ${other}, services and probes that select ports by name will use ${other}`,
        });
    });
  return warnings;
}
