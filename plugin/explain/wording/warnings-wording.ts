import type { WarningFacts } from '../explain-warnings.ts';
import type { Warning } from '../explanation.ts';

/** One warning in words. */
export function toWarning(facts: WarningFacts): Warning {
  return { id: facts.id, message: warningMessage(facts) };
}

function warningMessage(facts: WarningFacts): string {
  switch (facts.id) {
    case 'pod-may-run-twice':
      return (
        'A pod may be started more than once, even with parallelism 1, completions 1 and restartPolicy Never (a node fails, a pod is evicted or deleted)' +
        (facts.replacedEarly ? ', and a replacement may start while the old pod is still terminating' : '') +
        ': the program must be idempotent and cope with temporary files, locks and partial output of an earlier run.'
      );
    case 'concurrent-pods':
      return `Up to ${facts.atOnce} pods run at the same time: they must tolerate each other wherever they share state (files, database rows, queues, external APIs).`;
    case 'work-queue-coordination':
      return 'The pods must coordinate among themselves or through an external service: each must be able to tell when all the work is done, and once any pod has succeeded the others should only finish up — no new pods start and none should write further output.';
    case 'on-failure-loses-logs':
      return 'restartPolicy OnFailure restarts a failed container in the same pod, so the program must be restartable there; and when the Job fails its pod is deleted with the logs of every failed run, which makes debugging hard. Use Never while debugging.';
    case 'elastic-indexed':
      return 'completions can be changed later only together with parallelism, to the same value (elastic Indexed Job); scaling down deletes the pods of the highest indexes, so an index must tolerate being stopped and run again.';
    case 'pod-deadline-is-not-job-deadline':
      return `${facts.specPath}.template.spec.activeDeadlineSeconds (${facts.podDeadline}s) limits each pod, not the Job: a slow pod fails and is retried. The Job's own limit is ${facts.specPath}.activeDeadlineSeconds.`;
    case 'managed-elsewhere':
      return `spec.managedBy is ${facts.managedBy}: the built-in Job controller ignores this Job, and what is said here holds only as far as that controller follows the same rules.`;
  }
}
