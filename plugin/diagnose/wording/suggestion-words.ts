// The suggestions in words: one template per suggestion code, each a sentence ending with a
// period. The change itself (patch or commands) is data and comes with the fact.
import type { NeverFails, SuggestionFact } from '../suggestion-facts.ts';
import { say, type MessageTable } from './message-table.ts';

const NEVER_FAILS: Record<NeverFails, string> = {
  'never-scheduled': 'a pod that is never scheduled never fails',
  'never-starts': 'a pod that never starts never fails',
  gated: 'a gated pod never fails',
  'image-pull': 'a pod stuck pulling its image never fails',
};

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
const inContainer = (container: string | null) => (container ? ` (container ${container})` : '');

const SUGGESTIONS: MessageTable<SuggestionFact> = {
  'read-logs': (s) =>
    `Read what ${s.previous ? 'the last failed run' : 'the last failed attempt'} printed${inContainer(s.container)}.`,
  'count-instead-of-fail-job': (s) =>
    `Rule ${s.rule} makes exit code ${s.exitCode} fail the Job at once; if a retry can succeed after it, ` +
    `count it against ${s.perIndex ? 'backoffLimitPerIndex' : 'backoffLimit'} instead (action Count).`,
  'raise-backoff-limit-for-success-policy': (s) =>
    `The failing indexes are ones the success policy tolerates, but backoffLimit ${s.backoffLimit} is checked first: ` +
    `raise it to ${s.to} (completions − 1) ` +
    `so they cannot fail the Job before success policy rule ${s.rule} is checked` +
    `${s.perIndex ? '' : ', or use backoffLimitPerIndex'}.`,
  'allow-more-time': (s) =>
    s.pace
      ? `The Job finished ${s.pace.done}/${s.pace.total} completions in ${Math.round(s.pace.elapsed)}s; ` +
        `at that pace it needs about ${Math.ceil((s.pace.elapsed * s.pace.total) / s.pace.done)}s. ` +
        `For the next run, allow ${s.to}s (the failed Job does not restart).`
      : `Allow the next run more time than ${s.seconds}s, e.g. ${s.to}s, once you know how long it needs ` +
        '(the failed Job does not restart).',
  'fail-index-on-exit': (s) =>
    `Every failed attempt exited ${s.exitCode}${inContainer(s.container)}: if that cannot succeed on a retry, ` +
    `fail its index at once with a FailIndex rule instead of spending backoffLimitPerIndex ${s.backoffLimitPerIndex}.`,
  'more-attempts-per-index': (s) =>
    `If the failures are transient, give each index more attempts: backoffLimitPerIndex ${s.to}.`,
  'raise-max-failed-indexes': (s) =>
    `maxFailedIndexes ${s.maxFailedIndexes} stops the whole Job early; to let the other indexes run to the end, ` +
    `raise it (e.g. to ${s.to}) for the next run.`,
  'raise-parallelism': () => 'Raise parallelism to let the controller create pods.',
  'resource-quota': (s) =>
    `A ResourceQuota in namespace ${s.namespace} refuses the pods: raise it, or lower parallelism so the Job fits.`,
  'fewer-pods-for-quota': () => 'Fewer pods at a time may fit the quota.',
  'admission-webhook-denies': () =>
    'An admission webhook denies the pods: change the pod template as its message asks (or ask its owners); ' +
    'the Job keeps retrying meanwhile.',
  'admission-policy-denies': (s) =>
    `The ValidatingAdmissionPolicy ${s.policy} (binding ${s.binding}) denies the pods: change the pod template ` +
    'as its validations ask (or ask its owners); the Job keeps retrying meanwhile.',
  'pod-security-refuses': () =>
    "The namespace's Pod Security level refuses the pods: set the securityContext fields the message names " +
    'in spec.template (immutable: create a new Job).',
  'limit-range': (s) =>
    `A LimitRange in namespace ${s.namespace} refuses the pods' resources: ` +
    "fit spec.template's requests and limits to it.",
  'fix-failed-create': () =>
    'The API server refuses the pods: fix what the FailedCreate message says; ' +
    'the controller retries with backoff meanwhile.',
  unschedulable: (s) =>
    `The scheduler finds no node for pod ${s.pod}: compare its nodeSelector, affinity, tolerations ` +
    'and resource requests with the nodes.',
  'node-selector-matches-no-node': (s) =>
    `No node matches spec.template.spec.nodeSelector ${JSON.stringify(s.nodeSelector)}: fix it or label a node ` +
    '(immutable on a started Job: create a new one).',
  'scheduler-not-acting': (s) =>
    s.scheduler === 'default-scheduler'
      ? 'The default scheduler has not acted on the pod: check that kube-scheduler runs and is not overloaded.'
      : `No scheduler named ${s.scheduler} has acted on the pod: check that it runs, or use the default scheduler.`,
  'node-not-reporting': (s) =>
    `The kubelet of node ${s.node} does not report the pod: check the node (NotReady, gone, kubelet down).`,
  'scheduling-gates-stay': () =>
    'Something added scheduling gates and never removed them (a queueing or quota controller): ' +
    'check that controller, or remove the gates from the pods.',
  'fix-image': (s) =>
    `Fix the image of container ${s.container ?? '?'} (${s.image ?? '?'})` +
    (s.inTemplate ? '' : ", which the Job's pod template does not declare (whatever injected it sets the image)") +
    ': check the name and tag exist in the registry, ' +
    (s.pullSecrets
      ? 'and that the imagePullSecrets give access to it if it is private.'
      : 'and add imagePullSecrets if it is private.'),
  'container-config': () =>
    'The kubelet cannot create the container from its spec, most often a Secret or ConfigMap (or a key in it) ' +
    'that does not exist: create it or fix the reference.',
  'volume-mount': () =>
    'The pod cannot mount its volumes (a missing Secret, ConfigMap or PersistentVolumeClaim, ' +
    'or a volume attached elsewhere): create or fix it.',
  'set-active-deadline': (s) =>
    `Set activeDeadlineSeconds: ${NEVER_FAILS[s.neverFails]}, ` +
    'so backoffLimit cannot end this Job, and the Job waits forever.',
  'check-external-controller': (s) =>
    `Check that the controller ${s.by} is installed and running: the built-in Job controller leaves this Job to it.`,
  'recreate-without-managed-by': () =>
    'To have the built-in Job controller run it, create the Job again without spec.managedBy (the field is immutable).',
  'ask-kueue': (s) =>
    'Ask Kueue why the Workload is not admitted ' +
    `(ClusterQueue quota${s.queue ? `, LocalQueue ${s.queue} missing or stopped` : ''}); ` +
    "do not set suspend: false yourself, which would bypass Kueue's quota.",
  resume: () => 'Resume the Job when it should run.',
  'force-delete-stuck-pod': (s) =>
    `Pod ${s.pod} waits for node ${s.node} to confirm it stopped: check the node (gone, NotReady, kubelet down). ` +
    'If the node is gone for good, force the deletion.',
  'check-finalizers': (s) => `Pod ${s.pod} was never scheduled yet is not removed: check its finalizers.`,
  'replace-terminating-at-once': () =>
    'podReplacementPolicy Failed waits until a terminating pod has finished before it creates a replacement; ' +
    'TerminatingOrFailed replaces it at once (two may then run together).',
  'restart-policy-never': () =>
    'restartPolicy OnFailure restarts the container inside the same pod, and when the Job fails the controller ' +
    'deletes that pod with its logs: use Never, so each failure keeps its own pod to inspect.',
  'fail-job-on-exit': (s) =>
    `Every counted attempt exited ${s.exitCode}${inContainer(s.container)}: ` +
    'if that means an error a retry cannot fix, ' +
    `fail the Job on the first one instead of retrying (backoffLimit ${s.backoffLimit}).`,
  'count-rule-to-fail-job': (s) =>
    `Every counted attempt exited ${s.exitCode}, which rule ${s.rule} retries (Count): ` +
    'if that exit code means an error a retry cannot fix, make the rule FailJob.',
  'raise-memory-limit': (s) =>
    `Container ${s.container} was OOMKilled ${times(s.times)}: ` +
    `raise its memory limit${s.from ? ` from ${s.from}` : ''} ` +
    `to ${s.to} (and the request with it if the node must reserve it).`,
  'set-memory-limits': (s) =>
    `Container ${s.container} was OOMKilled ${times(s.times)} without a memory limit of its own ` +
    "(a LimitRange default or the node's memory ran out): set requests and limits above its peak use.",
  'oom-outside-template': (s) =>
    `Container ${s.container} was OOMKilled ${times(s.times)}, but the Job's pod template does not declare it ` +
    '(an admission webhook injected it): raise its memory where it is injected.',
  'ignore-disruptions': (s) =>
    `${s.count === 1 ? 'An eviction' : `${s.count} evictions`} (${s.reasons.join(', ')}) ` +
    'counted against backoffLimit: ' +
    'ignore disruptions the application did not cause.',
  'keep-logs': () =>
    'The pods running when the Job failed were deleted with their logs; keep logs in a log backend ' +
    '(or stream them with kubectl logs -f) to see what they were doing.',
  'keep-failed-jobs-longer': (s) =>
    `ttlSecondsAfterFinished ${s.seconds} deletes the failed Job and its pods soon after it finished: ` +
    'keep failures longer to debug them.',
  'keep-more-failed-jobs': (s) =>
    `CronJob ${s.cronJob} keeps only failedJobsHistoryLimit failed Jobs (default 1): ` +
    'if it keeps fewer than 3, keep more to compare failures.',
};

export function suggestionWords(fact: SuggestionFact): string {
  return say(SUGGESTIONS, fact);
}
