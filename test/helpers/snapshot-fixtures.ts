// The snapshots recorded on the testbed by `npm run fixtures:record` (test/fixtures/snapshots/),
// loaded as the JobSnapshot every live view's pure analysis takes; and the CronJob recordings of
// `npm run fixtures:record-cronjobs` beside them (a cronjob.json instead of a job.json), loaded as
// what `diagnose cronjob/NAME` fetches.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../kubernetes/decoded-access.ts';
import type { RawEvent, RawJob, RawPod } from '../../kubernetes/objects.ts';
import type { CronJobSnapshot } from '../../plugin/diagnose/cronjob/diagnose-cronjob.ts';
import type { JobSnapshot } from '../../plugin/job-snapshot.ts';

const SNAPSHOTS = join(import.meta.dirname, '..', 'fixtures', 'snapshots');

export interface SnapshotFixtureMeta {
  scenario: string;
  description: string;
  recordedAt: string;
  kubernetesVersion: string;
  namespace: string;
  job: string;
}

/** The Job recordings (a job.json each). */
export function snapshotScenarios(): string[] {
  return readdirSync(SNAPSHOTS)
    .filter((scenario) => existsSync(join(SNAPSHOTS, scenario, 'job.json')))
    .sort();
}

/** The CronJob recordings (a cronjob.json each). */
export function cronJobScenarios(): string[] {
  return readdirSync(SNAPSHOTS)
    .filter((scenario) => existsSync(join(SNAPSHOTS, scenario, 'cronjob.json')))
    .sort();
}

const readJson = <T>(scenario: string, file: string): T =>
  JSON.parse(readFileSync(join(SNAPSHOTS, scenario, file), 'utf8')) as T;

export function snapshotMeta(scenario: string): SnapshotFixtureMeta {
  return readJson<SnapshotFixtureMeta>(scenario, 'meta.json');
}

/**
 * A recorded scenario as a JobSnapshot. The recording holds every Event of its namespace; like
 * plugin/kube's fetch, only those of the Job and its pods are kept. `now` is the recording time.
 */
export function loadSnapshot(scenario: string): JobSnapshot {
  const meta = snapshotMeta(scenario);
  return jobSnapshotOf(
    readJson<RawJob>(scenario, 'job.json'),
    readJson<RawPod[]>(scenario, 'pods.json'),
    readJson<RawEvent[]>(scenario, 'events.json'),
    meta.recordedAt,
  );
}

function jobSnapshotOf(job: RawJob, allPods: readonly RawPod[], allEvents: readonly RawEvent[], now: string) {
  const pods = allPods.filter((pod) =>
    (pod.metadata.ownerReferences ?? []).some((owner) => owner.controller === true && owner.uid === job.metadata.uid),
  );
  const podNames = new Set(pods.map((pod) => pod.metadata.name));
  const jobName = job.metadata.name;
  const events = allEvents.filter((event) => {
    const involved = event.involvedObject;
    if (involved?.kind === 'Job') return involved.name === jobName;
    // Pods already deleted still have Events; their names start with the Job's name.
    return involved?.kind === 'Pod' && (podNames.has(involved.name) || (involved.name ?? '').startsWith(`${jobName}-`));
  });
  return { job, pods, events, now, logTail: null };
}

/** What `diagnose cronjob/NAME` fetches: the CronJob with its Jobs and Events, and its latest Job's snapshot (null before the first). */
export interface CronJobRecording {
  readonly cronJob: CronJobSnapshot;
  readonly latest: JobSnapshot | null;
}

/** A CronJob recording; `now` is the recording time. Only the CronJob's own Events go with it, as plugin/kube fetches them. */
export function loadCronJobRecording(scenario: string): CronJobRecording {
  const { recordedAt } = snapshotMeta(scenario);
  const cronJob = readJson<JsonObject & { metadata: { uid?: string } }>(scenario, 'cronjob.json');
  const jobs = readJson<RawJob[]>(scenario, 'jobs.json');
  const pods = readJson<RawPod[]>(scenario, 'pods.json');
  const events = readJson<RawEvent[]>(scenario, 'events.json');
  const latest = jobs.at(-1);
  return {
    cronJob: {
      cronJob,
      jobs,
      events: events.filter((event) => event.involvedObject?.uid === cronJob.metadata.uid),
      now: recordedAt,
    },
    latest: latest ? jobSnapshotOf(latest, pods, events, recordedAt) : null,
  };
}
