import { arr, objects, str } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { dns1123SubdomainErrors } from '../names.ts';
import { validateLegacyIP } from './ip-address.ts';

/** ValidateHostAliases (pkg/apis/core/validation) for `spec.hostAliases`. */
export function validateHostAliases(hostAliases: unknown, path: FieldPath): FieldError[] {
  const holder = { hostAliases };
  return objects(holder, 'hostAliases').flatMap((alias, i) => {
    const errors = validateLegacyIP(str(alias, 'ip') ?? '', path.index(i).child('ip'));
    (arr(alias, 'hostnames') ?? []).forEach((hostname, j) => {
      if (typeof hostname !== 'string') return;
      for (const msg of dns1123SubdomainErrors(hostname))
        errors.push(fieldError.invalid(path.index(i).child('hostnames').index(j), hostname, msg));
    });
    return errors;
  });
}
