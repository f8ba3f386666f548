import { DOCS } from '../docs-urls.ts';
import { obj, podSpecOf, podTemplateWarnings } from '../../kubernetes/index.ts';
import { defineRule, type Report } from '../rule.ts';

/** pkg/api/node deprecatedNodeLabels. */
const DEPRECATED_NODE_LABELS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
    'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
    'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
    'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
    'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
    'app.kubernetes.io/created-by': 'deprecated since v1.9',
    'scheduler.alpha.kubernetes.io/preferAvoidPods': 'deprecated since v1.22; use Taints and Tolerations instead',
    'node-role.kubernetes.io/master': 'use "node-role.kubernetes.io/control-plane" instead',
  }),
);

export default defineRule({
  id: 'pod-template-warnings',
  origin: 'apiserver',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary:
      'Warnings the API server gives for a pod template (pkg/api/pod/warnings.go): deprecated node labels and annotations, negative terminationGracePeriodSeconds, fractional bytes of memory or ephemeral storage, repeated env names, overlapping or ambiguous ports, repeated port names, hostIP without hostPort, repeated or empty image pull secrets, seccomp and AppArmor annotations without their fields.',
    rationale:
      'These are accepted but almost certainly mistakes: the label or annotation no longer does anything, the value is treated differently from what is written, or a later entry hides an earlier one.',
    remediation:
      'Use the replacement label or field, a non-negative grace period, whole bytes (`512Mi`, not `0.5Gi` of odd sizes), and unique env names, ports and pull secrets.',
    url: DOCS.podTemplate,
  },
  check(view) {
    const podSpec = podSpecOf(view.spec);
    const templatePath = view.specPath.child('template');
    const reports: Report[] = [];
    for (const key of Object.keys(obj(podSpec, 'nodeSelector') ?? {})) {
      // A Map: a nodeSelector key such as `constructor` must not find Object.prototype's.
      const message = DEPRECATED_NODE_LABELS.get(key);
      if (message) reports.push({ path: templatePath.child('spec', 'nodeSelector').key(key).toString(), message });
    }
    // The container, port, env, resource, annotation and pull-secret warnings.
    const template = obj(view.spec, 'template') ?? {};
    for (const { path, message } of podTemplateWarnings(template, templatePath)) reports.push({ path, message });
    return reports;
  },
});
