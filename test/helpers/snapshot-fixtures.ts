// The snapshots recorded on the testbed by `npm run fixtures:record` (test/fixtures/snapshots/),
// loaded as the JobSnapshot every live view's pure analysis takes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawEvent, RawJob, RawPod } from '../../kubernetes/objects.ts';
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

export function snapshotScenarios(): string[] {
  return readdirSync(SNAPSHOTS).sort();
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
  const job = readJson<RawJob>(scenario, 'job.json');
  const pods = readJson<RawPod[]>(scenario, 'pods.json');
  const podNames = new Set(pods.map((pod) => pod.metadata.name));
  const jobName = job.metadata.name;
  const events = readJson<RawEvent[]>(scenario, 'events.json').filter((event) => {
    const involved = event.involvedObject;
    if (involved?.kind === 'Job') return involved.name === jobName;
    // Pods already deleted still have Events; their names start with the Job's name.
    return involved?.kind === 'Pod' && (podNames.has(involved.name) || (involved.name ?? '').startsWith(`${jobName}-`));
  });
  return { job, pods, events, now: meta.recordedAt, logTail: null };
}
