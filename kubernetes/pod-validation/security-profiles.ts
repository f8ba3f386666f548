import { has, isObject, str } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { utf8Length } from '../labels.ts';
import { dns1123SubdomainErrors } from '../names.ts';
import { validateLocalDescendingPath } from './volume-sources/index.ts';

/**
 * The profile checks a pod and a container security context share: seccomp, AppArmor and the
 * Windows options (pkg/apis/core/validation). The container side imports them from here.
 */

const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

/** validateSeccompProfileField with validateSeccompProfileType. */
export function validateSeccompProfileField(profile: unknown, path: FieldPath): FieldError[] {
  if (!isObject(profile)) return [];
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
    // Go renders the internal struct: its field names, unexported to JSON.
    const rendered = { Type: type, LocalhostProfile: str(profile, 'localhostProfile') ?? null };
    errors.push(
      fieldError.invalid(path.child('localhostProfile'), rendered, 'can only be set when seccomp type is Localhost'),
    );
  }
  return errors;
}

const APPARMOR_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
/** PATH_MAX - 1. */
const MAX_LOCALHOST_PROFILE_LENGTH = 4095;

/** ValidateAppArmorProfileField. */
export function validateAppArmorProfileField(profile: unknown, path: FieldPath): FieldError[] {
  if (!isObject(profile)) return [];
  const errors: FieldError[] = [];
  const type = str(profile, 'type') ?? '';
  const localhost = str(profile, 'localhostProfile');
  const localhostPath = path.child('localhostProfile');
  if (type === 'Localhost') {
    if (localhost === undefined) {
      errors.push(fieldError.required(localhostPath, 'must be set when AppArmor type is Localhost'));
    } else {
      const trimmed = localhost.trim();
      if (trimmed !== localhost)
        errors.push(fieldError.invalid(localhostPath, localhost, 'must not be padded with whitespace'));
      else if (trimmed === '')
        errors.push(fieldError.required(localhostPath, 'must be set when AppArmor type is Localhost'));
      if (utf8Length(localhost) > MAX_LOCALHOST_PROFILE_LENGTH)
        errors.push(fieldError.tooLong(localhostPath, MAX_LOCALHOST_PROFILE_LENGTH));
    }
  } else if (type === 'RuntimeDefault' || type === 'Unconfined') {
    if (has(profile, 'localhostProfile'))
      errors.push(fieldError.invalid(localhostPath, localhost, 'can only be set when AppArmor type is Localhost'));
  } else if (type === '') {
    errors.push(fieldError.required(path.child('type'), 'type is required when appArmorProfile is set'));
  } else {
    errors.push(fieldError.notSupported(path.child('type'), type, APPARMOR_TYPES));
  }
  return errors;
}

const MAX_GMSA_SPEC_KIB = 64;
const MAX_DOMAIN_LENGTH = 256;
const MAX_USER_LENGTH = 104;
// eslint-disable-next-line no-control-regex -- Go's [[:cntrl:]]: the ASCII control characters
const CONTROL = /[\x00-\x1f\x7f]/;
const NETBIOS = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const WINDOWS_DOMAIN_DNS = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);
const INVALID_USER_CHARS = /["/\\:;|=,+*?<>@[\]]/;
const ONLY_DOTS_OR_SPACES = /^[. ]+$/;

/** The runAsUserName part of validateWindowsSecurityContextOptions: the first message that applies, then the user checks. */
function runAsUserNameErrors(name: string): string[] {
  if (name.length === 0) return ['runAsUserName cannot be an empty string'];
  if (CONTROL.test(name)) return ['runAsUserName cannot contain control characters'];
  const parts = name.split('\\');
  if (parts.length > 2) return ['runAsUserName cannot contain more than one backslash'];
  const [domain, user] = parts.length === 1 ? ['', parts[0] ?? ''] : [parts[0] ?? '', parts[1] ?? ''];
  const messages: string[] = [];
  if (utf8Length(domain) >= MAX_DOMAIN_LENGTH)
    messages.push(`runAsUserName's Domain length must be under ${MAX_DOMAIN_LENGTH} characters`);
  if (parts.length === 2 && !(NETBIOS.test(domain) || WINDOWS_DOMAIN_DNS.test(domain)))
    messages.push("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
  const userLength = utf8Length(user);
  if (userLength === 0) messages.push("runAsUserName's User cannot be empty");
  else if (userLength > MAX_USER_LENGTH)
    messages.push(`runAsUserName's User length must not be longer than ${MAX_USER_LENGTH} characters`);
  if (ONLY_DOTS_OR_SPACES.test(user)) messages.push("runAsUserName's User cannot contain only periods or spaces");
  if (INVALID_USER_CHARS.test(user))
    messages.push('runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]');
  return messages;
}

/** validateWindowsSecurityContextOptions. */
export function validateWindowsSecurityContextOptions(options: unknown, path: FieldPath): FieldError[] {
  if (!isObject(options)) return [];
  const errors: FieldError[] = [];
  const specName = str(options, 'gmsaCredentialSpecName');
  if (specName !== undefined)
    for (const msg of dns1123SubdomainErrors(specName))
      errors.push(fieldError.invalid(path.child('gmsaCredentialSpecName'), specName, msg));
  const spec = str(options, 'gmsaCredentialSpec');
  if (spec !== undefined) {
    if (spec.length === 0)
      errors.push(
        fieldError.invalid(path.child('gmsaCredentialSpec'), spec, 'gmsaCredentialSpec cannot be an empty string'),
      );
    else if (utf8Length(spec) > MAX_GMSA_SPEC_KIB * 1024)
      errors.push(
        fieldError.invalid(
          path.child('gmsaCredentialSpec'),
          spec,
          `gmsaCredentialSpec size must be under ${MAX_GMSA_SPEC_KIB} KiB`,
        ),
      );
  }
  const userName = str(options, 'runAsUserName');
  if (userName !== undefined)
    for (const msg of runAsUserNameErrors(userName))
      errors.push(fieldError.invalid(path.child('runAsUserName'), userName, msg));
  return errors;
}

/** validation.IsValidUserID / IsValidGroupID: 0 to 2147483647. */
export function idRangeErrors(id: number): string[] {
  return id < 0 || id > 2147483647 ? ['must be between 0 and 2147483647, inclusive'] : [];
}
