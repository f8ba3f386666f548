// The `cronJob` entry of a Snapshot document (`diagnose cronjob/NAME --save FILE`), read back as
// hostile as the rest of a file a user hands over: clear errors, never a crash, unreadable items
// skipped with a note.
import { describe, expect, test } from '@jest/globals';
import { UsageError } from '../../../../edge/index.ts';
import {
  toCronJobSnapshotDocument,
  toDiagnoseReading,
  toJobSnapshotFromDocuments,
} from '../../../../plugin/kube/snapshot-document.ts';
import { loadCronJobRecording } from '../../../helpers/snapshot-fixtures.ts';

const healthy = loadCronJobRecording('cronjob-healthy');
const noJob = loadCronJobRecording('cronjob-no-job-yet');
const source = { file: 'saved.json', now: '2030-01-01T00:00:00Z' };
const copy = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('a saved CronJob snapshot', () => {
  test('read back whole: the CronJob at the fetch time, its Jobs and Events, its latest Job', () => {
    const document = copy(toCronJobSnapshotDocument(healthy.cronJob, healthy.latest));
    const reading = toDiagnoseReading([document], { ...source, name: 'nightly', kind: 'CronJob' });
    expect(reading.notes).toEqual([]);
    expect(copy(reading.cronJob)).toEqual(copy({ ...healthy.cronJob, now: healthy.latest!.now }));
    expect(reading.snapshot?.job.metadata.name).toBe(healthy.latest!.job.metadata.name);
  });

  test('a CronJob that owned no Job: job null, read as such; a Job reader refuses it clearly', () => {
    const document = copy(toCronJobSnapshotDocument(noJob.cronJob, null));
    expect(document).toMatchObject({ job: null, pods: [], fetchedAt: noJob.cronJob.now });
    expect(toDiagnoseReading([document], source)).toMatchObject({ snapshot: null, cronJob: { jobs: [] } });
    expect(() => toJobSnapshotFromDocuments([document], source)).toThrow(
      new UsageError('saved.json: the Snapshot of a CronJob holds no Job'),
    );
  });

  test('the wrong name, either way round, is a usage error naming what the file holds', () => {
    const cron = copy(toCronJobSnapshotDocument(noJob.cronJob, null));
    expect(() => toDiagnoseReading([cron], { ...source, name: 'weekly', kind: 'CronJob' })).toThrow(
      'saved.json holds the snapshot of cronjob/nightly, not cronjob/weekly',
    );
    const { cronJob: _cronJob, ...job } = copy(toCronJobSnapshotDocument(healthy.cronJob, healthy.latest));
    void _cronJob;
    expect(() => toDiagnoseReading([job], { ...source, name: 'nightly', kind: 'CronJob' })).toThrow(
      'saved.json holds the snapshot of a Job, not of cronjob/nightly: leave the name out',
    );
  });

  test.each([
    ['a string', 'nightly', /cronJob must be an object, not "nightly"/],
    ['an array', [], /cronJob must be an object/],
    ['no object', { jobs: [] }, /cronJob holds no CronJob/],
    ['a Job as its object', { object: { kind: 'Job', metadata: {} } }, /cronJob holds no CronJob/],
  ])('cronJob is %s: a clear usage error', (_what, entry, message) => {
    const document = { ...copy(toCronJobSnapshotDocument(noJob.cronJob, null)), cronJob: entry };
    expect(() => toDiagnoseReading([document], source)).toThrow(UsageError);
    expect(() => toDiagnoseReading([document], source)).toThrow(message);
  });

  test('unreadable Jobs and Events are skipped with a note; a list that is no list reads as empty', () => {
    const document = copy(toCronJobSnapshotDocument(healthy.cronJob, healthy.latest));
    const entry = document.cronJob as Record<string, unknown>;
    entry.jobs = [...(entry.jobs as unknown[]), 7, 'x', null];
    entry.events = { not: 'a list' };
    const reading = toDiagnoseReading([document], source);
    expect(reading.cronJob?.jobs).toHaveLength(healthy.cronJob.jobs.length);
    expect(reading.cronJob?.events).toEqual([]);
    expect(reading.notes).toEqual([
      'saved.json: skipped 3 of 5 jobs that are not readable',
      'saved.json: events is not a list ({"not":"a list"}); read as empty',
    ]);
  });
});
