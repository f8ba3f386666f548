import { arr, bool, objects, own, str } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import {
  idRangeErrors,
  validateAppArmorProfileField,
  validateSeccompProfileField,
  validateWindowsSecurityContextOptions,
} from './security-profiles.ts';
import { DEFAULT_FEATURE_GATES, type PodFeatureGates } from './validation-options.ts';

const SYSCTL_MAX_LENGTH = 253;
const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_PATTERN = `^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`;
const SYSCTL = new RegExp(SYSCTL_PATTERN);
const FS_GROUP_CHANGE_POLICIES = ['Always', 'OnRootMismatch'];
const SUPPLEMENTAL_GROUPS_POLICIES = ['Merge', 'Strict'];
const SELINUX_CHANGE_POLICIES = ['MountOption', 'Recursive'];

/** IsValidSysctlName. */
export function isValidSysctlName(name: string): boolean {
  return name.length <= SYSCTL_MAX_LENGTH && SYSCTL.test(name);
}

/** sysctl.NormalizeName: a name whose first separator is '/' swaps '/' and '.'. */
function normalizeSysctlName(name: string): string {
  const first = name.search(/[./]/);
  if (first === -1 || name[first] === '.') return name;
  return name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
}

const IPC_SYSCTLS = new Set([
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
  'kernel.shm',
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.msg',
]);

/** sysctl.GetNamespace (component-helpers): Net, IPC or unknown. */
function sysctlNamespace(sysctl: string): 'Net' | 'IPC' | '' {
  let name = normalizeSysctlName(sysctl);
  const star = name.indexOf('*');
  if (star !== -1) name = name.slice(0, star);
  if (IPC_SYSCTLS.has(name)) return 'IPC';
  if (name.startsWith('net.')) return 'Net';
  if (name.startsWith('fs.mqueue.')) return 'IPC';
  return '';
}

/** validateSysctls with ValidateHostSysctl (AllowNamespacedSysctlsForHostNetAndHostIPC is false on create). */
function validateSysctls(sysctls: unknown[], spec: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  sysctls.forEach((item, i) => {
    const namePath = path.index(i).child('name');
    const name = str(item, 'name') ?? '';
    if (name.length === 0) errors.push(fieldError.required(namePath));
    else if (!isValidSysctlName(name))
      errors.push(
        fieldError.invalid(
          namePath,
          name,
          `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ${SYSCTL_PATTERN}`,
        ),
      );
    else if (names.has(name)) errors.push(fieldError.duplicate(namePath, name));
    const namespace = sysctlNamespace(name);
    if (bool(spec, 'hostNetwork') === true && namespace === 'Net')
      errors.push(fieldError.invalid(namePath, name, "may not be specified when 'hostNetwork' is true"));
    else if (bool(spec, 'hostIPC') === true && namespace === 'IPC')
      errors.push(fieldError.invalid(namePath, name, "may not be specified when 'hostIPC' is true"));
    names.add(name);
  });
  return errors;
}

function idErrors(value: unknown, path: FieldPath): FieldError[] {
  return typeof value === 'number' && Number.isInteger(value)
    ? idRangeErrors(value).map((msg) => fieldError.invalid(path, value, msg))
    : [];
}

/**
 * validatePodSpecSecurityContext (pkg/apis/core/validation) for `spec.securityContext`. The
 * internal PodSecurityContext carries hostNetwork/hostPID/hostIPC and shareProcessNamespace, which
 * v1 keeps on the pod spec: hence `podSpec`. Go runs it only when the (defaulted) securityContext
 * exists, which SetDefaults_PodSpec guarantees, so it runs on a spec without one too.
 */
export function validatePodSecurityContext(
  securityContext: unknown,
  path: FieldPath,
  podSpec: unknown,
  gates: PodFeatureGates = DEFAULT_FEATURE_GATES,
): FieldError[] {
  const errors: FieldError[] = [
    ...idErrors(own(securityContext, 'fsGroup'), path.child('fsGroup')),
    ...idErrors(own(securityContext, 'runAsUser'), path.child('runAsUser')),
    ...idErrors(own(securityContext, 'runAsGroup'), path.child('runAsGroup')),
  ];
  (arr(securityContext, 'supplementalGroups') ?? []).forEach((gid, g) => {
    errors.push(...idErrors(gid, path.child('supplementalGroups').index(g)));
  });
  // v1 keeps shareProcessNamespace on the pod spec; the internal type (and so the path) has it here.
  if (bool(podSpec, 'hostPID') === true && bool(podSpec, 'shareProcessNamespace') === true)
    errors.push(
      fieldError.invalid(
        path.child('shareProcessNamespace'),
        true,
        'ShareProcessNamespace and HostPID cannot both be enabled',
      ),
    );
  const sysctls = objects(securityContext, 'sysctls');
  if (sysctls.length !== 0) errors.push(...validateSysctls(sysctls, podSpec, path.child('sysctls')));
  const fsGroupChangePolicy = str(securityContext, 'fsGroupChangePolicy');
  if (fsGroupChangePolicy !== undefined && !FS_GROUP_CHANGE_POLICIES.includes(fsGroupChangePolicy))
    errors.push(
      fieldError.notSupported(path.child('fsGroupChangePolicy'), fsGroupChangePolicy, FS_GROUP_CHANGE_POLICIES),
    );
  errors.push(...validateSeccompProfileField(own(securityContext, 'seccompProfile'), path.child('seccompProfile')));
  errors.push(
    ...validateWindowsSecurityContextOptions(own(securityContext, 'windowsOptions'), path.child('windowsOptions')),
  );
  errors.push(...validateAppArmorProfileField(own(securityContext, 'appArmorProfile'), path.child('appArmorProfile')));
  const supplementalGroupsPolicy = str(securityContext, 'supplementalGroupsPolicy');
  if (supplementalGroupsPolicy !== undefined && !SUPPLEMENTAL_GROUPS_POLICIES.includes(supplementalGroupsPolicy))
    errors.push(
      fieldError.notSupported(
        path.child('supplementalGroupsPolicy'),
        supplementalGroupsPolicy,
        SUPPLEMENTAL_GROUPS_POLICIES,
      ),
    );
  const seLinuxChangePolicy = str(securityContext, 'seLinuxChangePolicy');
  if (seLinuxChangePolicy !== undefined) {
    // validateSELinuxChangePolicy: without SELinuxMount (off in 1.36.4) a new object may only use Recursive.
    const allowed = gates.SELinuxMount ? SELINUX_CHANGE_POLICIES : ['Recursive'];
    if (!allowed.includes(seLinuxChangePolicy))
      errors.push(fieldError.notSupported(path.child('seLinuxChangePolicy'), seLinuxChangePolicy, allowed));
  }
  return errors;
}
