// The evidence in words: one template per evidence code. Kubernetes' own messages are quoted as
// they are, on one line.
import { describeRule, type JsonObject } from '../../../kubernetes/index.ts';
import type { EvidenceFact } from '../evidence-facts.ts';
import { failureDetail, failureVerb } from './failure-words.ts';
import { plural } from '../../format/index.ts';
import { duration, oneLine, sentence, shortIndexes, someNames } from './phrases.ts';
import { say, type MessageTable } from './message-table.ts';

/** What a pod failure policy action did with the pod it matched. */
const ACTION_OUTCOMES: Record<string, string> = {
  Ignore: 'not counted',
  Count: 'counted',
  FailIndex: 'its index failed',
};

const EVIDENCE: MessageTable<EvidenceFact> = {
  condition: (e) => {
    const transition = e.types.map((type) => `${type}=True`).join(' → ');
    return `${transition}${e.reason ? ` (${e.reason})` : ''}${e.message ? `: ${e.message}` : ''}`;
  },
  event: (e) => `${e.type} ${e.reason}${e.count > 1 ? ` (×${e.count})` : ''}: ${oneLine(e.message)}`,
  'success-policy-rule': (e) => {
    const wanted = [
      e.succeededIndexes !== null ? `succeededIndexes ${e.succeededIndexes}` : '',
      e.succeededCount !== null ? `succeededCount ${e.succeededCount}` : '',
    ];
    const done = e.completedIndexes || '""';
    return `successPolicy.rules[${e.rule}]: ${wanted.filter(Boolean).join(', ')}; completedIndexes ${done}.`;
  },
  'restarts-counted': (e) =>
    'restartPolicy OnFailure: the controller counts container restarts of active pods ' +
    `against backoffLimit ${e.backoffLimit} and fails the Job when they reach ${e.limit}` +
    `${e.restarts > 0 ? ` (${plural(e.restarts, 'restart')} counted)` : ''}.`,
  'backoff-limit-exceeded': (e) =>
    `status.failed ${e.failed} > spec.backoffLimit ${e.backoffLimit}: ` +
    'the controller fails the Job once more failures are counted than backoffLimit allows.',
  'success-policy-race': (e) =>
    `completedIndexes ${shortIndexes(e.completedIndexes, 60)} meets successPolicy.rules[${e.rule}], ` +
    'but the controller checks backoffLimit before the success policy; the failures landed in the same sync.',
  'deadline-from-start': (e) =>
    `spec.activeDeadlineSeconds ${e.activeDeadlineSeconds ?? '?'} ` +
    `counted from status.startTime ${e.startTime ?? '(unset)'}` +
    `${e.ranSeconds !== null ? `; the controller failed the Job ${duration(e.ranSeconds)} later` : ''}.`,
  'max-failed-indexes-exceeded': (e) =>
    `status.failedIndexes ${shortIndexes(e.failedIndexes, 60)} (${e.count}) ` +
    `> spec.maxFailedIndexes ${e.maxFailedIndexes ?? '?'}.`,
  'failed-indexes': (e) =>
    `status.failedIndexes ${shortIndexes(e.failedIndexes, 60)}; every other index succeeded ` +
    `(completedIndexes ${shortIndexes(e.completedIndexes, 60) || '""'}), so the Job cannot complete.`,
  'failure-group': (e) => {
    const many = e.pods.length > 1;
    const who = `${many ? `${e.pods.length} pods` : 'Pod'} ${someNames(e.pods)}`;
    const message = e.message ? `: ${oneLine(e.message)}` : '';
    return sentence(`${who} ${failureVerb(e.how, many)}${failureDetail(e.how)}${message}`);
  },
  'policy-match': (e) => {
    const what = e.condition
      ? ` (${e.condition}${e.disruptionReason ? ` ${e.disruptionReason}` : ''})`
      : e.exitCode !== null
        ? ` (${e.container} exit ${e.exitCode})`
        : '';
    const outcome = Object.hasOwn(ACTION_OUTCOMES, e.action) ? ACTION_OUTCOMES[e.action] : 'the Job failed';
    return `${ruleMatched(e)}${what}: ${outcome}.`;
  },
  'decisive-match': (e) =>
    `${ruleMatched(e)}${e.exitCode !== null ? `: ${e.container} exited ${e.exitCode}` : `: condition ${e.condition}`}.`,
  suspended: () =>
    'spec.suspend is true: the controller creates no pods and deletes the active ones (not counted as failures).',
  'deadline-paused': (e) =>
    `activeDeadlineSeconds ${e.activeDeadlineSeconds} does not run while suspended; ` +
    'it restarts when the Job resumes (startTime is reset).',
  'kueue-queued': (e) =>
    e.queue
      ? `label kueue.x-k8s.io/queue-name=${e.queue}: Kueue keeps the Job suspended until its Workload is admitted ` +
        `(quota in the ClusterQueue behind LocalQueue ${e.queue}), then resumes it.`
      : `spec.managedBy ${e.managedBy}: Kueue keeps the Job suspended until its Workload is admitted, then resumes it.`,
  'managed-elsewhere': (e) =>
    `spec.managedBy is ${e.by}: the built-in Job controller skips this Job (managedByExternalController); ` +
    `only ${e.by} creates its pods and writes its status.`,
  untouched: () => 'The Job has no status, no pods and no events: nothing has acted on it.',
  'job-deleting': () => 'The Job is being deleted (metadata.deletionTimestamp is set).',
  'parallelism-zero': () =>
    'spec.parallelism 0: manageJob wants no active pods, so nothing runs until parallelism is raised.',
  'pod-creations-refused': (e) =>
    `${plural(e.refused, 'pod creation')} refused; status.active ${e.active}, the Job wants ${e.wants}.`,
  'pod-stuck-terminating': (e) => {
    const where = e.node ? `, node ${e.node}` : ', not scheduled';
    const finalizers = e.finalizers.join(', ') ? `, finalizers ${e.finalizers.join(', ')}` : '';
    return (
      `Pod ${e.pod}: deletionTimestamp ${e.deletedAt} passed ${duration(e.overdueSeconds)} ago, ` +
      `phase ${e.phase ?? '?'}${where}${finalizers}; no kubelet has confirmed its end.`
    );
  },
  'pod-waiting': (e) => {
    const message = e.message ? oneLine(e.message) : '';
    const news = message && !repeats(message, e.eventMessage) ? `: ${message}` : '';
    return sentence(`Pod ${e.pod}: ${e.phase ?? '?'}, ${e.reason ?? 'waiting'}${news}`);
  },
  'pod-terminating': (e) => {
    const ago = e.overdueSeconds > 0 ? `, ${duration(e.overdueSeconds)} ago` : '';
    return (
      `Pod ${e.pod} is terminating (deletionTimestamp ${e.deletedAt}${ago}${e.node ? `, node ${e.node}` : ''}): ` +
      'the controller sets the terminal condition only once no pod is terminating.'
    );
  },
  'ttl-deletes': (e) =>
    `ttlSecondsAfterFinished ${e.seconds}: the TTL controller deletes the Job and its pods ` +
    `${e.deletesInSeconds === 0 ? 'now' : `in ${duration(e.deletesInSeconds)}`}.`,
};

export function evidenceWords(fact: EvidenceFact): string {
  return say(EVIDENCE, fact);
}

/** `podFailurePolicy.rules[1] (Ignore on pod condition DisruptionTarget=True) matched pod pi-x`. */
function ruleMatched(e: { rule: number; action: string; ruleSpec: JsonObject | null; pod: string }): string {
  const on = e.ruleSpec ? describeRule(e.ruleSpec) : '?';
  return `podFailurePolicy.rules[${e.rule}] (${e.action} on ${on}) matched pod ${e.pod}`;
}

/** Whether a pod's message repeats the quoted Event (the kubelet and the scheduler often say it twice). */
function repeats(message: string, eventMessage: string | null): boolean {
  const said = eventMessage ? oneLine(eventMessage) : '';
  if (said === '') return false;
  const sameTail = message.length >= 40 && said.length >= 40 && message.slice(-40) === said.slice(-40);
  return message.includes(said) || said.includes(message) || sameTail;
}
