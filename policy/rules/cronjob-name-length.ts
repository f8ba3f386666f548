import { fieldError } from '../../kubernetes/index.ts';
import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { defineRule } from '../rule.ts';

/** DNS1035LabelMaxLength (63) minus 11: the controller appends `-<scheduled minutes>` for Job names. */
const MAX_CRONJOB_NAME = 52;

export default defineRule({
  id: 'cronjob-name-length',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  kinds: ['CronJob'],
  docs: {
    summary: `A CronJob name may have at most ${MAX_CRONJOB_NAME} characters.`,
    rationale:
      'The CronJob controller names each Job `<cronjob>-<minutes since epoch>`, which must stay a 63-character DNS label; the API server rejects longer CronJob names on create.',
    remediation: `Shorten the CronJob name to ${MAX_CRONJOB_NAME} characters or fewer.`,
    url: DOCS.cronJobLimitations,
  },
  check(view) {
    const name = view.name ?? '';
    return name.length > MAX_CRONJOB_NAME
      ? [
          fieldError.invalid(
            FieldPath.root('metadata', 'name'),
            name,
            `must be no more than ${MAX_CRONJOB_NAME} characters`,
          ),
        ]
      : [];
  },
});
