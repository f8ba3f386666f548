import { DOCS } from '../docs-urls.ts';
import { defaultBackoffLimit, has, int, obj, objects, str } from '../../kubernetes/index.ts';
import { parseIndexesStrict } from '../../kubernetes/index.ts';
import { isIndexed } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const PER_INDEX =
  'Set backoffLimitPerIndex and leave backoffLimit unset (it then defaults to no limit, and each index gets its own budget)';

export default defineRule({
  id: 'success-policy-backoff-race',
  origin: 'policy',
  severity: 'warning',
  stage: 'both',
  docs: {
    summary:
      'A successPolicy that lets more indexes fail than backoffLimit allows can fail the Job before the policy is met.',
    rationale:
      "The Job controller checks backoffLimit before the success policy. If the policy needs only some indexes, the others may fail, and once more than backoffLimit pods have failed the Job fails with BackoffLimitExceeded even when the needed index has already succeeded (seen on the testbed with the documentation's job-success example: it fails about two runs in three).",
    remediation: `${PER_INDEX}, or raise backoffLimit to at least the number of indexes the policy lets fail.`,
    url: DOCS.successPolicy,
  },
  cel: {
    notExpressible:
      'it needs the Job controller\'s parser of succeededIndexes interval lists ("1,3-5") to count how many indexes a rule lets fail',
  },
  check(view) {
    const rules = objects(obj(view.spec, 'successPolicy'), 'rules');
    const completions = int(view.spec, 'completions');
    if (
      !isIndexed(view.spec) ||
      rules.length === 0 ||
      completions === undefined ||
      has(view.spec, 'backoffLimitPerIndex')
    )
      return [];
    const backoffLimit = int(view.spec, 'backoffLimit') ?? defaultBackoffLimit(view.spec);
    // The most indexes any one rule lets fail while still being met.
    const mayFail = Math.max(
      ...rules.map((rule) => {
        const indexes = str(rule, 'succeededIndexes');
        const listed = indexes !== undefined ? parseIndexesStrict(indexes, completions) : undefined;
        const needed = int(rule, 'succeededCount') ?? (listed?.ok ? listed.count : completions);
        return completions - needed;
      }),
    );
    if (backoffLimit >= mayFail) return [];
    return [
      {
        path: view.specPath.child('backoffLimit').toString(),
        message: `the success policy lets up to ${mayFail} indexes fail, but the Job fails after ${backoffLimit + 1} failed pods (backoffLimit ${backoffLimit}${has(view.rawSpec, 'backoffLimit') ? '' : ', the default'}), checked before the success policy`,
        remediation: `${PER_INDEX}, or raise backoffLimit to at least ${mayFail}.`,
      },
    ];
  },
});
