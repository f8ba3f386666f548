// Decoded JSON or YAML read into the Raw* shapes of objects.ts: the API server's answers, a saved
// snapshot, a `kubectl get job,pods,events -o yaml` List. The live views' analyses then trust the
// types those interfaces promise. The server itself sends nothing else, but a file a user hands
// over (or a proxy, or a hand-edited support bundle) can hold a string where an object goes, a
// number as a string, an array where a map goes, keys named `__proto__` or `constructor`, values
// carrying `toString`. As decoded-access.ts does for manifests, a field of the wrong type reads
// as absent: it is set to undefined (not deleted, which would turn each object into a slower
// dictionary), an array keeps only its items of the right shape, a map only its string values.
//
// The reading is in place (a list of 5,000 pods is not copied): the typed fields are checked by own
// property, so a key named `constructor` or `toString` answers only for itself, and the maps keyed
// by the document's keys (labels, annotations) are rebuilt as objects that inherit nothing
// (decoded-object.ts). A Job or a CronJob, one object that the policy engine and explain walk by
// every key, is made wholly of such objects; pods and Events are not, as making every object of
// 5,000 pods inherit nothing cost 110 ms (as much as parsing them), and nothing reads their other
// parts by a key taken from the data. Everything else is kept as it is, under the index signatures.
import { isObject, type JsonObject } from './decoded-access.ts';
import { newDecodedObject, toDecodedObjects } from './decoded-object.ts';
import type { RawEvent, RawJob, RawObjectMeta, RawPod } from './objects.ts';
import { isRfc3339 } from './timestamps.ts';

/** Reads one value as a type, or undefined when it has another shape. May fix the value in place. */
type Reader<T = unknown> = (value: unknown) => T | undefined;

const MIN_INT32 = -(2 ** 31);
const MAX_INT32 = 2 ** 31 - 1;

const string: Reader<string> = (value) => (typeof value === 'string' ? value : undefined);
const boolean: Reader<boolean> = (value) => (typeof value === 'boolean' ? value : undefined);
/** Every number these objects hold is an int32 in the API (a bigger one would not decode). */
const int32: Reader<number> = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= MIN_INT32 && value <= MAX_INT32 ? value : undefined;
/** A count as the API validates it (status counters, restarts, most spec numbers): a non-negative int32. */
const count: Reader<number> = (value) => {
  const read = int32(value);
  return read !== undefined && read >= 0 ? read : undefined;
};
/** activeDeadlineSeconds is an int64 the API requires positive (read up to 2^53, as JSON numbers are exact). */
const positiveSeconds: Reader<number> = (value) =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
const time: Reader<string> = (value) => (isRfc3339(value) ? value : undefined);
/** Events' times may be null (an Event written through events.k8s.io has no lastTimestamp). */
const timeOrNull: Reader<string | null> = (value) => (value === null ? null : time(value));
/** A loosely typed part (a spec, read with decoded-access.ts): any object. */
const anyObject: Reader<JsonObject> = (value) => (isObject(value) ? value : undefined);

/**
 * An object whose listed fields are read with their readers, in place; other fields are kept. The
 * fields are Kubernetes field names, none of them a member of Object.prototype (checked here), so
 * a plain read of one finds the object's own value or nothing: no own-property check is needed,
 * which made this twice as fast.
 */
function shape<T>(fields: Readonly<Record<string, Reader>>): Reader<T> {
  const entries = Object.entries(fields);
  for (const [key] of entries) if (key in Object.prototype) throw new Error(`${key} needs an own-property read`);
  return (value) => {
    if (!isObject(value)) return undefined;
    for (const [key, read] of entries) {
      const current = value[key];
      if (current === undefined) continue;
      const next = read(current);
      if (next !== current) value[key] = next;
    }
    return value as T;
  };
}

/** An array of the items that read as the type (the others are dropped), or undefined. */
function arrayOf<T>(item: Reader<T>): Reader<T[]> {
  return (value) => {
    if (!Array.isArray(value)) return undefined;
    // The same array when every item reads as itself (the API server's answers): nothing copied.
    let out: T[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const read = item(value[i]);
      if (out === undefined && read !== value[i]) out = value.slice(0, i) as T[];
      if (out !== undefined && read !== undefined) out.push(read);
    }
    return out ?? (value as T[]);
  };
}

/**
 * An array whose items keep their positions (a policy's rules are named by index): an item of
 * another shape becomes an empty object, which matches nothing.
 */
function positionalArrayOf(item: Reader<JsonObject>): Reader<JsonObject[]> {
  return (value) => (Array.isArray(value) ? value.map((element) => item(element) ?? newDecodedObject()) : undefined);
}

/** A string-to-string map (labels, annotations), its keys in an object that inherits nothing. */
const stringMap: Reader<Record<string, string>> = (value) => {
  if (!isObject(value)) return undefined;
  const out = newDecodedObject() as Record<string, string>;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (typeof item === 'string') out[key] = item;
  }
  return out;
};

const ownerReference = shape({ apiVersion: string, kind: string, name: string, uid: string, controller: boolean });

const objectMeta = shape<RawObjectMeta>({
  name: string,
  namespace: string,
  uid: string,
  creationTimestamp: time,
  deletionTimestamp: time,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: arrayOf(ownerReference),
});

const condition = shape({
  type: string,
  status: string,
  reason: string,
  message: string,
  lastTransitionTime: time,
  lastProbeTime: time,
});

const podFailurePolicy = shape({
  rules: positionalArrayOf(
    shape<JsonObject>({
      action: string,
      onExitCodes: shape({ containerName: string, operator: string, values: arrayOf(int32) }),
      onPodConditions: arrayOf(shape({ type: string, status: string })),
    }),
  ),
});

const successPolicy = shape({
  rules: positionalArrayOf(shape<JsonObject>({ succeededIndexes: string, succeededCount: count })),
});

const jobSpec = shape({
  completions: count,
  parallelism: count,
  backoffLimit: count,
  backoffLimitPerIndex: count,
  maxFailedIndexes: count,
  activeDeadlineSeconds: positiveSeconds,
  ttlSecondsAfterFinished: count,
  suspend: boolean,
  manualSelector: boolean,
  completionMode: string,
  podReplacementPolicy: string,
  managedBy: string,
  podFailurePolicy,
  successPolicy,
});

const jobStatus = shape({
  conditions: arrayOf(condition),
  startTime: time,
  completionTime: time,
  active: count,
  ready: count,
  succeeded: count,
  failed: count,
  terminating: count,
  completedIndexes: string,
  failedIndexes: string,
  uncountedTerminatedPods: shape({ succeeded: arrayOf(string), failed: arrayOf(string) }),
});

const containerState = shape({
  waiting: shape({ reason: string, message: string }),
  running: shape({ startedAt: time }),
  terminated: shape({
    exitCode: int32,
    signal: int32,
    reason: string,
    message: string,
    startedAt: time,
    finishedAt: time,
  }),
});

const containerStatusFields = shape<{ name?: string }>({
  name: string,
  ready: boolean,
  restartCount: count,
  image: string,
  state: containerState,
  lastState: containerState,
});
/** A container status names its container; one without a name cannot be matched to anything. */
const containerStatus: Reader = (value) => {
  const read = containerStatusFields(value);
  return read?.name === undefined ? undefined : read;
};

const podStatus = shape({
  phase: string,
  reason: string,
  message: string,
  conditions: arrayOf(condition),
  startTime: time,
  containerStatuses: arrayOf(containerStatus),
  initContainerStatuses: arrayOf(containerStatus),
});

const eventFields = shape({
  involvedObject: shape({ kind: string, name: string, namespace: string, uid: string }),
  type: string,
  reason: string,
  message: string,
  count: int32,
  firstTimestamp: timeOrNull,
  lastTimestamp: timeOrNull,
  eventTime: timeOrNull,
  series: shape({ count: int32, lastObservedTime: time }),
  source: shape({ component: string }),
  reportingComponent: string,
});

/** Any Kubernetes object: apiVersion, kind and metadata typed (metadata always there), the rest as sent. */
function readObject(value: unknown): (JsonObject & { metadata: RawObjectMeta }) | undefined {
  if (!isObject(value)) return undefined;
  const object = value;
  for (const key of ['apiVersion', 'kind'] as const)
    if (Object.hasOwn(object, key) && typeof object[key] !== 'string') object[key] = undefined;
  object.metadata = objectMeta(Object.hasOwn(object, 'metadata') ? object.metadata : undefined) ?? newDecodedObject();
  if (Object.hasOwn(object, 'spec')) object.spec = anyObject(object.spec);
  return object as JsonObject & { metadata: RawObjectMeta };
}

/**
 * A decoded Kubernetes object (a CronJob, a Job, anything) with apiVersion, kind and metadata read
 * as RawObjectMeta and spec as an object, every object in it one that inherits nothing; undefined
 * when the value is not an object at all.
 */
export function toRawObject(value: unknown): (JsonObject & { metadata: RawObjectMeta }) | undefined {
  return readObject(toDecodedObjects(value));
}

/** A decoded Job as a RawJob, every object in it one that inherits nothing; undefined when it is not an object. */
export function toRawJob(value: unknown): RawJob | undefined {
  const object = toRawObject(value);
  if (!object) return undefined;
  if (Object.hasOwn(object, 'spec')) object.spec = jobSpec(object.spec);
  if (Object.hasOwn(object, 'status')) object.status = jobStatus(object.status);
  return object as RawJob;
}

/** A decoded pod as a RawPod; undefined when it is not an object. */
export function toRawPod(value: unknown): RawPod | undefined {
  const object = readObject(value);
  if (object && Object.hasOwn(object, 'status')) object.status = podStatus(object.status);
  return object as RawPod | undefined;
}

/** A decoded core/v1 Event as a RawEvent; undefined when it is not an object. */
export function toRawEvent(value: unknown): RawEvent | undefined {
  const object = readObject(value);
  return object ? (eventFields(object) as RawEvent) : undefined;
}
