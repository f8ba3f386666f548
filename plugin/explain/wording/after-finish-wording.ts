import type { AfterFinishFacts } from '../explain-after-finish.ts';
import { formatDuration } from '../durations.ts';

/** The sentences of `afterFinish`: the conditions it ends with, what is deleted, what is kept. */
export function afterFinishSentences(facts: AfterFinishFacts): string[] {
  const ttl = facts.ttlSecondsAfterFinished;
  const theJob = facts.kind === 'CronJob' ? 'each Job' : 'the Job';
  const sentences: string[] = [
    'Complete or Failed is set only once all its pods have terminated; SuccessCriteriaMet or FailureTarget announce the outcome earlier (kubectl wait --for=condition=Complete never returns for a Job that fails).',
    facts.onFailure
      ? 'If it fails, its running pods are terminated and deleted: with OnFailure the failed runs leave no pod behind.'
      : 'If it fails, its running pods are terminated; finished pods stay, with their logs.',
  ];
  if (ttl === 0)
    sentences.push(
      `ttlSecondsAfterFinished 0: the TTL controller deletes ${theJob} right after it finishes, and its pods (and logs) with it.`,
    );
  else if (ttl !== null) {
    sentences.push(
      `The TTL controller deletes ${theJob} ${formatDuration(ttl)} after it finishes (Complete or Failed), and its pods with it: read their logs before then.`,
    );
  } else if (facts.kind === 'Job') {
    sentences.push(
      'Nothing deletes it (ttlSecondsAfterFinished unset): the Job and its pods stay until you delete them. kubectl delete job deletes the pods too; an API client that deletes without propagationPolicy leaves them behind as orphans.',
    );
  }
  if (facts.history) {
    const kept = `the last ${facts.history.successful} successful and ${facts.history.failed} failed`;
    sentences.push(
      `The CronJob keeps ${kept} Jobs (with their pods) and deletes older ones${ttl !== null ? ', unless the TTL deletes them first' : ''}.`,
    );
  }
  sentences.push(
    'A failed Job is never restarted (restartPolicy is about containers, not Jobs): fix the cause and create it again.',
  );
  return sentences;
}
