// bench:diagnose's guard that speed is not bought with another answer: the diagnosis the CLI
// printed from the cluster must be, byte for byte, the one `diagnose -f` computes from a reference
// snapshot built from complete lists fetched apart with `kubectl get --raw` (the Job, every pod of
// its selector, every Event of the namespace, nothing cut or filtered by the server). The Events
// a diagnosis reads are chosen from them by the contract of plugin/kube/fetch-snapshot.ts, spelled
// out here rather than called: the Job's own (involvedObject.uid) and the Warning Events of its
// pods (belongsToJob, job-members.ts). Whatever a faster fetch leaves out, asks for differently or
// decodes otherwise, the two outputs must not differ.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { belongsToJob, byCreation, byEventTime, isOwnedBy } from '../../plugin/kube/job-members.ts';
import { labelSelectorOf } from '../../plugin/kube/fetch-snapshot.ts';
import { SNAPSHOT_API_VERSION } from '../../plugin/kube/snapshot-document.ts';
import type { RawEvent, RawJob, RawPod } from '../../kubernetes/objects.ts';

export interface SameDiagnosisInput {
  kubectl: string;
  kubeconfig: string;
  /** node and the job-x executable. */
  node: string;
  bin: string;
  namespace: string;
  job: string;
  /** stdout of `diagnose JOB -o json --save SAVED`, and that saved snapshot (its fetch time and log tail are reused). */
  liveOutput: string;
  savedSnapshot: string;
  /** Where the reference snapshot is written. */
  referenceFile: string;
}

export interface SameDiagnosisResult {
  same: boolean;
  /** The first JSON path where the outputs differ, when they do. */
  difference: string | null;
  pods: number;
  /** Events of the namespace listed, and those the reference snapshot keeps. */
  eventsListed: number;
  eventsKept: number;
}

const run = (command: string, args: string[]) =>
  new Promise<string>((resolve, reject) =>
    execFile(command, args, { maxBuffer: 1024 * 1024 * 1024 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${command} ${args.slice(0, 4).join(' ')}: ${stderr || error.message}`))
        : resolve(stdout),
    ),
  );

function withoutManagedFields<T extends { metadata: object }>(item: T): T {
  delete (item.metadata as { managedFields?: unknown }).managedFields;
  return item;
}

export async function checkSameDiagnosis(input: SameDiagnosisInput): Promise<SameDiagnosisResult> {
  const raw = async <T>(path: string): Promise<T> =>
    JSON.parse(await run(input.kubectl, ['--kubeconfig', input.kubeconfig, 'get', '--raw', path])) as T;
  const ns = encodeURIComponent(input.namespace);
  const job = withoutManagedFields(await raw<RawJob>(`/apis/batch/v1/namespaces/${ns}/jobs/${input.job}`));
  const selector = encodeURIComponent(labelSelectorOf(job));
  const [podList, eventList] = await Promise.all([
    raw<{ items: RawPod[] }>(`/api/v1/namespaces/${ns}/pods?labelSelector=${selector}`),
    raw<{ items: RawEvent[] }>(`/api/v1/namespaces/${ns}/events`),
  ]);
  const pods = podList.items
    .map(withoutManagedFields)
    .filter((pod) => isOwnedBy(pod, job))
    .sort(byCreation);
  const events = eventList.items.map(withoutManagedFields);
  const uid = job.metadata.uid;
  const jobEvents = events.filter((e) => e.involvedObject?.uid === uid);
  const belongs = belongsToJob(job, pods, jobEvents);
  const podWarnings = events.filter((e) => e.involvedObject?.kind === 'Pod' && e.type === 'Warning' && belongs(e));
  const saved = JSON.parse(readFileSync(input.savedSnapshot, 'utf8')) as { fetchedAt: string; logs: unknown[] };
  const reference = {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: 'Snapshot',
    fetchedAt: saved.fetchedAt,
    job,
    pods,
    events: [...jobEvents, ...podWarnings].sort(byEventTime),
    logs: saved.logs,
  };
  writeFileSync(input.referenceFile, JSON.stringify(reference));
  const offline = await run(input.node, [input.bin, 'diagnose', '-f', input.referenceFile, '-o', 'json']);
  return {
    same: offline === input.liveOutput,
    difference:
      offline === input.liveOutput ? null : firstDifference(JSON.parse(input.liveOutput), JSON.parse(offline)),
    pods: pods.length,
    eventsListed: events.length,
    eventsKept: reference.events.length,
  };
}

/** The first path where two JSON values differ ('' when only their text does). */
function firstDifference(a: unknown, b: unknown, path = '$'): string {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return Object.is(a, b) ? '' : `${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (found) return found;
  }
  return '';
}
