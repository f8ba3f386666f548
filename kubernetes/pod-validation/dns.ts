import { arr, obj, objects, str } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { utf8Length } from '../labels.ts';
import { validateLegacyIP } from './ip-address.ts';

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
/** MaxDNSNameservers, MaxDNSSearchPaths, MaxDNSSearchListChars. */
const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_LIST_CHARS = 2048;
const SUBDOMAIN_WITH_UNDERSCORE = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;

/**
 * validateDNSPolicy. SetDefaults_PodSpec makes an absent or empty dnsPolicy ClusterFirst, so the
 * Required branch cannot be reached through the API.
 */
export function validateDNSPolicy(dnsPolicy: unknown, path: FieldPath): FieldError[] {
  const policy = typeof dnsPolicy === 'string' && dnsPolicy !== '' ? dnsPolicy : 'ClusterFirst';
  return DNS_POLICIES.includes(policy) ? [] : [fieldError.notSupported(path, policy, DNS_POLICIES)];
}

/** IsDNS1123SubdomainWithUnderscore, as ValidateDNS1123SubdomainWithUnderScore reports it. */
function subdomainWithUnderscoreErrors(value: string): string[] {
  const errors: string[] = [];
  if (utf8Length(value) > 253) errors.push('must be no more than 253 characters');
  if (!SUBDOMAIN_WITH_UNDERSCORE.test(value))
    errors.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character",
    );
  return errors;
}

/**
 * validatePodDNSConfig for `spec.dnsConfig`, with the (defaulted) dnsPolicy. The relaxed search
 * validation (RelaxedDNSSearchValidation, GA in 1.36) allows `_` and a lone `.`.
 */
export function validatePodDNSConfig(dnsConfig: unknown, path: FieldPath, dnsPolicy: unknown): FieldError[] {
  const config = obj({ dnsConfig }, 'dnsConfig');
  const nameservers = (arr(config, 'nameservers') ?? []).filter((v): v is string => typeof v === 'string');
  if (dnsPolicy === 'None') {
    if (!config) return [fieldError.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (nameservers.length === 0)
      return [
        fieldError.required(
          path.child('nameservers'),
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      ];
  }
  if (!config) return [];
  const errors: FieldError[] = [];
  if (nameservers.length > MAX_NAMESERVERS)
    errors.push(
      fieldError.invalid(
        path.child('nameservers'),
        nameservers,
        `must not have more than ${MAX_NAMESERVERS} nameservers`,
      ),
    );
  nameservers.forEach((ns, i) => errors.push(...validateLegacyIP(ns, path.child('nameservers').index(i))));
  const searches = (arr(config, 'searches') ?? []).filter((v): v is string => typeof v === 'string');
  if (searches.length > MAX_SEARCH_PATHS)
    errors.push(
      fieldError.invalid(path.child('searches'), searches, `must not have more than ${MAX_SEARCH_PATHS} search paths`),
    );
  if (utf8Length(searches.join(' ')) > MAX_SEARCH_LIST_CHARS)
    errors.push(
      fieldError.invalid(
        path.child('searches'),
        searches,
        `must not have more than ${MAX_SEARCH_LIST_CHARS} characters (including spaces) in the search list`,
      ),
    );
  searches.forEach((search, i) => {
    if (search === '.') return;
    const trimmed = search.endsWith('.') ? search.slice(0, -1) : search;
    for (const msg of subdomainWithUnderscoreErrors(trimmed))
      errors.push(fieldError.invalid(path.child('searches').index(i), trimmed, msg));
  });
  objects(config, 'options').forEach((option, i) => {
    if ((str(option, 'name') ?? '').length === 0)
      errors.push(fieldError.required(path.child('options').index(i), 'must not be empty'));
  });
  return errors;
}
