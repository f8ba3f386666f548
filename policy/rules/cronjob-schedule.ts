import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { obj, str } from '../../kubernetes/index.ts';
import { cronScheduleError } from '../../kubernetes/index.ts';
import { isKnownTimeZone } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'cronjob-schedule',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  kinds: ['CronJob'],
  docs: {
    summary:
      'A CronJob schedule is a five-field cron expression or a descriptor such as @hourly, without TZ= or CRON_TZ=.',
    rationale:
      'The API server parses the schedule as robfig/cron does (minute hour day-of-month month day-of-week) and refuses time zones inside it on create.',
    remediation:
      'Write five fields such as `*/15 * * * *` or a descriptor (`@daily`), and put the time zone in spec.timeZone.',
    url: DOCS.cronSchedule,
  },
  check(view) {
    const schedule = str(obj(view.object, 'spec'), 'schedule') ?? '';
    const path = FieldPath.root('spec', 'schedule');
    if (schedule === '') return [fieldError.required(path)];
    const errors: FieldError[] = [];
    const error = cronScheduleError(schedule, isKnownTimeZone);
    if (error) errors.push(fieldError.invalid(path, schedule, error));
    if (schedule.includes('TZ'))
      errors.push(
        fieldError.invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'),
      );
    return errors;
  },
});
