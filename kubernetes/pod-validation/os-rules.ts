import { has, isObject, obj, objects, own, str } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';

const VALID_OS = ['linux', 'windows'];
const NOT_FOR_WINDOWS = 'cannot be set for a windows pod';

/** validateOS: `os.name` is required and linux or windows. */
function validateOS(podSpec: unknown, path: FieldPath): FieldError[] {
  const name = str(obj(podSpec, 'os'), 'name') ?? '';
  if (name.length === 0) return [fieldError.required(path.child('name'))];
  return VALID_OS.includes(name) ? [] : [fieldError.notSupported(path, name, VALID_OS)];
}

/** podshelper.VisitContainersWithPath: init containers, containers, then ephemeral containers. */
function eachContainer(podSpec: unknown, path: FieldPath, visit: (container: unknown, path: FieldPath) => void): void {
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'])
    objects(podSpec, field).forEach((container, i) => visit(container, path.child(field).index(i)));
}

/** validateLinux: no Windows options, at pod or container level. */
function validateLinux(podSpec: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const message = 'windows options cannot be set for a linux pod';
  if (has(obj(podSpec, 'securityContext'), 'windowsOptions'))
    errors.push(fieldError.forbidden(path.child('securityContext', 'windowsOptions'), message));
  eachContainer(podSpec, path, (container, containerPath) => {
    if (has(obj(container, 'securityContext'), 'windowsOptions'))
      errors.push(fieldError.forbidden(containerPath.child('securityContext', 'windowsOptions'), message));
  });
  return errors;
}

/** Pod securityContext fields a Windows pod may not set, and where Go reports them (v1 keeps some on the spec). */
const WINDOWS_FORBIDDEN_POD_FIELDS: readonly (readonly [string, 'context' | 'spec', string])[] = [
  ['appArmorProfile', 'context', 'securityContext.appArmorProfile'],
  ['seLinuxOptions', 'context', 'securityContext.seLinuxOptions'],
  ['hostUsers', 'spec', 'hostUsers'],
  ['hostPID', 'spec', 'hostPID'],
  ['hostIPC', 'spec', 'hostIPC'],
  ['seccompProfile', 'context', 'securityContext.seccompProfile'],
  ['fsGroup', 'context', 'securityContext.fsGroup'],
  ['fsGroupChangePolicy', 'context', 'securityContext.fsGroupChangePolicy'],
  ['sysctls', 'context', 'securityContext.sysctls'],
  ['shareProcessNamespace', 'spec', 'shareProcessNamespace'],
  ['runAsUser', 'context', 'securityContext.runAsUser'],
  ['runAsGroup', 'context', 'securityContext.runAsGroup'],
  ['supplementalGroups', 'context', 'securityContext.supplementalGroups'],
  ['supplementalGroupsPolicy', 'context', 'securityContext.supplementalGroupsPolicy'],
  ['seLinuxChangePolicy', 'context', 'securityContext.seLinuxChangePolicy'],
];

const WINDOWS_FORBIDDEN_CONTAINER_FIELDS = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
];

/** Whether the internal field is set: hostPID/hostIPC are plain bools (set when true), sysctls a non-empty list. */
function isSetForWindows(holder: unknown, field: string): boolean {
  const value = own(holder, field);
  if (field === 'hostPID' || field === 'hostIPC') return value === true;
  if (field === 'sysctls') return Array.isArray(value) && value.length > 0;
  return value !== undefined && value !== null;
}

/** validateWindows: the Linux-only pod and container security settings are forbidden. */
function validateWindows(podSpec: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const context = obj(podSpec, 'securityContext');
  for (const [field, holder, at] of WINDOWS_FORBIDDEN_POD_FIELDS)
    if (isSetForWindows(holder === 'spec' ? podSpec : context, field))
      errors.push(fieldError.forbidden(path.child(...at.split('.')), NOT_FOR_WINDOWS));
  eachContainer(podSpec, path, (container, containerPath) => {
    const sc = own(container, 'securityContext');
    if (!isObject(sc)) return;
    for (const field of WINDOWS_FORBIDDEN_CONTAINER_FIELDS)
      if (has(sc, field))
        errors.push(fieldError.forbidden(containerPath.child('securityContext', field), NOT_FOR_WINDOWS));
  });
  return errors;
}

/**
 * validateWindowsHostProcessPod (run on every pod spec, whatever its os): hostProcess settings of
 * the pod and its containers must agree, be all-or-nothing, and come with hostNetwork. The
 * `--allow-privileged` check assumes the API server allows privileged containers.
 */
export function validateWindowsHostProcessPod(podSpec: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const podHostProcess = own(obj(obj(podSpec, 'securityContext'), 'windowsOptions'), 'hostProcess');
  const podValue = typeof podHostProcess === 'boolean' ? podHostProcess : undefined;
  let containers = 0;
  let hostProcessContainers = 0;
  eachContainer(podSpec, path, (container, containerPath) => {
    containers++;
    const setting = own(obj(obj(container, 'securityContext'), 'windowsOptions'), 'hostProcess');
    const value = typeof setting === 'boolean' ? setting : undefined;
    if (podValue !== undefined && value !== undefined && podValue !== value)
      errors.push(
        fieldError.invalid(
          containerPath.child('securityContext', 'windowsOptions', 'hostProcess'),
          value,
          `pod hostProcess value must be identical if both are specified, was ${podValue}`,
        ),
      );
    if (value === true || (value === undefined && podValue === true)) hostProcessContainers++;
  });
  if (hostProcessContainers > 0) {
    if (hostProcessContainers !== containers)
      errors.push(
        fieldError.invalid(
          path,
          '',
          'If pod contains any hostProcess containers then all containers must be HostProcess containers',
        ),
      );
    const hostNetwork = own(podSpec, 'hostNetwork') === true;
    if (!hostNetwork)
      errors.push(
        fieldError.invalid(
          path.child('hostNetwork'),
          false,
          'hostNetwork must be true if pod contains any hostProcess containers',
        ),
      );
  }
  return errors;
}

/** The `spec.OS != nil` block of ValidatePodSpec: validateOS, then the rules of the named OS. */
export function validateOSFields(podSpec: unknown, path: FieldPath): FieldError[] {
  const osErrors = validateOS(podSpec, path.child('os'));
  if (osErrors.length > 0) return osErrors;
  const name = str(obj(podSpec, 'os'), 'name');
  if (name === 'linux') return validateLinux(podSpec, path);
  if (name === 'windows') return validateWindows(podSpec, path);
  return [];
}
