/**
 * String and number checks of k8s.io/apimachinery/pkg/util/validation that pod validation uses,
 * each returning the list of messages (empty when valid), as in Go.
 */

import { regexError } from '../names.ts';
import { inclusiveRangeError } from './volume-sources/index.ts';

const PORT_NAME_MAX = 15;
const DNS1123_SUBDOMAIN_MAX = 253;

const portNameCharset = /^[-a-z0-9]+$/;
const portNameOneLetter = /[a-z]/;
const envVarName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const configMapKey = /^[-._a-zA-Z0-9]+$/;
const httpHeaderName = /^[-A-Za-z0-9]+$/;

/** validation.IsValidPortNum. */
export function portNumErrors(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** validation.IsValidPortName (an IANA_SVC_NAME). */
export function portNameErrors(port: string): string[] {
  const errs: string[] = [];
  if (port.length > PORT_NAME_MAX) errs.push(`must be no more than ${PORT_NAME_MAX} characters`);
  if (!portNameCharset.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!portNameOneLetter.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** validation.hasChDirPrefix. */
function chDirPrefixErrors(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** validation.IsEnvVarName (the strict form, for FileKeySelector keys' sibling checks). */
export function envVarNameErrors(value: string): string[] {
  const errs: string[] = [];
  if (!envVarName.test(value)) {
    errs.push(
      regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        '[-._a-zA-Z][-._a-zA-Z0-9]*',
        'my.env-name',
        'MY_ENV.NAME',
        'MyEnvName1',
      ),
    );
  }
  return [...errs, ...chDirPrefixErrors(value)];
}

/**
 * validation.IsRelaxedEnvVarName: what 1.36 applies to env names and envFrom prefixes
 * (RelaxedEnvironmentVariableValidation is GA and locked on).
 */
export function relaxedEnvVarNameErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    // unicode.IsPrint for ASCII: 0x20..0x7e (the space counts as printable in Go).
    if (code > 0x7f || code < 0x20 || code === 0x7f || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

/** validation.IsConfigMapKey. */
export function configMapKeyErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) errs.push(`must be no more than ${DNS1123_SUBDOMAIN_MAX} characters`);
  if (!configMapKey.test(value)) {
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        '[-._a-zA-Z0-9]+',
        'key.name',
        'KEY_NAME',
        'key-name',
      ),
    );
  }
  return [...errs, ...chDirPrefixErrors(value)];
}

/** validation.IsHTTPHeaderName. */
export function httpHeaderNameErrors(value: string): string[] {
  return httpHeaderName.test(value)
    ? []
    : [
        regexError(
          "a valid HTTP header must consist of alphanumeric characters or '-'",
          '[-A-Za-z0-9]+',
          'X-Header-Name',
        ),
      ];
}
