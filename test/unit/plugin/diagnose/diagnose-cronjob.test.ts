// The CronJob part of `diagnose cronjob/NAME`, from a CronJob, its Jobs and its Events as the
// CronJob controller leaves them (reasons and messages of pkg/controller/cronjob).
import { describe, expect, test } from '@jest/globals';
import type { JsonObject, RawEvent, RawJob } from '../../../../kubernetes/index.ts';
import { diagnoseCronJob } from '../../../../plugin/diagnose/cronjob/diagnose-cronjob.ts';
import { formatCronJobText } from '../../../../plugin/format/format-cronjob-text.ts';

const NOW = '2026-12-06T12:00:30Z';

function cronJob(spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): JsonObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'ops', uid: 'cj', creationTimestamp: '2026-12-01T00:00:00Z' },
    spec: { schedule: '*/10 * * * *', concurrencyPolicy: 'Allow', jobTemplate: { spec: { template: {} } }, ...spec },
    status: { lastScheduleTime: '2026-12-06T11:50:00Z', lastSuccessfulTime: '2026-12-06T11:50:40Z', ...status },
  };
}

function job(name: string, scheduled: string, conditions: RawJob['status']): RawJob {
  return {
    metadata: {
      name,
      namespace: 'ops',
      creationTimestamp: scheduled,
      annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': scheduled },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'cj', controller: true }],
    },
    status: conditions,
  };
}

const complete = (at: string): RawJob['status'] => ({
  completionTime: at,
  conditions: [{ type: 'Complete', status: 'True', reason: 'CompletionsReached', lastTransitionTime: at }],
});
const failed = (at: string): RawJob['status'] => ({
  conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: at }],
});

function event(reason: string, message: string, at: string, count = 1): RawEvent {
  return {
    metadata: { name: `nightly.${reason}`, namespace: 'ops' },
    involvedObject: { kind: 'CronJob', name: 'nightly', uid: 'cj' },
    reason,
    message,
    type: reason === 'MissSchedule' ? 'Warning' : 'Normal',
    lastTimestamp: at,
    count,
  };
}

const JOBS = [
  job('nightly-29417570', '2026-12-06T11:30:00Z', failed('2026-12-06T11:30:20Z')),
  job('nightly-29417580', '2026-12-06T11:40:00Z', complete('2026-12-06T11:40:30Z')),
  job('nightly-29417590', '2026-12-06T11:50:00Z', complete('2026-12-06T11:50:40Z')),
];

describe('diagnose cronjob/NAME: the CronJob', () => {
  test('healthy: next runs, history newest first with outcomes, no missed run', () => {
    const block = diagnoseCronJob({ cronJob: cronJob(), jobs: JOBS, events: [], now: '2026-12-06T11:55:00Z' });
    expect(block).toMatchObject({
      schedule: '*/10 * * * *',
      suspended: false,
      nextRuns: ['2026-12-06T12:00:00Z', '2026-12-06T12:10:00Z', '2026-12-06T12:20:00Z'],
      missedRuns: [],
      historyLimits: { successful: 3, failed: 1 },
    });
    expect(block.history.map((h) => [h.job, h.state, h.reason])).toEqual([
      ['nightly-29417590', 'Complete', 'CompletionsReached'],
      ['nightly-29417580', 'Complete', 'CompletionsReached'],
      ['nightly-29417570', 'Failed', 'BackoffLimitExceeded'],
    ]);
  });

  test('a start time with neither a Job nor an Event: the controller was down', () => {
    const block = diagnoseCronJob({ cronJob: cronJob(), jobs: JOBS, events: [], now: NOW });
    // 12:00 is 30 s old: it may still be starting its Job, not missed yet.
    expect(block.missedRuns).toEqual([]);
    const later = diagnoseCronJob({ cronJob: cronJob(), jobs: JOBS, events: [], now: '2026-12-06T12:25:00Z' });
    expect(later.missedRuns.map((m) => [m.time, m.why])).toEqual([
      ['2026-12-06T12:00:00Z', 'controller-down'],
      ['2026-12-06T12:10:00Z', 'controller-down'],
      ['2026-12-06T12:20:00Z', 'controller-down'],
    ]);
  });

  test("Forbid: the controller's JobAlreadyActive Event explains the skipped start times", () => {
    const forbid = {
      cronJob: cronJob({ concurrencyPolicy: 'Forbid' }, { active: [{ name: 'nightly-29417590' }] }),
      jobs: JOBS,
      events: [
        event(
          'JobAlreadyActive',
          'Not starting job because prior execution is running and concurrency policy is Forbid',
          '2026-12-06T12:10:01Z',
          2,
        ),
      ],
      now: '2026-12-06T12:15:00Z',
    };
    const block = diagnoseCronJob(forbid);
    expect(block.active).toEqual(['nightly-29417590']);
    expect(block.missedRuns.map((m) => m.why)).toEqual(['forbid-skip']);
    expect(block.missedRuns[0]!.message).toMatch(/Forbid skipped 2 start times/);
    // What holds the CronJob back, and whether anything ends it.
    expect(block.notes).toEqual([expect.stringMatching(/while nightly-29417590 runs.*sets no activeDeadlineSeconds/)]);
    const bounded = diagnoseCronJob({
      ...forbid,
      cronJob: cronJob(
        { concurrencyPolicy: 'Forbid', jobTemplate: { spec: { activeDeadlineSeconds: 300 } } },
        { active: [{ name: 'nightly-29417590' }] },
      ),
    });
    expect(bounded.notes).toEqual([expect.stringMatching(/activeDeadlineSeconds 300 fails it at the latest 300 s/)]);
  });

  test('startingDeadlineSeconds passed: the scheduled time from MissSchedule; more than 100: TooManyMissedTimes', () => {
    const block = diagnoseCronJob({
      cronJob: cronJob({ startingDeadlineSeconds: 10 }),
      jobs: JOBS,
      events: [
        event(
          'MissSchedule',
          'Missed scheduled time to start a job: Sun, 06 Dec 2026 12:00:00 +0000',
          '2026-12-06T12:00:30Z',
        ),
        event(
          'TooManyMissedTimes',
          'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
          '2026-12-06T12:00:30Z',
        ),
      ],
      now: '2026-12-06T12:05:00Z',
    });
    expect(block.missedRuns.map((m) => [m.time, m.why])).toEqual([
      ['2026-12-06T12:00:00Z', 'starting-deadline-passed'],
      ['2026-12-06T12:00:30Z', 'too-many-missed'],
    ]);
  });

  test('Replace: the run whose Job was deleted, at its start time; the history cleanup is no missed run', () => {
    const block = diagnoseCronJob({
      cronJob: cronJob({ concurrencyPolicy: 'Replace' }),
      jobs: JOBS,
      events: [
        // cleanupFinishedJobs, once the Job of 11:40 finished, deleting the one of 11:20: the same Event as Replace's.
        event('SuccessfulDelete', 'Deleted job nightly-29942600', '2026-12-06T11:40:30Z'),
        // Replace at 11:50: the Job of 11:40 was still running.
        event('SuccessfulDelete', 'Deleted job nightly-29942620', '2026-12-06T11:50:00Z'),
      ],
      now: '2026-12-06T11:55:00Z',
    });
    expect(block.missedRuns).toEqual([
      {
        time: '2026-12-06T11:40:00Z',
        why: 'replace-deleted',
        message:
          'its Job nightly-29942620 was still running at the next start time: concurrencyPolicy Replace deleted it (2026-12-06T11:50:00Z) to start the next one',
      },
    ]);
  });

  test('startingDeadlineSeconds: a start time older than the deadline is dropped without an Event, not the controller being down', () => {
    // mostRecentScheduleTime never looks back further than now - startingDeadlineSeconds (300 s).
    const block = diagnoseCronJob({
      cronJob: cronJob({ startingDeadlineSeconds: 300 }),
      jobs: JOBS,
      events: [],
      now: '2026-12-06T12:25:00Z',
    });
    expect(block.missedRuns.map((m) => [m.time, m.why])).toEqual([
      ['2026-12-06T12:00:00Z', 'starting-deadline-passed'],
      ['2026-12-06T12:10:00Z', 'starting-deadline-passed'],
      ['2026-12-06T12:20:00Z', 'controller-down'],
    ]);
    expect(block.missedRuns[0]!.message).toMatch(/within startingDeadlineSeconds \(300 s\).*nor says so/);
  });

  test('suspended: no next runs, no missed runs, a note; the TTL against the history limits', () => {
    const block = diagnoseCronJob({
      cronJob: cronJob({ suspend: true, jobTemplate: { spec: { ttlSecondsAfterFinished: 60 } } }),
      jobs: JOBS,
      events: [],
      now: '2026-12-06T13:00:00Z',
    });
    expect(block).toMatchObject({ suspended: true, nextRuns: [], missedRuns: [], ttlSecondsAfterFinished: 60 });
    expect(block.notes.join('\n')).toMatch(/suspended[\s\S]*ttlSecondsAfterFinished 60/);
  });

  test('--history N keeps the newest N; text', () => {
    const block = diagnoseCronJob({ cronJob: cronJob(), jobs: JOBS, events: [], now: '2026-12-06T12:25:00Z' }, 2);
    expect(block.history.map((h) => h.job)).toEqual(['nightly-29417590', 'nightly-29417580']);
    expect(formatCronJobText(block, '2026-12-06T12:25:00Z')).toMatchSnapshot();
  });
});
