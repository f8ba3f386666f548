import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { str } from '../../kubernetes/index.ts';
import { dns1123SubdomainErrors, isHttpPath } from '../../kubernetes/index.ts';
import { utf8Length } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const MAX_MANAGED_BY_LENGTH = 63;

export default defineRule({
  id: 'managed-by',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  needs: ['spec.managedBy'],
  docs: {
    summary: 'managedBy must be a domain-prefixed path such as `kueue.x-k8s.io/multikueue`, at most 63 characters.',
    rationale:
      'The API server validates managedBy as a domain-prefixed path; the value names the controller that owns the Job.',
    remediation:
      'Use `<domain>/<path>` (the built-in controller is `kubernetes.io/job-controller`), or leave the field out.',
    url: DOCS.managedBy,
  },
  check(view) {
    const value = str(view.spec, 'managedBy');
    if (value === undefined) return [];
    const path = view.specPath.child('managedBy');
    const errors: FieldError[] = [];
    if (value === '') {
      errors.push(fieldError.required(path));
    } else {
      const slash = value.indexOf('/');
      const host = slash < 0 ? value : value.slice(0, slash);
      const rest = slash < 0 ? '' : value.slice(slash + 1);
      if (slash < 0 || host === '' || rest === '') {
        errors.push(fieldError.invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")'));
      } else {
        for (const msg of dns1123SubdomainErrors(host)) errors.push(fieldError.invalid(path, host, msg));
        if (!isHttpPath(rest))
          errors.push(
            fieldError.invalid(path, rest, "Invalid path: must match the regex [A-Za-z0-9/\\-._~%!$&'()*+,;=:]+"),
          );
      }
    }
    if (utf8Length(value) > MAX_MANAGED_BY_LENGTH) errors.push(fieldError.tooLong(path, MAX_MANAGED_BY_LENGTH));
    return errors;
  },
});
