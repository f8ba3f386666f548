import { describe, expect, test } from '@jest/globals';
import { UsageError } from '../../../../edge/errors.ts';
import { parseJobReference } from '../../../../plugin/kube/fetch-job.ts';

describe('parseJobReference (kubectl resource/name forms)', () => {
  test.each([
    ['pi', 'Job', 'pi'],
    ['job/pi', 'Job', 'pi'],
    ['jobs/pi', 'Job', 'pi'],
    ['Job/pi', 'Job', 'pi'],
    ['jobs.batch/pi', 'Job', 'pi'],
    ['job.v1.batch/pi', 'Job', 'pi'],
    ['cronjob/nightly', 'CronJob', 'nightly'],
    ['cronjobs/nightly', 'CronJob', 'nightly'],
    ['cj/nightly', 'CronJob', 'nightly'],
    ['cronjob.batch/nightly.v2', 'CronJob', 'nightly.v2'],
  ])('%s', (text, kind, name) => {
    expect(parseJobReference(text)).toEqual({ kind, name });
  });

  test.each([
    ['deployment/web', 'job-x works on Jobs and CronJobs, not "deployment"'],
    ['job/', 'names no Job'],
    ['a/b/c', 'is not a Job reference'],
    ['My_Job', 'is not a valid Job name'],
  ])('%s is a usage error', (text, message) => {
    expect(() => parseJobReference(text)).toThrow(UsageError);
    expect(() => parseJobReference(text)).toThrow(message);
  });
});
