import { cloneDecoded } from './clone-decoded.ts';
import { obj, str, type JsonObject } from './decoded-access.ts';
import { newDecodedObject } from './decoded-object.ts';

/**
 * The Job the CronJob controller creates for a run, as it sends it to the API server (and so to
 * admission webhooks): getJobFromTemplate2 (pkg/controller/cronjob/utils.go). Labels and
 * annotations are the jobTemplate's, plus batch.kubernetes.io/cronjob-scheduled-timestamp; the
 * name is `<cronjob>-<minutes since the epoch>`; a controller reference names the CronJob; the
 * spec is a copy of the jobTemplate's. `scheduledTime` is the run's nominal start (RFC 3339, UTC).
 */
export function toJobFromCronJob(cronJob: JsonObject, scheduledTime: string): JsonObject {
  const metadata = obj(cronJob, 'metadata');
  const template = obj(obj(cronJob, 'spec'), 'jobTemplate');
  const templateMetadata = obj(template, 'metadata');
  const name = str(metadata, 'name') ?? '';
  const minutes = Math.floor(Date.parse(scheduledTime) / 60_000);
  const labels = copyMap(obj(templateMetadata, 'labels'));
  const annotations = copyMap(obj(templateMetadata, 'annotations'));
  annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'] = scheduledTime;
  const namespace = str(metadata, 'namespace');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: `${name}-${Number.isFinite(minutes) ? minutes : 0}`,
      ...(namespace !== undefined ? { namespace } : {}),
      labels,
      annotations,
      creationTimestamp: scheduledTime,
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name,
          uid: str(metadata, 'uid') ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: cloneDecoded(obj(template, 'spec') ?? newDecodedObject()),
  };
}

/** A copy of a string map (copyLabels/copyAnnotations), in an object that inherits nothing. */
function copyMap(map: JsonObject | undefined): Record<string, string> {
  const out = newDecodedObject() as Record<string, string>;
  for (const key of Object.keys(map ?? {})) {
    const value = map![key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}
