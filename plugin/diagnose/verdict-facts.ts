// The verdict as data: what the decision found, with the numbers and names that prove it.
// wording/verdict-words.ts turns it into the one line users read first. Durations are seconds,
// index sets are the API's interval strings (`1,3-5`), pods are names.
import type { BlockerReason } from './blockers.ts';
import type { FailureHow } from './failure-groups.ts';

export type VerdictFact =
  | {
      code: 'succeeded';
      state: 'Complete' | 'Completing';
      what: SuccessFact;
      /** Pods present plus pods the Events name. */
      attempts: number;
      /** status.failed. */
      failed: number;
      ignored: IgnoredFact | null;
      /** Container restarts under restartPolicy OnFailure (null under Never). */
      restarts: number | null;
      /** Completing only. */
      waiting: WaitingFact | null;
    }
  | { code: 'failed'; state: 'Failed' | 'Failing'; why: FailedWhy; waiting: WaitingFact | null }
  | { code: 'suspended'; forSeconds: number | null; kueue: { queue: string | null } | null; terminating: number }
  | { code: 'managed-untouched'; by: string; ageSeconds: number | null }
  | { code: 'managed-running'; by: string; progress: ProgressFact }
  | { code: 'blocked'; stuck: boolean; progress: ProgressFact; blocker: BlockerFact }
  | {
      code: 'waiting-for-backoff';
      nextSeconds: number;
      failuresSinceLastSuccess: number;
      failures: RunningFailuresFact;
      progress: ProgressFact;
    }
  | { code: 'running'; progress: ProgressFact; failures: RunningFailuresFact };

export type SuccessFact =
  | { by: 'success-policy'; rule: string | null; indexed: boolean; succeeded: number; completedIndexes: string }
  | { by: 'work-queue'; succeeded: number }
  | { by: 'completions'; succeeded: number; completions: number };

/** Why a Job failed (or is failing), by its condition reason. */
export type FailedWhy =
  | {
      code: 'restarts-reached-backoff-limit';
      backoffLimit: number;
      container: string | null;
      restarts: number;
      last: { exitCode: number | null; reason: string | null } | null;
    }
  | {
      code: 'backoff-limit-exceeded';
      backoffLimit: number;
      counted: number;
      failures: FailuresFact;
      /** Counted failures that left no pod. */
      leftNoPod: number;
      ignored: IgnoredFact | null;
      race: { rule: number; succeeded: number; completedIndexes: string } | null;
    }
  | {
      code: 'deadline-exceeded';
      activeDeadlineSeconds: number | null;
      ranSeconds: number | null;
      succeeded: number;
      completions: number | null;
      killed: number;
      neverStarted: number;
    }
  | { code: 'pod-failure-policy'; decisive: DecisiveFact }
  | { code: 'pod-failure-policy-unread'; message: string }
  | {
      code: 'failed-indexes';
      reason: 'FailedIndexes' | 'MaxFailedIndexesExceeded';
      count: number;
      failedIndexes: string;
      maxFailedIndexes: number | null;
      backoffLimitPerIndex: number;
      /**
       * The pod failure policy rule (its number) with action FailIndex that failed every failed
       * index at once, attempts left or not; null when an index spent its backoffLimitPerIndex.
       */
      failIndexRule: number | null;
      /** How the failed indexes' attempts failed, when they all failed alike. */
      alike: { how: FailureHow; pods: number } | null;
      succeeded: number;
      completedIndexes: string;
    }
  | { code: 'condition-message'; message: string };

/** The pod failure policy match that decided, with what the pod shows about it. */
export interface DecisiveFact {
  rule: number;
  action: string;
  pod: string;
  container: string | null;
  exitCode: number | null;
  condition: string | null;
  initContainer: boolean;
  /** The pod's terminated reason (OOMKilled...). */
  podReason: string | null;
  disruptionReason: string | null;
}

/** Failures a pod failure policy Ignore rule kept out of the count. */
export interface IgnoredFact {
  count: number;
  /** Every one of them was a disruption (DisruptionTarget). */
  disruptions: boolean;
  rules: number[];
}

/** The counted failures, grouped by how they failed. */
export interface FailuresFact {
  groups: { how: FailureHow; pods: number }[];
  total: number;
}

/** A Job the controller has decided, waiting for its pods to terminate. */
export interface WaitingFact {
  count: number;
  /** The pod most overdue. */
  worst: { pod: string; overdueSeconds: number } | null;
}

export interface ProgressFact {
  indexed: boolean;
  completions: number | null;
  succeeded: number;
  completedIndexes: string | null;
  active: number;
  ready: number;
  terminating: number;
  /** podReplacementPolicy when it waits for terminating pods (onlyReplaceFailedPods). */
  replacementWaits: string | null;
  /** Seconds left before activeDeadlineSeconds (≤ 0: past it); null when it does not run. */
  deadlineLeftSeconds: number | null;
}

/** What a running Job has spent of its retry budget. */
export interface RunningFailuresFact {
  restarts: {
    count: number;
    backoffLimit: number;
    last: { container: string; exitCode: number | null; reason: string | null } | null;
  } | null;
  perIndex: { failedCount: number; failedIndexes: string; retried: number; retriedIndexes: string } | null;
  counted: { failed: number; backoffLimit: number; failures: FailuresFact | null } | null;
}

/** What keeps a Job that has not finished from making progress (see blockers.ts). */
export interface BlockerFact {
  reason: BlockerReason;
  pods: string[];
  /** The Kubernetes message that shows it (scheduler, kubelet, API server, pod condition). */
  message: string | null;
  container: string | null;
  image: string | null;
  /** The first pod's waiting reason (ImagePullBackOff, CreateContainerConfigError...). */
  podReason: string | null;
  /** PodsSchedulingGated: the gates on the pods. */
  gates: string[];
  /** PodsNotScheduled: the scheduler the pod asks for. */
  scheduler: string | null;
  /** PodsNotStarting: the node the pod is bound to. */
  node: string | null;
  /** PodsNotScheduled, PodsNotStarting: how long the pod has waited. */
  ageSeconds: number | null;
  /** PodsStuckTerminating: the longest time a pod is past its grace period. */
  overdueSeconds: number | null;
  /** PodsStuckTerminating: podReplacementPolicy when it waits for the pods. */
  replacementWaits: string | null;
  succeeded: number;
  completions: number | null;
}
