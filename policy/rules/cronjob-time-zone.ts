import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { obj, str } from '../../kubernetes/index.ts';
import { isKnownTimeZone } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

export default defineRule({
  id: 'cronjob-time-zone',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  kinds: ['CronJob'],
  docs: {
    summary: 'A CronJob timeZone is unset or a known IANA time zone name other than Local.',
    rationale:
      'The API server loads the zone from its time zone database and rejects empty strings, unknown names and `Local` (which would depend on the controller host).',
    remediation:
      'Use an IANA name such as `Europe/Berlin` or `Etc/UTC`, or leave timeZone out for the controller-manager time zone.',
    url: DOCS.cronTimeZones,
  },
  check(view) {
    const timeZone = str(obj(view.object, 'spec'), 'timeZone');
    if (timeZone === undefined) return [];
    const path = FieldPath.root('spec', 'timeZone');
    if (timeZone === '') return [fieldError.invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
    for (const part of timeZone.split('/')) {
      if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) {
        return [fieldError.invalid(path, timeZone, `unknown time zone ${timeZone}`)];
      }
    }
    const errors: FieldError[] = [];
    if (timeZone.toLowerCase() === 'local') {
      errors.push(
        fieldError.invalid(
          path,
          timeZone,
          'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
        ),
      );
    }
    if (timeZone !== 'Local' && !isKnownTimeZone(timeZone))
      errors.push(fieldError.invalid(path, timeZone, `unknown time zone ${timeZone}`));
    return errors;
  },
});
