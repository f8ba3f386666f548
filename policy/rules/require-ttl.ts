import { describeValue } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { arr, has, isObject, obj } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const DEFAULT_TTL_SECONDS = 86_400;

/** A Job created by a CronJob is cleaned up by the CronJob's history limits instead. */
function isOwnedByCronJob(raw: unknown): boolean {
  return (arr(obj(raw, 'metadata'), 'ownerReferences') ?? []).some((ref) => isObject(ref) && ref.kind === 'CronJob');
}

export default defineRule({
  id: 'require-ttl',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  kinds: ['Job'],
  defaultOptions: { seconds: DEFAULT_TTL_SECONDS },
  docs: {
    summary: 'A standalone Job should set ttlSecondsAfterFinished.',
    rationale:
      'Without a TTL a finished Job and its pods stay in the cluster forever, weighing on the API server and on every list of pods.',
    remediation:
      'Set spec.ttlSecondsAfterFinished (for example 86400 to keep a finished Job for a day), long enough to read its logs.',
    url: DOCS.ttl,
  },
  cel: {
    paths:
      "has($spec.ttlSecondsAfterFinished) || $object.metadata.?ownerReferences.orValue([]).exists(o, o.?kind.orValue('') == 'CronJob') ? [] : [$specPath + '.ttlSecondsAfterFinished']",
  },
  check(view) {
    if (has(view.spec, 'ttlSecondsAfterFinished') || isOwnedByCronJob(view.raw)) return [];
    return [
      {
        path: view.specPath.child('ttlSecondsAfterFinished').toString(),
        message: 'no TTL: the finished Job and its pods are never deleted',
      },
    ];
  },
  defaultCel: {
    when: "!has($spec.ttlSecondsAfterFinished) && !$object.metadata.?ownerReferences.orValue([]).exists(o, o.?kind.orValue('') == 'CronJob')",
    patch: "[JSONPatch{op: 'add', path: $specPointer + '/ttlSecondsAfterFinished', value: $options.seconds}]",
  },
  applyDefault(draft, view, { options }) {
    const spec = obj(draft, 'spec');
    if (!spec || has(spec, 'ttlSecondsAfterFinished') || isOwnedByCronJob(view.raw)) return [];
    spec.ttlSecondsAfterFinished = options.seconds;
    return [
      `set spec.ttlSecondsAfterFinished=${describeValue(options.seconds)} so the finished Job and its pods are deleted`,
    ];
  },
});
