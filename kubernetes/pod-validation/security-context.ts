import { arr, bool, has, int, obj, own, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { utf8Length } from '../labels.ts';
import { dns1123SubdomainErrors } from '../names.ts';
import { goStructValue, PROFILE, SECURITY_CONTEXT } from './go-struct-value.ts';
import { validateLocalDescendingPath } from './local-paths.ts';
import { idRangeErrors } from './value-checks.ts';

/**
 * A container's securityContext (validation.go ValidateSecurityContext). The testbed's and the
 * default kube-apiserver allow privileged containers (--allow-privileged), so `privileged: true`
 * is accepted. ProcMountType is GA in 1.36.4.
 */

const PROC_MOUNTS = ['Default', 'Unmasked'];
const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
const APPARMOR_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
const MAX_APPARMOR_PROFILE_LENGTH = 4095;

export function validateSecurityContext(container: JsonObject, hostUsers: boolean, path: FieldPath): FieldError[] {
  const sc = obj(container, 'securityContext');
  if (!sc) return [];
  const errors: FieldError[] = [];
  for (const key of ['runAsUser', 'runAsGroup']) {
    const id = int(sc, key);
    if (id !== undefined) for (const m of idRangeErrors(id)) errors.push(fieldError.invalid(path.child(key), id, m));
  }
  const procMount = str(sc, 'procMount');
  if (procMount !== undefined) {
    if (!PROC_MOUNTS.includes(procMount))
      errors.push(fieldError.notSupported(path.child('procMount'), procMount, PROC_MOUNTS));
    if (hostUsers && procMount === 'Unmasked')
      errors.push(
        fieldError.invalid(path.child('procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'),
      );
  }
  errors.push(...validateSeccompProfileField(obj(sc, 'seccompProfile'), path.child('seccompProfile')));
  if (bool(sc, 'allowPrivilegeEscalation') === false) {
    if (bool(sc, 'privileged') === true)
      errors.push(
        fieldError.invalid(
          path,
          goStructValue(sc, SECURITY_CONTEXT),
          'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
        ),
      );
    for (const capability of arr(obj(sc, 'capabilities'), 'add') ?? [])
      if (capability === 'CAP_SYS_ADMIN')
        errors.push(
          fieldError.invalid(
            path,
            goStructValue(sc, SECURITY_CONTEXT),
            'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
          ),
        );
  }
  errors.push(...validateWindowsSecurityContextOptions(obj(sc, 'windowsOptions'), path.child('windowsOptions')));
  errors.push(...validateAppArmorProfileField(obj(sc, 'appArmorProfile'), path.child('appArmorProfile')));
  return errors;
}

/** validation.go validateSeccompProfileField (with validateSeccompProfileType). */
export function validateSeccompProfileField(profile: JsonObject | undefined, path: FieldPath): FieldError[] {
  if (!profile) return [];
  const errors: FieldError[] = [];
  const type = str(profile, 'type') ?? '';
  if (type === '') errors.push(fieldError.required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!SECCOMP_TYPES.includes(type)) errors.push(fieldError.notSupported(path.child('type'), type, SECCOMP_TYPES));
  const localhost = str(profile, 'localhostProfile');
  if (type === 'Localhost') {
    if (localhost === undefined)
      errors.push(fieldError.required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errors.push(...validateLocalDescendingPath(localhost, path.child('localhostProfile')));
  } else if (has(profile, 'localhostProfile')) {
    errors.push(
      fieldError.invalid(
        path.child('localhostProfile'),
        goStructValue(profile, PROFILE),
        'can only be set when seccomp type is Localhost',
      ),
    );
  }
  return errors;
}

/** validation.go ValidateAppArmorProfileField. */
export function validateAppArmorProfileField(profile: JsonObject | undefined, path: FieldPath): FieldError[] {
  if (!profile) return [];
  const errors: FieldError[] = [];
  const type = str(profile, 'type') ?? '';
  const localhost = str(profile, 'localhostProfile');
  const at = path.child('localhostProfile');
  if (type === 'Localhost') {
    if (localhost === undefined) errors.push(fieldError.required(at, 'must be set when AppArmor type is Localhost'));
    else {
      const trimmed = localhost.trim();
      if (trimmed !== localhost) errors.push(fieldError.invalid(at, localhost, 'must not be padded with whitespace'));
      else if (trimmed === '') errors.push(fieldError.required(at, 'must be set when AppArmor type is Localhost'));
      if (utf8Length(localhost) > MAX_APPARMOR_PROFILE_LENGTH)
        errors.push(fieldError.tooLong(at, MAX_APPARMOR_PROFILE_LENGTH));
    }
  } else if (type === 'RuntimeDefault' || type === 'Unconfined') {
    if (has(profile, 'localhostProfile'))
      errors.push(
        fieldError.invalid(at, own(profile, 'localhostProfile'), 'can only be set when AppArmor type is Localhost'),
      );
  } else if (type === '') {
    errors.push(fieldError.required(path.child('type'), 'type is required when appArmorProfile is set'));
  } else {
    errors.push(fieldError.notSupported(path.child('type'), type, APPARMOR_TYPES));
  }
  return errors;
}

const MAX_GMSA_SPEC_LENGTH = 64 * 1024;
const MAX_DOMAIN_LENGTH = 256;
const MAX_USER_LENGTH = 104;
const NETBIOS = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const WINDOWS_DOMAIN_DNS = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);
const INVALID_USER_CHARS = /["/\\:;|=,+*?<>@[\]]/;
const ONLY_DOTS_SPACES = /^[. ]+$/;

/** validation.go validateWindowsSecurityContextOptions. */
export function validateWindowsSecurityContextOptions(options: JsonObject | undefined, path: FieldPath): FieldError[] {
  if (!options) return [];
  const errors: FieldError[] = [];
  const specName = str(options, 'gmsaCredentialSpecName');
  if (specName !== undefined)
    for (const m of dns1123SubdomainErrors(specName))
      errors.push(fieldError.invalid(path.child('gmsaCredentialSpecName'), specName, m));
  const spec = str(options, 'gmsaCredentialSpec');
  if (spec !== undefined) {
    if (spec.length === 0)
      errors.push(
        fieldError.invalid(path.child('gmsaCredentialSpec'), spec, 'gmsaCredentialSpec cannot be an empty string'),
      );
    else if (utf8Length(spec) > MAX_GMSA_SPEC_LENGTH)
      errors.push(
        fieldError.invalid(path.child('gmsaCredentialSpec'), spec, 'gmsaCredentialSpec size must be under 64 KiB'),
      );
  }
  const userName = str(options, 'runAsUserName');
  if (userName !== undefined)
    errors.push(
      ...runAsUserNameErrors(userName).map((m) => fieldError.invalid(path.child('runAsUserName'), userName, m)),
    );
  return errors;
}

/** Go's [[:cntrl:]]: ASCII 0x00-0x1f and 0x7f. */
function hasControlCharacter(value: string): boolean {
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function runAsUserNameErrors(userName: string): string[] {
  if (userName.length === 0) return ['runAsUserName cannot be an empty string'];
  if (hasControlCharacter(userName)) return ['runAsUserName cannot contain control characters'];
  const parts = userName.split('\\');
  if (parts.length > 2) return ['runAsUserName cannot contain more than one backslash'];
  const [domain, user] = parts.length === 1 ? ['', parts[0] ?? ''] : [parts[0] ?? '', parts[1] ?? ''];
  const messages: string[] = [];
  if (utf8Length(domain) >= MAX_DOMAIN_LENGTH)
    messages.push(`runAsUserName's Domain length must be under ${MAX_DOMAIN_LENGTH} characters`);
  if (parts.length === 2 && !(NETBIOS.test(domain) || WINDOWS_DOMAIN_DNS.test(domain)))
    messages.push("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
  if (user.length === 0) messages.push("runAsUserName's User cannot be empty");
  else if (utf8Length(user) > MAX_USER_LENGTH)
    messages.push(`runAsUserName's User length must not be longer than ${MAX_USER_LENGTH} characters`);
  if (ONLY_DOTS_SPACES.test(user)) messages.push("runAsUserName's User cannot contain only periods or spaces");
  if (INVALID_USER_CHARS.test(user))
    messages.push('runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]');
  return messages;
}
