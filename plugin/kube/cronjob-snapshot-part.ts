// The CronJob in a saved snapshot: `diagnose cronjob/NAME --save FILE` adds to the Snapshot
// document a `cronJob` entry (the CronJob, the Jobs it owns, its Events), and its `job` is the
// latest of those Jobs, or null when it owns none. `diagnose -f FILE` reads it back, as hostile as
// the rest of the file: objects through the Raw* readers, unreadable items skipped with a note.
import { UsageError } from '../../edge/index.ts';
import {
  describeValue,
  isObject,
  str,
  toRawEvent,
  toRawJob,
  toRawObject,
  type JsonObject,
  type RawEvent,
  type RawJob,
} from '../../kubernetes/index.ts';
import type { CronJobSnapshot } from '../job-snapshot.ts';

/** The `cronJob` entry of a Snapshot document. */
export interface SavedCronJob {
  object: JsonObject;
  jobs: RawJob[];
  events: RawEvent[];
}

export function toSavedCronJob(cronJob: CronJobSnapshot): SavedCronJob {
  return { object: cronJob.cronJob, jobs: [...cronJob.jobs], events: [...cronJob.events] };
}

/** A list of the entry: the readable items; the others skipped with a note. */
export type ReadList = <T>(document: JsonObject, key: string, read: (value: unknown) => T | undefined) => T[];

/** The document's `cronJob` entry at `now`, or null when it has none. Throws UsageError. */
export function readSavedCronJob(
  document: JsonObject,
  now: string,
  file: string,
  list: ReadList,
): CronJobSnapshot | null {
  const entry = Object.hasOwn(document, 'cronJob') ? document.cronJob : undefined;
  if (entry === undefined || entry === null) return null;
  if (!isObject(entry))
    throw new UsageError(`${file}: the Snapshot's cronJob must be an object, not ${describeValue(entry, 40)}`);
  const object = toRawObject(Object.hasOwn(entry, 'object') ? entry.object : undefined);
  const kind = str(object, 'kind');
  if (object === undefined || (kind !== undefined && kind !== 'CronJob'))
    throw new UsageError(`${file}: the Snapshot's cronJob holds no CronJob (${describeValue(entry.object, 40)})`);
  return { cronJob: object, jobs: list(entry, 'jobs', toRawJob), events: list(entry, 'events', toRawEvent), now };
}
