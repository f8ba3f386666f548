import { valueText } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { int, obj, objects } from '../../kubernetes/index.ts';
import { hasFractionalUnits, parseQuantity } from '../../kubernetes/index.ts';
import { podSpecOf } from '../../kubernetes/index.ts';
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
      'Warnings the API server gives for a pod template: deprecated node labels, negative terminationGracePeriodSeconds, fractional bytes of memory or ephemeral storage, repeated env names.',
    rationale:
      'These are accepted but almost certainly mistakes: the label no longer exists on nodes, the value is treated differently from what is written, or a later entry hides an earlier one.',
    remediation:
      'Use the replacement label, a non-negative grace period, whole bytes (`512Mi`, not `0.5Gi` of odd sizes), and unique env names.',
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
    const grace = int(podSpec, 'terminationGracePeriodSeconds');
    if (grace !== undefined && grace < 0) {
      reports.push({
        path: templatePath.child('spec', 'terminationGracePeriodSeconds').toString(),
        message: 'must be >= 0; negative values are invalid and will be treated as 1',
      });
    }
    for (const key of ['initContainers', 'containers']) {
      objects(podSpec, key).forEach((container, i) => {
        const path = templatePath.child('spec', key).index(i);
        for (const group of ['limits', 'requests']) {
          for (const resource of ['memory', 'ephemeral-storage']) {
            const value = obj(obj(container, 'resources'), group)?.[resource];
            const quantity = parseQuantity(value);
            if (quantity && hasFractionalUnits(quantity)) {
              reports.push({
                path: path.child('resources', group).key(resource).toString(),
                message: `fractional byte value ${JSON.stringify(valueText(value))} is invalid, must be an integer`,
              });
            }
          }
        }
        const seen = new Set<string>();
        objects(container, 'env').forEach((env, j) => {
          const name = typeof env.name === 'string' ? env.name : '';
          if (seen.has(name))
            reports.push({
              path: path.child('env').index(j).toString(),
              message: `hides previous definition of ${JSON.stringify(name)}, which may be dropped when using apply`,
            });
          seen.add(name);
        });
      });
    }
    return reports;
  },
});
