export { arr, bool, has, int, isObject, type JsonObject, obj, objects, own, str, stringMap } from './decoded-access.ts';
export { isDecodedPrototype, newDecodedObject, toDecodedJsonCopy, toDecodedObjects } from './decoded-object.ts';
export { describeError, describeValue, valueText } from './describe-value.ts';
export { MAX_NESTING_DEPTH, NestingTooDeepError, nestsDeeperThan } from './nesting-depth.ts';
export {
  type RawCondition,
  type RawContainerStatus,
  type RawEvent,
  type RawJob,
  type RawJobSpec,
  type RawObjectMeta,
  type RawPod,
} from './objects.ts';
export { toRawEvent, toRawJob, toRawObject, toRawPod } from './to-raw-objects.ts';
export { humanDuration } from './human-duration.ts';
export { isRfc3339, secondsBetween, toMillis, toRfc3339 } from './timestamps.ts';
export { type IndexInterval, parseIndexesStrict, toIntervals } from './intervals.ts';
export { containerNames, isIndexed, podFailurePolicyRules, podSpecOf, restartPolicyOf } from './job-spec.ts';
export * from './job-controller/index.ts';
export {
  CRASH_LOOP_BACKOFF_BASE_SECONDS,
  CRASH_LOOP_BACKOFF_CAP_SECONDS,
  crashLoopRestartDelaySeconds,
  crashLoopSchedule,
} from './crash-loop-backoff.ts';
export { atoi, MAX_INT32 } from './go-integers.ts';
export { finishAndExpireTime } from './ttl-after-finished.ts';
export { compareQuantities, hasFractionalUnits, parseQuantity } from './quantity.ts';
export {
  DEFAULT_BACKOFF_LIMIT,
  defaultBackoffLimit,
  defaultCronJob,
  defaultJob,
  NEW_UID_SHOWN,
  PLACEHOLDER_UID,
  withoutPlaceholders,
} from './defaults.ts';
export { CONTROLLER_UID_LABELS, type StoredObject, toStoredObject } from './stored-object.ts';
export {
  complement,
  contains,
  fromIndexes,
  intersectionCount,
  type IntervalSet,
  normalize,
  subtract,
  union,
} from './interval-set.ts';
export { checkNonNegative, fieldError, type FieldError, type FieldErrorType } from './field-error.ts';
export { cloneDecoded } from './clone-decoded.ts';
export { FieldPath } from './field-path.ts';
export { cronScheduleError } from './cron.ts';
export { isKnownTimeZone } from './time-zone.ts';
export { documentDecodeProblems } from './decode-problems.ts';
export { type DecodeType, rootDecodeType } from './decode-types.ts';
export {
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  isDns1123Label,
  isHttpPath,
  qualifiedNameErrors,
} from './names.ts';
export { checkLabelSelector, selectorMatches } from './label-selector.ts';
export { checkAnnotations, checkLabels, utf8Length } from './labels.ts';
export { kubectlNumberText, recordExactInteger, yamlToJsonNumberText } from './exact-integers.ts';
export * from './pod-validation/index.ts';
export {
  fieldsAtVersion,
  GATED_FIELDS,
  KUBE_MINORS,
  KUBE_RELEASES,
  NEWEST_KUBE_MINOR,
  NOT_SERVED,
  olderThan,
  presentPaths,
  toKubeMinor,
  type KubeMinor,
} from './versions/index.ts';
export { isImmutableJobField } from './job-immutable-fields.ts';
export { toJobFromCronJob } from './job-from-cronjob.ts';
export { nextCronRuns } from './cron-next.ts';
export { applyStrategicMergePatch } from './strategic-merge-patch.ts';
export { toJobForCreate } from './job-for-create.ts';
