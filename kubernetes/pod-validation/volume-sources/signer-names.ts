import { fieldError, type FieldError } from '../../field-error.ts';
import type { FieldPath } from '../../field-path.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../../names.ts';
import { utf8Length } from '../../labels.ts';

const DNS1123_SUBDOMAIN_MAX = 253;
const DNS1123_LABEL_MAX = 63;

/** IsKubernetesSignerName (pkg/apis/core/validation/names.go). */
export function isKubernetesSignerName(signerName: string): boolean {
  const host = signerName.split('/')[0] ?? '';
  return host === 'kubernetes.io' || host.endsWith('.kubernetes.io');
}

/** ValidateSignerName (pkg/apis/core/validation/names.go): `example.com/signer-name`. */
export function validateSignerName(path: FieldPath, signerName: string): FieldError[] {
  if (signerName.length === 0) return [fieldError.required(path)];
  const segments = signerName.split('/');
  if (segments.length !== 2)
    return [
      fieldError.invalid(
        path,
        signerName,
        "must be a fully qualified domain and path of the form 'example.com/signer-name'",
      ),
    ];
  const [domain = '', rest = ''] = segments;
  const errors: FieldError[] = [];
  if (utf8Length(domain) > DNS1123_SUBDOMAIN_MAX) errors.push(fieldError.tooLong(path, DNS1123_SUBDOMAIN_MAX));
  const domainLabels = domain.split('.');
  for (const label of domainLabels) {
    const errs = dns1123LabelErrors(label);
    if (errs.length === 0) continue;
    for (const msg of errs)
      errors.push(fieldError.invalid(path, domain, `validating label ${JSON.stringify(label)}: ${msg}`));
    break; // Go stops at the first bad label: the rest would repeat the same message
  }
  if (domainLabels.length < 2)
    errors.push(fieldError.invalid(path, domain, 'should be a domain with at least two segments separated by dots'));
  for (const label of rest.split('.')) {
    const errs = dns1123SubdomainErrors(label);
    if (errs.length === 0) continue;
    for (const msg of errs)
      errors.push(fieldError.invalid(path, rest, `validating label ${JSON.stringify(label)}: ${msg}`));
    break;
  }
  const maxLength = DNS1123_SUBDOMAIN_MAX + (DNS1123_SUBDOMAIN_MAX + DNS1123_LABEL_MAX + 1) + 1;
  if (utf8Length(signerName) > maxLength) errors.push(fieldError.tooLong(path, maxLength));
  return errors;
}

/** ValidateClusterTrustBundleName(signerName)(name, false). */
export function clusterTrustBundleNameErrors(signerName: string, name: string): string[] {
  if (signerName === '') {
    if (name.includes(':')) return ['ClusterTrustBundle without signer name must not have ":" in its name'];
    return dns1123SubdomainErrors(name);
  }
  const requiredPrefix = signerName.replaceAll('/', ':') + ':';
  if (!name.startsWith(requiredPrefix))
    return [`ClusterTrustBundle for signerName ${signerName} must be named with prefix ${requiredPrefix}`];
  return dns1123SubdomainErrors(name.slice(requiredPrefix.length));
}

/** extractSignerNameFromClusterTrustBundleName. */
export function signerNameOfClusterTrustBundle(name: string): string | undefined {
  const at = name.lastIndexOf(':');
  return at === -1 ? undefined : name.slice(0, at).replaceAll(':', '/');
}
