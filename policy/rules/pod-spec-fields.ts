import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { int, obj, str } from '../../kubernetes/index.ts';
import { checkLabels } from '../../kubernetes/index.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../../kubernetes/index.ts';
import { podSpecOf } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

export default defineRule({
  id: 'pod-spec-fields',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary:
      'Pod template fields job-x mirrors from generic pod validation: dnsPolicy, hostname, subdomain, serviceAccountName, nodeName, priorityClassName, nodeSelector and the pod activeDeadlineSeconds.',
    rationale: 'The API server validates the pod template as it would a pod; these are the commonly mistyped fields.',
    remediation:
      'Fix the value at the reported path: names are lowercase DNS labels or subdomains, the pod activeDeadlineSeconds is at least 1.',
    url: DOCS.podTemplate,
  },
  check(view) {
    const podSpec = podSpecOf(view.spec);
    const path = view.specPath.child('template', 'spec');
    const errors: FieldError[] = [];
    const dnsPolicy = str(podSpec, 'dnsPolicy') ?? '';
    if (!DNS_POLICIES.includes(dnsPolicy))
      errors.push(fieldError.notSupported(path.child('dnsPolicy'), dnsPolicy, DNS_POLICIES));
    for (const field of ['hostname', 'subdomain']) {
      const value = str(podSpec, field);
      if (value)
        for (const msg of dns1123LabelErrors(value)) errors.push(fieldError.invalid(path.child(field), value, msg));
    }
    for (const field of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
      const value = str(podSpec, field);
      if (value)
        for (const msg of dns1123SubdomainErrors(value)) errors.push(fieldError.invalid(path.child(field), value, msg));
    }
    errors.push(...checkLabels(obj(podSpec, 'nodeSelector'), path.child('nodeSelector')));
    const deadline = int(podSpec, 'activeDeadlineSeconds');
    if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
      errors.push(
        fieldError.invalid(
          path.child('activeDeadlineSeconds'),
          deadline,
          `must be between 1 and ${MAX_INT32}, inclusive`,
        ),
      );
    }
    return errors;
  },
});
