// The annotation, label, finalizer and controller names the Job controller writes and reads
// (k8s.io/api batch/v1 types.go; the legacy unprefixed labels from pkg/apis/batch/types.go,
// Kubernetes 1.36). One spelling for everything that names them.

/** JobCompletionIndexAnnotation: a pod's completion index; also written as a label of the same name. */
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** JobIndexFailureCountAnnotation: counted failures of the pod's index before it was created. */
export const JOB_INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';
/** JobIndexIgnoredFailureCountAnnotation: failures of the index the pod failure policy ignored. */
export const JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-ignored-failure-count';
/** JobTrackingFinalizer: a pod keeps it until the controller has counted it in the Job's status. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** CronJobScheduledTimestampAnnotation: the time a CronJob scheduled the Job for (RFC 3339). */
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** JobNameLabel and LegacyJobNameLabel: the API server puts both on a Job's pod template. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
/** ControllerUidLabel and LegacyControllerUidLabel; the generated selector uses the prefixed one. */
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

/** JobControllerName: spec.managedBy naming the built-in controller, the same as leaving it unset. */
export const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';
/** completionIndexEnvName (indexed_job_utils.go): every container of an Indexed Job's pod gets it. */
export const COMPLETION_INDEX_ENV_NAME = 'JOB_COMPLETION_INDEX';
