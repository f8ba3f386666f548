import { COMPLETION_INDEX_ENV_NAME, COMPLETION_INDEX_KEY, type PodsFacts } from '../explain-pods.ts';
import { plural } from '../../format/index.ts';

/** The sentences of `pods`: how many pods run, how they find their work, what stops them. */
export function podsSentences(facts: PodsFacts): string[] {
  const { atOnce, completions, parallelism, jobName } = facts;
  const c = completions ?? 0;
  const sentences: string[] = [];
  switch (facts.pattern) {
    case 'NonParallel':
      sentences.push(
        'One pod runs; the Job is done as soon as it succeeds. A pod that fails is replaced by a new one (see "When a pod fails").',
      );
      break;
    case 'FixedCompletions':
      if (c === 0) sentences.push(NO_COMPLETIONS);
      else {
        const running = atOnce === 1 ? 'One pod runs at a time' : `Up to ${plural(atOnce ?? 0, 'pod')} run at once`;
        sentences.push(
          `${running} until ${c} pods have succeeded. The pods are interchangeable: nothing tells a pod which part of the work is its own.`,
        );
      }
      if (facts.parallelismAboveCompletions) {
        sentences.push(
          `parallelism (${parallelism}) is above completions (${completions}): never more pods run than successes are still needed.`,
        );
      }
      break;
    case 'WorkQueue':
      sentences.push(
        `Up to ${plural(atOnce ?? 0, 'pod')} run${atOnce === 1 ? 's' : ''} at once, taking their work from a queue or another shared source. Once any pod succeeds no new pods start; the Job is done when at least one pod has succeeded and all have finished.`,
      );
      break;
    case 'Indexed':
      if (c === 0) sentences.push(NO_COMPLETIONS);
      else {
        sentences.push(
          `${c === 1 ? 'One index (0)' : `${c} indexes (0 to ${c - 1})`}, each done by one succeeded pod; up to ${plural(atOnce ?? 0, 'pod')} run${atOnce === 1 ? 's' : ''} at once, lowest missing index first.`,
          `Each pod knows its index: environment variable ${COMPLETION_INDEX_ENV_NAME} (in every container and init container), annotation and label ${COMPLETION_INDEX_KEY}, and hostname ${jobName}-<index>.`,
        );
      }
      if (facts.subdomainMissing) {
        sentences.push(
          `For the pods to reach each other by hostname, set ${facts.specPath}.template.spec.subdomain to the name of a headless Service that selects them.`,
        );
      }
      break;
  }
  if (parallelism === 0)
    sentences.push(`parallelism is 0: no pod starts until ${facts.specPath}.parallelism is raised.`);
  if (facts.suspended) {
    sentences.push(
      facts.kind === 'CronJob'
        ? 'Its Jobs are created suspended: they start no pods until their spec.suspend is set to false.'
        : `It is suspended: no pod starts until spec.suspend is set to false (kubectl patch job ${jobName} --type=merge -p '{"spec":{"suspend":false}}'). Resuming resets its start time.`,
    );
  }
  if (facts.suspendTerminatesPods) {
    sentences.push(
      'Suspending it later (spec.suspend: true) terminates its running pods (SIGTERM, then the grace period), without counting them as failures or completions; they start over on resume.',
    );
  }
  const replacement = facts.podReplacementPolicy;
  sentences.push(REPLACEMENT.get(replacement ?? '') ?? unknownReplacement(replacement));
  if (facts.managedElsewhereBy !== null) {
    sentences.push(
      `spec.managedBy is ${facts.managedElsewhereBy}: the built-in Job controller leaves this Job alone, and that controller creates its pods.`,
    );
  }
  return sentences;
}

const NO_COMPLETIONS = 'completions is 0: the Job completes at once, without starting any pod.';

/** When a replacement pod may start, by podReplacementPolicy (a Map: the value is the user's). */
const REPLACEMENT: ReadonlyMap<string, string> = new Map([
  [
    'Failed',
    'A replacement pod is created only once the pod it replaces has fully terminated (podReplacementPolicy Failed): never more than parallelism pods run, and pods still shutting down show in status.terminating.',
  ],
  [
    'TerminatingOrFailed',
    'A pod that is being deleted (node drain, preemption, kubectl delete) counts as failed at once, and its replacement does not wait for it to finish terminating (podReplacementPolicy TerminatingOrFailed): for up to its termination grace period the old and the new pod may run side by side.',
  ],
]);

const unknownReplacement = (value: string | null): string =>
  `podReplacementPolicy ${JSON.stringify(value)} is not one the API server accepts.`;
