import { isObject, own, type JsonObject } from '../decoded-access.ts';

/**
 * The bad value of a field error that is a whole struct: field.Error prints it as json.Marshal
 * does the internal Go type, with Go's field names, in declaration order, unset pointers and
 * slices as null and unset strings as "". Building that object makes formatBadValue print the
 * server's text.
 */
type FieldKind = 'pointer' | 'string' | Schema;
type Schema = readonly (readonly [json: string, go: string, kind: FieldKind])[];

const CAPABILITIES: Schema = [
  ['add', 'Add', 'pointer'],
  ['drop', 'Drop', 'pointer'],
];
const SELINUX_OPTIONS: Schema = [
  ['user', 'User', 'string'],
  ['role', 'Role', 'string'],
  ['type', 'Type', 'string'],
  ['level', 'Level', 'string'],
];
const WINDOWS_OPTIONS: Schema = [
  ['gmsaCredentialSpecName', 'GMSACredentialSpecName', 'pointer'],
  ['gmsaCredentialSpec', 'GMSACredentialSpec', 'pointer'],
  ['runAsUserName', 'RunAsUserName', 'pointer'],
  ['hostProcess', 'HostProcess', 'pointer'],
];
/** core.SeccompProfile and core.AppArmorProfile have the same shape. */
const PROFILE: Schema = [
  ['type', 'Type', 'string'],
  ['localhostProfile', 'LocalhostProfile', 'pointer'],
];
/** core.SecurityContext. */
export const SECURITY_CONTEXT: Schema = [
  ['capabilities', 'Capabilities', CAPABILITIES],
  ['privileged', 'Privileged', 'pointer'],
  ['seLinuxOptions', 'SELinuxOptions', SELINUX_OPTIONS],
  ['windowsOptions', 'WindowsOptions', WINDOWS_OPTIONS],
  ['runAsUser', 'RunAsUser', 'pointer'],
  ['runAsGroup', 'RunAsGroup', 'pointer'],
  ['runAsNonRoot', 'RunAsNonRoot', 'pointer'],
  ['readOnlyRootFilesystem', 'ReadOnlyRootFilesystem', 'pointer'],
  ['allowPrivilegeEscalation', 'AllowPrivilegeEscalation', 'pointer'],
  ['procMount', 'ProcMount', 'pointer'],
  ['seccompProfile', 'SeccompProfile', PROFILE],
  ['appArmorProfile', 'AppArmorProfile', PROFILE],
];

/** The Go-shaped copy of `value` under `schema` (an object with the Go names, in order). */
export function goStructValue(value: JsonObject, schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [json, go, kind] of schema) {
    const field = own(value, json);
    if (kind === 'string') out[go] = typeof field === 'string' ? field : '';
    else if (kind === 'pointer') out[go] = field === undefined ? null : field;
    else out[go] = isObject(field) ? goStructValue(field, kind) : null;
  }
  return out;
}
