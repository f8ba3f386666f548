/* eslint-disable */
// Generated from schemas/*.schema.json by scripts/generate-types.ts. DO NOT EDIT.

/**
 * The output of `kubectl job-x explain -o json|yaml` (a contract: see design.md). One Job or CronJob gives one Explanation object; several (a manifest with more than one document) give a List of them, as `kubectl get -o json` does.
 */
export type ExplainOutput = Explanation | ExplanationList;

/**
 * What one Job (or the Jobs one CronJob creates) will do, as the API server and the Job controller of Kubernetes 1.36 behave.
 */
export interface Explanation {
  /**
   * The kind explained; for a CronJob, the Job fields describe the Jobs it creates.
   */
  kind: 'Job' | 'CronJob';
  /**
   * metadata.name (null when the manifest has none).
   */
  name: string | null;
  /**
   * As written in the manifest (null when absent), or the live object's namespace.
   */
  namespace: string | null;
  source: Source;
  /**
   * The API server would reject this manifest (a finding with origin apiserver and severity error). The rest of the explanation then describes the object as written, which cannot be created.
   */
  rejected: boolean;
  /**
   * NonParallel: completions 1 (one pod at a time). FixedCompletions: NonIndexed with completions other than 1. WorkQueue: completions unset, parallelism set (pods coordinate through a queue). Indexed: completionMode Indexed (static work assignment by index).
   */
  pattern: 'NonParallel' | 'FixedCompletions' | 'WorkQueue' | 'Indexed';
  pods: Pods;
  effective: Effective;
  /**
   * Names of the `effective` fields the API server filled in because the manifest left them unset. null when this cannot be known: a live Job is stored already defaulted, and without a kubectl.kubernetes.io/last-applied-configuration annotation nothing says what was written.
   */
  defaulted: string[] | null;
  retries: Retries;
  /**
   * The pod failure policy rules in order, in words; null without a policy.
   */
  podFailurePolicy: null | PodFailurePolicy;
  deadline: Deadline;
  success: Success;
  /**
   * The success policy rules in order, in words; null without a policy.
   */
  successPolicy: null | SuccessPolicy;
  afterFinish: AfterFinish;
  /**
   * For a CronJob: when it creates Jobs and which it keeps; null for a Job.
   */
  cronJob: null | CronJobSchedule;
  /**
   * Behaviour to design the pods for (from the Kubernetes Job documentation), for this spec.
   */
  warnings: Warning[];
  /**
   * The lint findings for this object, API server rejections first. Manifests are checked at the lint stage (as `kubectl job-x lint`), live objects at the admission stage (their spec is already defaulted).
   */
  findings: ExplainFinding[];
}
/**
 * Where the object came from.
 */
export interface Source {
  /**
   * manifest: explained from a file or standard input (-f); cluster: read from the API server.
   */
  type: 'manifest' | 'cluster';
  /**
   * manifest: the path as given, or <stdin>.
   */
  file?: string;
  /**
   * manifest: 0-based index of the YAML document.
   */
  document?: number;
  /**
   * manifest: 0-based index in a List's items.
   */
  item?: number;
  /**
   * cluster: the object's uid.
   */
  uid?: string;
}
/**
 * How many pods run, their names, labels and annotations.
 */
export interface Pods {
  /**
   * The most pods the controller keeps running at once: min(parallelism, completions), or parallelism for a work queue. 0 while parallelism is 0. null when unknown (a value the API server cannot decode).
   */
  atOnce: number | null;
  /**
   * Succeeded pods (Indexed: succeeded indexes) that complete the Job: completions; null for a work queue (one success, then all pods finished).
   */
  successesNeeded: number | null;
  /**
   * Indexed: the completion indexes, as an interval string such as `0-9`; null otherwise.
   */
  indexes: string | null;
  /**
   * The Job's name; for a CronJob the pattern of the Jobs it creates, `<cronjob>-<scheduled time in minutes since the epoch>`.
   */
  jobName: string;
  /**
   * The pattern of the pod names: `<job>-<random>` or, Indexed, `<job>-<index>-<random>`.
   */
  podName: string;
  /**
   * Indexed: the pods' hostname pattern `<job>-<index>`; null otherwise (the pod name).
   */
  hostname: string | null;
  /**
   * Indexed: where a pod finds its index; null otherwise.
   */
  completionIndex: null | {
    /**
     * Environment variable set in every container and init container that does not define it.
     */
    env: 'JOB_COMPLETION_INDEX';
    /**
     * Pod annotation holding the index.
     */
    annotation: 'batch.kubernetes.io/job-completion-index';
    /**
     * Pod label holding the index (PodIndexLabel, GA in 1.32).
     */
    label: 'batch.kubernetes.io/job-completion-index';
  };
  /**
   * Labels every pod gets: the template's plus the ones the API server generates (`<uid>` stands for the Job's uid when it is not known yet); Indexed pods also get the completion-index label with their index.
   */
  labels: {
    [k: string]: string;
  };
  /**
   * Annotations the Job controller adds to pods (values are descriptions such as `<index>`).
   */
  annotations: {
    [k: string]: string;
  };
  /**
   * The same in plain words.
   */
  sentences: string[];
}
/**
 * The spec after the API server's defaulting (contract).
 */
export interface Effective {
  /**
   * Successes needed (Indexed: number of indexes); null for a work queue. Defaulted to 1 when neither completions nor parallelism is set.
   */
  completions: number | null;
  /**
   * The most pods running at once; defaulted to 1.
   */
  parallelism: number | null;
  /**
   * NonIndexed (default) or Indexed.
   */
  completionMode: string | null;
  /**
   * Counted failures tolerated before the Job fails; defaulted to 6, or 2147483647 when backoffLimitPerIndex is set.
   */
  backoffLimit: number | null;
  /**
   * Counted failures tolerated per index (Indexed only); not defaulted.
   */
  backoffLimitPerIndex: number | null;
  /**
   * Failed indexes tolerated before the Job fails (with backoffLimitPerIndex); not defaulted.
   */
  maxFailedIndexes: number | null;
  /**
   * When a replacement pod may be created: Failed (the default with a podFailurePolicy) or TerminatingOrFailed (the default otherwise).
   */
  podReplacementPolicy: string | null;
  /**
   * The longest the Job may run, from its start; not defaulted.
   */
  activeDeadlineSeconds: number | null;
  /**
   * Seconds after finishing when the Job and its pods are deleted; not defaulted.
   */
  ttlSecondsAfterFinished: number | null;
  /**
   * Whether the Job starts suspended; defaulted to false.
   */
  suspend: boolean | null;
  /**
   * Whether the user manages the selector; defaulted to false.
   */
  manualSelector: boolean | null;
  /**
   * The controller that runs the Job; unset means the built-in kubernetes.io/job-controller.
   */
  managedBy: string | null;
  /**
   * spec.template.spec.restartPolicy (pod defaulting makes an unset one Always, which the API server rejects for a Job).
   */
  restartPolicy: string | null;
}
/**
 * The retry budget and backoff schedule (contract).
 */
export interface Retries {
  /**
   * Counted failures tolerated before the Job fails: the effective backoffLimit.
   */
  budget: number | null;
  /**
   * The counted failure that fails the Job with BackoffLimitExceeded: budget + 1 failed pods with restartPolicy Never; with OnFailure the budget-th container restart (at least 1).
   */
  failsAfter: number | null;
  /**
   * What counts against the budget: failed pods (not ignored by the pod failure policy), or with OnFailure also the container restarts of the running pods.
   */
  countedAs: 'failedPods' | 'containerRestarts';
  /**
   * The budget is 2147483647 (the default with backoffLimitPerIndex): no Job-wide limit in practice.
   */
  unlimited: boolean;
  /**
   * Seconds the controller waits before each retry the budget allows (entry n: after failure n+1): 10 s doubling, capped at 600 s. With OnFailure: the kubelet's wait before each container restart that counts, the last one (the restart that fails the Job) included: the first restart is immediate, then 10 s doubling, capped at 300 s.
   */
  schedule: number[];
  /**
   * The schedule lists only the first 20 retries (every later one waits the cap).
   */
  scheduleTruncated: boolean;
  /**
   * With backoffLimitPerIndex: the per-index budget; null otherwise.
   */
  perIndex: null | {
    /**
     * backoffLimitPerIndex: counted failures tolerated per index.
     */
    budget: number;
    /**
     * The counted failure of an index that marks it failed (budget + 1).
     */
    failsIndexAfter: number;
    /**
     * Seconds before each retry of one index.
     */
    schedule: number[];
    /**
     * More failed indexes than this fail the Job at once (MaxFailedIndexesExceeded); null: every index runs, and any failed index fails the Job at the end (FailedIndexes).
     */
    maxFailedIndexes: number | null;
  };
  /**
   * The same in plain words.
   */
  sentences: string[];
}
export interface PodFailurePolicy {
  /**
   * spec.podFailurePolicy.rules in order.
   */
  rules: PodFailurePolicyRule[];
  /**
   * How the rules are applied.
   */
  sentences: string[];
}
export interface PodFailurePolicyRule {
  /**
   * Position in spec.podFailurePolicy.rules (the controller's messages say `rule at index <i>`).
   */
  index: number;
  /**
   * FailJob, FailIndex, Ignore or Count as written.
   */
  action: string | null;
  /**
   * The exit-code matcher; null when the rule matches pod conditions.
   */
  onExitCodes: null | {
    /**
     * null: any container or init container.
     */
    containerName: string | null;
    /**
     * In or NotIn.
     */
    operator: string | null;
    /**
     * The exit codes (integers as written).
     */
    values: number[];
  };
  /**
   * The pod-condition patterns (any one matches); null when the rule matches exit codes.
   */
  onPodConditions:
    | null
    | {
        /**
         * The pod condition type, e.g. DisruptionTarget.
         */
        type: string | null;
        /**
         * After defaulting (True when unset).
         */
        status: string;
      }[];
  /**
   * The rule in plain words.
   */
  sentence: string;
}
/**
 * activeDeadlineSeconds and what it does.
 */
export interface Deadline {
  /**
   * The effective spec.activeDeadlineSeconds.
   */
  activeDeadlineSeconds: number | null;
  /**
   * What the deadline (or its absence) means, in plain words.
   */
  sentences: string[];
}
/**
 * When the Job succeeds.
 */
export interface Success {
  /**
   * The reason of the SuccessCriteriaMet and Complete conditions it will get.
   */
  reason: 'CompletionsReached' | 'SuccessPolicy';
  /**
   * When the Job succeeds, in plain words.
   */
  sentences: string[];
}
export interface SuccessPolicy {
  /**
   * spec.successPolicy.rules in order.
   */
  rules: {
    /**
     * Position in the rules (the condition message says `Matched rules at index <i>`).
     */
    index: number;
    /**
     * The indexes that must succeed, as written.
     */
    succeededIndexes: string | null;
    /**
     * How many (of succeededIndexes, or of all indexes) must succeed.
     */
    succeededCount: number | null;
    /**
     * The rule in plain words.
     */
    sentence: string;
  }[];
  /**
   * How the rules are applied.
   */
  sentences: string[];
}
/**
 * What happens to the Job and its pods once it finished: TTL, history limits, pods left behind.
 */
export interface AfterFinish {
  /**
   * Seconds after finishing (Complete or Failed) when the TTL controller deletes the Job and its pods; null: nothing deletes it (a CronJob's history limits do, for Jobs it created).
   */
  ttlSecondsAfterFinished: number | null;
  /**
   * In plain words.
   */
  sentences: string[];
}
export interface CronJobSchedule {
  /**
   * The cron schedule as written.
   */
  schedule: string | null;
  /**
   * null: the kube-controller-manager's local time zone.
   */
  timeZone: string | null;
  /**
   * Allow (default), Forbid or Replace.
   */
  concurrencyPolicy: string | null;
  /**
   * How late a run may start; null: no limit.
   */
  startingDeadlineSeconds: number | null;
  /**
   * Successful Jobs kept (default 3).
   */
  successfulJobsHistoryLimit: number | null;
  /**
   * Failed Jobs kept (default 1).
   */
  failedJobsHistoryLimit: number | null;
  /**
   * Whether the CronJob is suspended (default false).
   */
  suspend: boolean | null;
  /**
   * CronJob fields the API server defaulted; null when this cannot be known (a live CronJob without a last-applied-configuration annotation).
   */
  defaulted: string[] | null;
  /**
   * In plain words.
   */
  sentences: string[];
}
export interface Warning {
  /**
   * A stable kebab-case id, e.g. pod-may-run-twice, concurrent-pods, on-failure-loses-logs.
   */
  id: string;
  /**
   * In plain words.
   */
  message: string;
}
export interface ExplainFinding {
  /**
   * The rule (`kubectl job-x rules <ruleId>`).
   */
  ruleId: string;
  /**
   * error, warning or info.
   */
  severity: 'error' | 'warning' | 'info';
  /**
   * apiserver + error: the API server rejects the object.
   */
  origin: 'apiserver' | 'policy';
  /**
   * Field path as the API server prints it.
   */
  path: string;
  /**
   * What the rule found.
   */
  message: string;
  /**
   * For apiserver errors: the field error type the API server reports.
   */
  type?:
    | 'Required'
    | 'Invalid'
    | 'NotSupported'
    | 'NotFound'
    | 'Duplicate'
    | 'TooMany'
    | 'TooLong'
    | 'Forbidden'
    | 'TypeInvalid';
  /**
   * The rule's fix (`kubectl job-x rules <ruleId>`).
   */
  remediation: string | null;
  /**
   * The documentation behind the rule.
   */
  url: string | null;
}
export interface ExplanationList {
  /**
   * Always List: several Jobs or CronJobs were explained.
   */
  kind: 'List';
  /**
   * One explanation per Job or CronJob (two or more), in the order of the documents.
   */
  items: Explanation[];
}
