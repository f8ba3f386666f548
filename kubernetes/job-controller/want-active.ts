// How many pods the Job controller keeps running (wantActive in manageJob,
// pkg/controller/job/job_controller.go, Kubernetes 1.36).

/**
 * manageJob's wantActive. A work queue (no completions) keeps parallelism pods until one has
 * succeeded, then only lets the running ones finish; otherwise the completions still missing,
 * at most parallelism and never below 0. The controller creates pods while wantActive exceeds
 * the active pods (and, under onlyReplaceFailedPods, the terminating ones).
 */
export function wantActive(completions: number | null, parallelism: number, succeeded: number, active: number): number {
  if (completions === null) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(completions - succeeded, parallelism));
}
