import { DOCS } from '../docs-urls.ts';
import { obj, objects, str, type JsonObject } from '../../kubernetes/index.ts';
import { podFailurePolicyRules } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const MAX_RULES = 20;
const IGNORE_DISRUPTIONS = '`{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}`';
/** The API server accepts at most 20 rules: a full policy has no room for one more. */
const REMEDIATION_FULL = `Make ${IGNORE_DISRUPTIONS} the first rule, in place of one of the ${MAX_RULES} rules (the most the API server accepts): merge two, or drop one.`;

function ignoresDisruptions(rules: JsonObject[]): boolean {
  return rules.some(
    (rule) =>
      str(rule, 'action') === 'Ignore' &&
      objects(rule, 'onPodConditions').some(
        (p) => str(p, 'type') === 'DisruptionTarget' && (str(p, 'status') ?? 'True') === 'True',
      ),
  );
}

export default defineRule({
  id: 'disruption-ignore-rule',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary: 'A podFailurePolicy should ignore pod disruptions (condition DisruptionTarget).',
    rationale:
      'Preemption, eviction and node drains fail pods through no fault of the workload; without an Ignore rule each one uses up the backoff limit, or matches a FailJob rule on exit code 137 and fails the whole Job.',
    remediation: `Add as the first rule: ${IGNORE_DISRUPTIONS}.`,
    url: DOCS.podFailurePolicy,
  },
  cel: {
    paths:
      "has($spec.podFailurePolicy) && !$spec.?podFailurePolicy.?rules.orValue([]).exists(r, r.?action.orValue('') == 'Ignore' && r.?onPodConditions.orValue([]).exists(c, c.?type.orValue('') == 'DisruptionTarget' && c.?status.orValue('True') == 'True')) ? [$specPath + '.podFailurePolicy.rules'] : []",
  },
  check(view) {
    if (!obj(view.spec, 'podFailurePolicy') || ignoresDisruptions(podFailurePolicyRules(view.spec))) return [];
    return [
      {
        path: view.specPath.child('podFailurePolicy', 'rules').toString(),
        message: 'no Ignore rule for DisruptionTarget: evictions and preemptions count as failures',
        ...(podFailurePolicyRules(view.spec).length >= MAX_RULES ? { remediation: REMEDIATION_FULL } : {}),
      },
    ];
  },
  defaultCel: {
    when: "has($spec.podFailurePolicy) && $spec.podFailurePolicy.?rules.orValue([]).size() < 20 && !$spec.podFailurePolicy.?rules.orValue([]).exists(r, r.?action.orValue('') == 'Ignore' && r.?onPodConditions.orValue([]).exists(c, c.?type.orValue('') == 'DisruptionTarget' && c.?status.orValue('True') == 'True'))",
    patch:
      "[JSONPatch{op: 'add', path: $specPointer + '/podFailurePolicy/rules/0', value: {'action': dyn('Ignore'), 'onPodConditions': dyn([{'type': 'DisruptionTarget', 'status': 'True'}])}}]",
  },
  applyDefault(draft, view) {
    const spec = view.kind === 'Job' ? obj(draft, 'spec') : obj(obj(obj(draft, 'spec'), 'jobTemplate'), 'spec');
    const policy = obj(spec, 'podFailurePolicy');
    const rules = objects(policy, 'rules');
    if (!policy || ignoresDisruptions(rules) || rules.length >= MAX_RULES) return [];
    policy.rules = [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }, ...rules];
    return [
      `added rule {action: Ignore, onPodConditions: [{type: DisruptionTarget}]} first in ${view.specPath.child('podFailurePolicy', 'rules').toString()} so disruptions are not counted as failures`,
    ];
  },
});
