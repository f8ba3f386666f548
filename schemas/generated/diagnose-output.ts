/* eslint-disable */
// Generated from schemas/*.schema.json by scripts/generate-types.ts. DO NOT EDIT.

/**
 * The output of `kubectl job-x diagnose NAME -o json` (a contract: see design.md): a Job's diagnosis (definitions/DiagnoseOutput), or, for `diagnose cronjob/NAME` of a CronJob that owns no Job, the CronJob's view alone (definitions/CronJobWithoutJob).
 */
export type DiagnoseDocument = DiagnoseOutput | CronJobWithoutJob;

/**
 * The output of `kubectl job-x diagnose NAME -o json` (a contract: see design.md): what state a Job is in, why, the evidence, and what to change. Computed from one snapshot (the Job, its pods and their Events) by replaying the decisions of the Kubernetes 1.36 Job controller (pkg/controller/job). Every key is always present (null when it does not apply), in this order.
 */
export interface DiagnoseOutput {
  /**
   * Which Job was diagnosed.
   */
  job: {
    /**
     * The Job's namespace.
     */
    namespace: string;
    /**
     * The Job's name.
     */
    name: string;
    /**
     * metadata.uid; null when the snapshot lacks it.
     */
    uid: string | null;
    /**
     * metadata.creationTimestamp (RFC 3339).
     */
    createdAt: string | null;
    /**
     * The controlling owner (a CronJob for scheduled Jobs), or null.
     */
    owner: {
      /**
       * Owner kind, e.g. CronJob.
       */
      kind: string;
      /**
       * Owner name.
       */
      name: string;
    } | null;
  };
  /**
   * When the snapshot was taken (RFC 3339): every duration and "in N seconds" below is computed against it.
   */
  now: string;
  /**
   * Complete / Failed: the terminal condition is set. Completing / Failing: the controller has decided (condition SuccessCriteriaMet / FailureTarget) and waits for pods to terminate before it sets Complete / Failed. Suspended: spec.suspend is true. Stuck: not finished and no pod can make progress without a change (see reason). Running: anything else.
   */
  state: 'Complete' | 'Completing' | 'Failed' | 'Failing' | 'Running' | 'Suspended' | 'Stuck';
  /**
   * Why the Job is in its state. For Complete, Completing, Failed and Failing: the Kubernetes condition reason (CompletionsReached, SuccessPolicy, BackoffLimitExceeded, DeadlineExceeded, PodFailurePolicy, MaxFailedIndexesExceeded, FailedIndexes; null if the condition has none, as before Kubernetes 1.31). Suspended: JobSuspended. Otherwise a job-x code: PodsUnschedulable (pods Pending with PodScheduled=False Unschedulable), PodsSchedulingGated (scheduling gates never removed), PodsNotScheduled (unbound for a minute or more with no scheduler decision: no scheduler serves its schedulerName, or it is overloaded), PodsNotStarting (bound to a node for two minutes or more without any status from its kubelet), ImagePullFailing (ErrImagePull, ImagePullBackOff, InvalidImageName...), ContainerConfigError (CreateContainerConfigError, CreateContainerError: a missing Secret/ConfigMap key...), VolumeMountFailing (FailedMount events on a pod still creating its containers), PodCreationFailing (FailedCreate events on the Job: ResourceQuota, LimitRange, admission webhooks, PodSecurity), ParallelismZero (spec.parallelism 0), ManagedElsewhere (spec.managedBy names another controller; the built-in Job controller ignores the Job), PodsStuckTerminating (pods past their grace period still terminating, and the Job waits for them), WaitingForBackoff (no pod runs while the controller waits out the failure backoff), Retrying (Running, with failures counted against the retry budget); null for a Running Job with nothing to report.
   */
  reason: string | null;
  /**
   * The diagnosis in one line, as the text output's first line.
   */
  verdict: string;
  /**
   * status.conditions as the controller wrote them, in order.
   */
  conditions: {
    /**
     * Condition type: Suspended, FailureTarget, Failed, SuccessCriteriaMet or Complete.
     */
    type: string;
    /**
     * True, False or Unknown.
     */
    status: string;
    /**
     * The condition reason.
     */
    reason: string | null;
    /**
     * The condition message.
     */
    message: string | null;
    /**
     * When the condition last changed (RFC 3339).
     */
    lastTransitionTime: string | null;
  }[];
  /**
   * The Job's counters (spec and status) that the diagnosis is measured against.
   */
  progress: {
    /**
     * NonIndexed or Indexed.
     */
    completionMode: string;
    /**
     * spec.completions; null for a work-queue Job.
     */
    completions: number | null;
    /**
     * spec.parallelism (defaulted 1).
     */
    parallelism: number;
    /**
     * status.succeeded (for Indexed Jobs: succeeded indexes).
     */
    succeeded: number;
    /**
     * status.failed: failed pods the controller counted (pods ignored by the pod failure policy are not).
     */
    failed: number;
    /**
     * status.active: Pending and Running pods not being deleted.
     */
    active: number;
    /**
     * status.ready.
     */
    ready: number;
    /**
     * status.terminating: pods being deleted that have not finished.
     */
    terminating: number;
    /**
     * status.completedIndexes (Indexed Jobs), in the API's 1,3-5 form; null for NonIndexed Jobs.
     */
    completedIndexes: string | null;
    /**
     * status.failedIndexes (only with backoffLimitPerIndex); null otherwise.
     */
    failedIndexes: string | null;
    /**
     * Pods of the Job present in the snapshot (the attempts).
     */
    podsFound: number;
  };
  /**
   * The decisive pod failure policy match: the FailJob match that failed (or is failing) the Job, or for FailedIndexes / MaxFailedIndexesExceeded the first FailIndex match; null when the pod failure policy did not decide the outcome.
   */
  podFailurePolicy: {
    /**
     * Index in spec.podFailurePolicy.rules.
     */
    matchedRule: number;
    /**
     * The rule's action.
     */
    action: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
    /**
     * The pod that matched.
     */
    pod: string;
    /**
     * The container whose exit code matched (onExitCodes rules; may be an init container); null for onPodConditions rules.
     */
    container: string | null;
    /**
     * The exit code that matched; null for onPodConditions rules.
     */
    exitCode: number | null;
    /**
     * The pod condition type that matched (onPodConditions rules); null for onExitCodes rules.
     */
    condition: string | null;
    /**
     * The controller's message for the match (the condition message when the Job carries it).
     */
    message: string;
  } | null;
  /**
   * spec.podFailurePolicy replayed over every failed pod as the controller does (matchPodFailurePolicy: rules in order, first match wins); null when the Job has no pod failure policy.
   */
  policyReplay: {
    /**
     * One entry per rule, in order.
     */
    rules: {
      /**
       * Index in spec.podFailurePolicy.rules.
       */
      rule: number;
      /**
       * The rule's action (FailJob, FailIndex, Ignore, Count).
       */
      action: string;
      /**
       * What the rule matches, in words (e.g. `exit code In [42] of container main`).
       */
      on: string;
      /**
       * Failed pods this rule matched (first match wins).
       */
      pods: string[];
    }[];
    /**
     * Failed pods no rule matched: counted by default. Pods the controller stopped because the Job had already failed are left out unless a rule matched them.
     */
    unmatched: string[];
  } | null;
  /**
   * Retry accounting against backoffLimit (or backoffLimitPerIndex) and the failure backoff.
   */
  retries: {
    /**
     * The effective spec.backoffLimit: the Job fails once more failures than this are counted (default 6; 2147483647 with backoffLimitPerIndex).
     */
    budget: number;
    /**
     * Failures counted against the budget: status.failed.
     */
    counted: number;
    /**
     * Failed pods in the snapshot that an Ignore rule of the pod failure policy kept out of the count.
     */
    ignored: number;
    /**
     * Further counted failures (or, with restartPolicy OnFailure, container restarts) the Job tolerates before it fails with BackoffLimitExceeded; null once the Job is finished or failing.
     */
    remaining: number | null;
    /**
     * restartPolicy OnFailure only: container restarts of Pending and Running pods, which the controller counts against backoffLimit too (pastBackoffLimitOnFailure: it fails the Job when they reach backoffLimit, or 1 when backoffLimit is 0). For a Job that failed that way, at least that many, even when its pods are gone. null otherwise.
     */
    restartsCounted: number | null;
    /**
     * backoffLimitPerIndex accounting (Indexed Jobs); null when unset.
     */
    perIndex: {
      /**
       * spec.backoffLimitPerIndex: counted failures an index tolerates; the next one fails the index.
       */
      limit: number;
      /**
       * spec.maxFailedIndexes; the Job fails once more indexes than this failed.
       */
      maxFailedIndexes: number | null;
      /**
       * status.failedIndexes.
       */
      failedIndexes: string;
      /**
       * Number of failed indexes.
       */
      failedIndexCount: number;
      /**
       * Indexes with at least one failure, by index.
       */
      indexes: {
        /**
         * The completion index.
         */
        index: number;
        /**
         * Counted failures of the index (job-index-failure-count of its newest pod, plus that pod when it failed and counted).
         */
        counted: number;
        /**
         * Failures of the index ignored by the pod failure policy.
         */
        ignored: number;
        /**
         * Whether the index is in status.failedIndexes.
         */
        failed: boolean;
        /**
         * Seconds until the controller may create the index's replacement pod (per-index backoff); null when no replacement is pending.
         */
        nextRetryInSeconds: number | null;
      }[];
    } | null;
    /**
     * Failed pods in the snapshot that finished after the last succeeded one (ignored failures included): what the controller's backoff grows with. The controller keeps this count in memory; pods already deleted are not seen here.
     */
    failuresSinceLastSuccess: number;
    /**
     * Seconds until the controller may create the next replacement pod (10 s doubling per failure since the last success, capped at 600 s, counted from the last failure); 0 when it may now; null when no replacement is due (finished, failing, nothing failed, or pods still running).
     */
    nextRetryInSeconds: number | null;
  };
  /**
   * spec.activeDeadlineSeconds against status.startTime; null when unset. Suspension clears startTime and resuming resets it, so the deadline restarts.
   */
  deadline: {
    /**
     * spec.activeDeadlineSeconds.
     */
    activeDeadlineSeconds: number;
    /**
     * status.startTime; null before the first start and while suspended.
     */
    startTime: string | null;
    /**
     * Seconds from startTime until now, or until the controller decided the outcome for a finished Job.
     */
    elapsedSeconds: number | null;
    /**
     * Seconds left before the controller fails the Job with DeadlineExceeded; null when finished or not started.
     */
    remainingSeconds: number | null;
    /**
     * Whether the deadline has passed (or failed the Job).
     */
    exceeded: boolean;
  } | null;
  /**
   * One entry per pod of the Job in the snapshot, oldest first.
   */
  attempts: Attempt[];
  /**
   * The facts that prove the verdict, most important first.
   */
  evidence: {
    /**
     * What the fact is, for scripts: the message is written from it (and its values), and may be reworded; the code stays.
     */
    code:
      | 'condition'
      | 'event'
      | 'success-policy-rule'
      | 'restarts-counted'
      | 'backoff-limit-exceeded'
      | 'success-policy-race'
      | 'deadline-from-start'
      | 'max-failed-indexes-exceeded'
      | 'failed-indexes'
      | 'failure-group'
      | 'policy-match'
      | 'decisive-match'
      | 'suspended'
      | 'deadline-paused'
      | 'kueue-queued'
      | 'managed-elsewhere'
      | 'untouched'
      | 'job-deleting'
      | 'parallelism-zero'
      | 'pod-creations-refused'
      | 'pod-stuck-terminating'
      | 'pod-waiting'
      | 'pod-terminating'
      | 'ttl-deletes';
    /**
     * Where the fact comes from.
     */
    kind: 'condition' | 'event' | 'pod' | 'status' | 'spec' | 'policy';
    /**
     * The fact, in words (Kubernetes messages quoted as they are).
     */
    message: string;
    /**
     * The object it is about, e.g. pod/pi-x7k2q or job/pi.
     */
    object: string | null;
    /**
     * When it happened (RFC 3339), if known.
     */
    at: string | null;
  }[];
  /**
   * Pods that failed or ran but are no longer there to inspect, and why; null when nothing is missing.
   */
  evidenceGone: {
    /**
     * status.failed minus the failed, counted pods still present.
     */
    missingFailedPods: number;
    /**
     * Pods the Events name that no longer exist.
     */
    pods: {
      /**
       * The pod name.
       */
      pod: string;
      /**
       * The earliest Event about it (its creation or scheduling).
       */
      firstSeenAt: string | null;
      /**
       * When its container started, from the kubelet's Started Event; null when there is none.
       */
      startedAt: string | null;
      /**
       * When the Job controller deleted it, from its SuccessfulDelete Event; null when unknown.
       */
      deletedAt: string | null;
      /**
       * job-controller when a SuccessfulDelete event says the Job controller deleted it; null when unknown.
       */
      deletedBy: string | null;
      /**
       * The pod's latest Event (for the kubelet's view of how it ended).
       */
      lastEvent: {
        /**
         * Event reason.
         */
        reason: string | null;
        /**
         * Event message.
         */
        message: string | null;
        /**
         * Event time.
         */
        at: string | null;
        /**
         * How many times it occurred.
         */
        count: number;
      } | null;
    }[];
    /**
     * Why the pods are gone, most likely first.
     */
    why: string[];
  } | null;
  /**
   * spec.ttlSecondsAfterFinished: when the TTL controller deletes the finished Job and its pods; null when unset.
   */
  ttl: {
    /**
     * spec.ttlSecondsAfterFinished.
     */
    seconds: number;
    /**
     * Finish time plus the TTL; null while the Job is not finished.
     */
    deletesAt: string | null;
    /**
     * Seconds from now until then (0 when due); null while not finished.
     */
    deletesInSeconds: number | null;
  } | null;
  /**
   * What to change, most useful first. Empty for a Job with nothing wrong.
   */
  suggestions: {
    /**
     * What the suggestion is, for scripts: the message is written from it, and may be reworded; the code stays.
     */
    code:
      | 'read-logs'
      | 'count-instead-of-fail-job'
      | 'raise-backoff-limit-for-success-policy'
      | 'allow-more-time'
      | 'fail-index-on-exit'
      | 'more-attempts-per-index'
      | 'raise-max-failed-indexes'
      | 'raise-parallelism'
      | 'resource-quota'
      | 'fewer-pods-for-quota'
      | 'admission-webhook-denies'
      | 'admission-policy-denies'
      | 'pod-security-refuses'
      | 'limit-range'
      | 'fix-failed-create'
      | 'unschedulable'
      | 'node-selector-matches-no-node'
      | 'scheduler-not-acting'
      | 'node-not-reporting'
      | 'scheduling-gates-stay'
      | 'fix-image'
      | 'container-config'
      | 'volume-mount'
      | 'set-active-deadline'
      | 'check-external-controller'
      | 'recreate-without-managed-by'
      | 'ask-kueue'
      | 'resume'
      | 'force-delete-stuck-pod'
      | 'check-finalizers'
      | 'replace-terminating-at-once'
      | 'restart-policy-never'
      | 'fail-job-on-exit'
      | 'count-rule-to-fail-job'
      | 'raise-memory-limit'
      | 'set-memory-limits'
      | 'oom-outside-template'
      | 'ignore-disruptions'
      | 'keep-logs'
      | 'keep-failed-jobs-longer'
      | 'keep-more-failed-jobs';
    /**
     * The suggestion, in words, ending with a period.
     */
    message: string;
    /**
     * The field path the suggestion changes, e.g. spec.podFailurePolicy; null for a command.
     */
    field: string | null;
    /**
     * A strategic merge patch of the Job (kubectl patch --type=strategic; for a CronJob put its spec under spec.jobTemplate). List values are complete (e.g. all podFailurePolicy rules).
     */
    patch: {
      [k: string]: unknown;
    } | null;
    /**
     * true: the field can be changed on the existing Job; false: it is immutable, so create a new Job; null for a command.
     */
    mutable: boolean | null;
    /**
     * Commands to run, one per line, e.g. kubectl logs ...; null when the suggestion is a spec change.
     */
    command: string | null;
  }[];
  /**
   * The last lines of the most recent failed container, when they could be read (the first of logTails, without its run details).
   */
  logTail: {
    /**
     * The pod.
     */
    pod: string;
    /**
     * The container.
     */
    container: string;
    /**
     * Oldest first.
     */
    lines: string[];
  } | null;
  /**
   * The log tails of the last failed container runs, most recent first: one by default (the same as logTail), the last N failed attempts with --logs N (each at most 20 lines and 64 KiB; a run whose log the cluster cannot give is left out). Empty when none could be read.
   */
  logTails: {
    /**
     * The pod.
     */
    pod: string;
    /**
     * The container.
     */
    container: string;
    /**
     * true: the container's run before its last restart (kubectl logs --previous); false: its latest run; null when the snapshot does not say (saved before --logs).
     */
    previous: boolean | null;
    /**
     * When that run finished (RFC 3339); null when the snapshot does not say.
     */
    finishedAt: string | null;
    /**
     * Oldest first.
     */
    lines: string[];
  }[];
  /**
   * A ready manifest to run the Job again (`kubectl job-x diagnose NAME --recreate-manifest | kubectl create -f -`): the suggestions' patches applied and what the API server set removed (status, uid, resourceVersion, creationTimestamp, managedFields, ownerReferences, the generated selector and the controller-uid / job-name labels). The new Job gets a generated name (metadata.generateName), so the failed one stays as evidence. An Indexed Job with backoffLimitPerIndex re-runs only its undone indexes, one Job per index, where its template allows it. null unless the Job failed, is failing, or has a suggested fix of an immutable field (mutable false), which only a new Job can take.
   */
  recreate: {
    /**
     * The command that prints the manifest and creates it.
     */
    command: string;
    /**
     * job: one new Job like the old one; indexes: one Job per index left undone (completions 1, JOB_COMPLETION_INDEX set to the index in every container).
     */
    scope: 'job' | 'indexes';
    /**
     * The indexes re-run, in the API's 1,3-5 form (scope indexes); null for scope job.
     */
    indexes: string | null;
    /**
     * The suggestions whose patches the manifest has applied, in order, by their code (suggestions[].code).
     */
    fixes: string[];
    /**
     * What to know before creating it: why the indexes are not re-run one by one, what the new Job does not keep.
     */
    notes: {
      /**
       * What the note is, for scripts.
       */
      code:
        | 'index-from-env-only'
        | 'reads-index-downward-api'
        | 'uses-subdomain'
        | 'too-many-indexes'
        | 'dropped-for-one-index'
        | 'owner-dropped'
        | 'manual-selector-kept'
        | 'fix-by-hand'
        | 'no-fix';
      /**
       * The note, in words.
       */
      message: string;
    }[];
    /**
     * A batch/v1 Job, or a v1 List of Jobs (one per index), for kubectl create (not apply: it has a generateName).
     */
    manifest: {
      [k: string]: unknown;
    };
  } | null;
  /**
   * diagnose cronjob/NAME: the CronJob itself (its latest Job's diagnosis is the rest of the output); null for a Job named directly, a sweep or the snapshot of a Job. A CronJob that has no Job (none started yet, or all removed) gives the shorter output of definitions/CronJobWithoutJob instead.
   */
  cronjob: null | DiagnoseCronJob;
}
/**
 * One pod of the Job: one attempt (for an Indexed Job, one attempt of its index).
 */
export interface Attempt {
  /**
   * Pod name.
   */
  pod: string;
  /**
   * Completion index (Indexed Jobs), from the batch.kubernetes.io/job-completion-index annotation; null otherwise.
   */
  index: number | null;
  /**
   * status.phase: Pending, Running, Succeeded, Failed.
   */
  phase: string | null;
  /**
   * spec.nodeName; null when not scheduled.
   */
  node: string | null;
  /**
   * metadata.creationTimestamp.
   */
  createdAt: string | null;
  /**
   * When its first container started (status.startTime when none did).
   */
  startedAt: string | null;
  /**
   * When it finished: the latest finish of its containers (init containers included), else as the controller reckons it (getFinishedTime: the Ready=False transition, else the deletion time); null until it has finished.
   */
  finishedAt: string | null;
  /**
   * Exit code of the container that decided the outcome: the one the pod failure policy matched, else the first container (then init container) that exited non-zero, else the first terminated one; null when none terminated.
   */
  exitCode: number | null;
  /**
   * Why it ended or waits: the container's terminated reason (Error, OOMKilled, Completed...), the pod's status.reason (Evicted, DeadlineExceeded...) when the containers say nothing, a waiting reason (ImagePullBackOff, CrashLoopBackOff...), or Unschedulable / SchedulingGated.
   */
  reason: string | null;
  /**
   * The container exitCode and reason belong to.
   */
  container: string | null;
  /**
   * The termination message (terminationMessagePath / FallbackToLogsOnError), waiting message or scheduling message.
   */
  message: string | null;
  /**
   * Sum of restartCount over containers and init containers (restartPolicy OnFailure restarts in place).
   */
  restarts: number;
  /**
   * The previous run of a restarted container (lastState.terminated); null without restarts.
   */
  lastTermination: {
    /**
     * The container that restarted.
     */
    container: string;
    /**
     * Its exit code.
     */
    exitCode: number | null;
    /**
     * Its reason.
     */
    reason: string | null;
    /**
     * When it ended.
     */
    finishedAt: string | null;
  } | null;
  /**
   * The pod's DisruptionTarget=True condition: it was evicted, preempted or deleted by the system; null otherwise.
   */
  disruption: {
    /**
     * EvictionByEvictionAPI, PreemptionByScheduler, DeletionByTaintManager, DeletionByPodGC or TerminationByKubelet.
     */
    reason: string | null;
    /**
     * The condition message.
     */
    message: string | null;
  } | null;
  /**
   * metadata.deletionTimestamp (the end of its grace period); null when not being deleted.
   */
  deletedAt: string | null;
  /**
   * Being deleted and not finished (counted in status.terminating).
   */
  terminating: boolean;
  /**
   * Whether the controller treats it as failed: phase Failed; or, with podReplacementPolicy TerminatingOrFailed and no pod failure policy, being deleted without having succeeded; or still running when the Job was decided failed.
   */
  failed: boolean;
  /**
   * Whether the failure counts against the retry budget (false when an Ignore rule matched, or when the pod was stopped after the Job succeeded); null when it did not fail.
   */
  counted: boolean | null;
  /**
   * The pod failure policy rule that matched this failed pod; null when none matched or there is no policy.
   */
  policyRule: number | null;
  /**
   * That rule's action (FailJob, FailIndex, Ignore, Count); null when none matched.
   */
  policyAction: string | null;
  /**
   * The batch.kubernetes.io/job-index-failure-count annotation: counted failures of the index before this pod (backoffLimitPerIndex only).
   */
  indexFailureCount: number | null;
  /**
   * What else matters about this attempt, in words (e.g. deleted by the Job controller when the Job failed).
   */
  note: string | null;
}
/**
 * The CronJob of diagnose cronjob/NAME: its schedule, status, missed start times, Jobs and Events.
 */
export interface DiagnoseCronJob {
  /**
   * The CronJob's name.
   */
  name: string;
  /**
   * spec.schedule.
   */
  schedule: string | null;
  /**
   * spec.timeZone; null: the controller's (UTC on most clusters).
   */
  timeZone: string | null;
  /**
   * spec.suspend: no new Job is started while true.
   */
  suspended: boolean;
  /**
   * spec.concurrencyPolicy (Allow, Forbid, Replace).
   */
  concurrencyPolicy: string | null;
  /**
   * status.lastScheduleTime: the last time a Job was started.
   */
  lastScheduleTime: string | null;
  /**
   * status.lastSuccessfulTime: when a Job of it last completed.
   */
  lastSuccessfulTime: string | null;
  /**
   * The next 3 start times (RFC 3339, UTC) after now; empty when suspended, or when the schedule never fires or cannot be computed (@every).
   */
  nextRuns: string[];
  /**
   * Start times that started no Job, newest last, and why.
   */
  missedRuns: {
    /**
     * The start time (RFC 3339), or the Event's time when the controller gave none.
     */
    time: string;
    /**
     * controller-down: a start time passed with no Job and no word from the CronJob controller (not running, or far behind); starting-deadline-passed: the controller saw it after startingDeadlineSeconds (its MissSchedule Event); too-many-missed: more than 100 start times were missed (its TooManyMissedTimes Event); forbid-skip: concurrencyPolicy Forbid skipped it while a Job was active (JobAlreadyActive); replace-deleted: concurrencyPolicy Replace deleted the running Job to start the next (SuccessfulDelete).
     */
    why: 'controller-down' | 'starting-deadline-passed' | 'too-many-missed' | 'forbid-skip' | 'replace-deleted';
    /**
     * What happened, in words (the controller's own message where it gave one).
     */
    message: string;
  }[];
  /**
   * status.active: the names of the Jobs running now.
   */
  active: string[];
  /**
   * The CronJob's last Jobs still in the cluster (--history N, default 5), newest first.
   */
  history: {
    /**
     * The Job's name.
     */
    job: string;
    /**
     * From the Job's conditions and spec.suspend.
     */
    state: 'Complete' | 'Completing' | 'Failed' | 'Failing' | 'Running' | 'Suspended';
    /**
     * The reason of its Complete, Failed, SuccessCriteriaMet or FailureTarget condition.
     */
    reason: string | null;
    /**
     * When it finished (completionTime, or the Failed condition's time).
     */
    finished: string | null;
  }[];
  /**
   * How many finished Jobs the controller keeps.
   */
  historyLimits: {
    /**
     * spec.successfulJobsHistoryLimit (default 3).
     */
    successful: number;
    /**
     * spec.failedJobsHistoryLimit (default 1).
     */
    failed: number;
  };
  /**
   * spec.jobTemplate.spec.ttlSecondsAfterFinished: finished Jobs are deleted after it, whatever the history limits.
   */
  ttlSecondsAfterFinished: number | null;
  /**
   * The CronJob's Events, oldest first: the controller's word on each start time (SuccessfulCreate, JobAlreadyActive, MissSchedule, SuccessfulDelete, SawCompletedJob, UnknownTimeZone, InvalidSchedule, FailedCreate, ...).
   */
  events: {
    /**
     * When it last happened (lastTimestamp, else eventTime, else its creation; RFC 3339).
     */
    time: string | null;
    /**
     * Normal or Warning.
     */
    type: string | null;
    /**
     * The controller's reason, e.g. JobAlreadyActive.
     */
    reason: string | null;
    /**
     * The controller's message.
     */
    message: string | null;
    /**
     * How many times it happened (1 when the Event does not say).
     */
    count: number;
  }[];
  /**
   * What else matters: suspension and what resuming does, the TTL against the history limits, a schedule that never fires, how to start a Job by hand when there is none.
   */
  notes: string[];
}
/**
 * The output of diagnose cronjob/NAME -o json for a CronJob that owns no Job (it has not started one yet, or its history limits or TTL removed them all): the exit code is 0, as for any diagnosis.
 */
export interface CronJobWithoutJob {
  /**
   * No Job to diagnose.
   */
  job: null;
  /**
   * When the CronJob was fetched (RFC 3339): every time below is measured against it.
   */
  now: string;
  /**
   * Why there is no Job, in one line, as the text output's last line.
   */
  verdict: string;
  cronjob: DiagnoseCronJob;
}
