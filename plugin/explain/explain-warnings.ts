import { int, type JsonObject } from '../../kubernetes/index.ts';
import { JOB_CONTROLLER_NAME, podSpecOf } from '../../kubernetes/index.ts';
import type { Effective, Pattern, Warning } from './explanation.ts';

/**
 * What the pods must be built for, from the Kubernetes Job documentation (the seeds): each
 * warning applies to this spec, and says what to design for rather than what is wrong (that is
 * what the lint findings are for).
 */
export function explainWarnings(
  effective: Effective,
  spec: JsonObject,
  pattern: Pattern,
  atOnce: number | null,
): Warning[] {
  const warnings: Warning[] = [];
  const replacedEarly = effective.podReplacementPolicy === 'TerminatingOrFailed';
  warnings.push({
    id: 'pod-may-run-twice',
    message: `A pod may be started more than once, even with parallelism 1, completions 1 and restartPolicy Never (a node fails, a pod is evicted or deleted)${replacedEarly ? ', and a replacement may start while the old pod is still terminating' : ''}: the program must be idempotent and cope with temporary files, locks and partial output of an earlier run.`,
  });
  if (atOnce !== null && atOnce > 1) {
    warnings.push({
      id: 'concurrent-pods',
      message: `Up to ${atOnce} pods run at the same time: they must tolerate each other wherever they share state (files, database rows, queues, external APIs).`,
    });
  }
  if (pattern === 'WorkQueue') {
    warnings.push({
      id: 'work-queue-coordination',
      message:
        'The pods must coordinate among themselves or through an external service: each must be able to tell when all the work is done, and once any pod has succeeded the others should only finish up — no new pods start and none should write further output.',
    });
  }
  if (effective.restartPolicy === 'OnFailure') {
    warnings.push({
      id: 'on-failure-loses-logs',
      message:
        'restartPolicy OnFailure restarts a failed container in the same pod, so the program must be restartable there; and when the Job fails its pod is deleted with the logs of every failed run, which makes debugging hard. Use Never while debugging.',
    });
  }
  if (pattern === 'Indexed') {
    warnings.push({
      id: 'elastic-indexed',
      message:
        'completions can be changed later only together with parallelism, to the same value (elastic Indexed Job); scaling down deletes the pods of the highest indexes, so an index must tolerate being stopped and run again.',
    });
  }
  const podDeadline = int(podSpecOf(spec), 'activeDeadlineSeconds');
  if (podDeadline !== undefined) {
    warnings.push({
      id: 'pod-deadline-is-not-job-deadline',
      message: `spec.template.spec.activeDeadlineSeconds (${podDeadline}s) limits each pod, not the Job: a slow pod fails and is retried. The Job's own limit is spec.activeDeadlineSeconds.`,
    });
  }
  if (effective.managedBy !== null && effective.managedBy !== JOB_CONTROLLER_NAME) {
    warnings.push({
      id: 'managed-elsewhere',
      message: `spec.managedBy is ${effective.managedBy}: the built-in Job controller ignores this Job, and what is said here holds only as far as that controller follows the same rules.`,
    });
  }
  return warnings;
}
