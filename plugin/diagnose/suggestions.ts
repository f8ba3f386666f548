// What to change, as concrete spec changes (a strategic merge patch of the Job, and whether the
// field can be changed on the existing Job) or commands. Most useful first; one per field.
import { obj, str, type JsonObject } from '../../kubernetes/index.ts';
import { parseQuantity } from '../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import { STUCK_TERMINATING_SECONDS, type PodAnalysis } from './attempts.ts';
import type { Cause, Context } from './cause.ts';
import type { FailureGroup } from './failure-groups.ts';
import { templateContainers } from './job-facts.ts';

export type Suggestion = DiagnoseOutput['suggestions'][number];

/** Exit codes that mean a signal (SIGKILL, SIGTERM): the process was killed, not a bug of its own. */
const SIGNAL_EXIT_CODES = new Set([137, 143]);

export function suggest(ctx: Context, cause: Cause): Suggestion[] {
  const out = new Suggestions();
  const { facts } = ctx;
  const ns = facts.namespace;
  const failedGroups = cause.groups;

  switch (cause.reason) {
    case 'PodFailurePolicy': {
      const decisive = cause.decisive;
      const pod = decisive ? ctx.pods.find((p) => p.name === decisive.pod) : undefined;
      if (pod) out.logs(ctx, pod, decisive?.container ?? null);
      oomSuggestions(ctx, failedGroups, out);
      if (decisive && decisive.exitCode !== null) {
        const rules = facts.podFailurePolicyRules ?? [];
        const patched = rules.map((rule, i) => (i === decisive.matchedRule ? { ...rule, action: 'Count' } : rule));
        out.spec(
          `Rule ${decisive.matchedRule} makes exit code ${decisive.exitCode} fail the Job at once; if a retry can succeed after it, count it against backoffLimit instead (action Count).`,
          'spec.podFailurePolicy',
          { spec: { podFailurePolicy: { rules: patched } } },
          false,
        );
      }
      break;
    }
    case 'BackoffLimitExceeded':
    case 'Retrying':
    case 'WaitingForBackoff':
      if (cause.successPolicyRace !== null && facts.completions !== null) {
        // The failures are expected here (the success policy tolerates them): only the order bites.
        const needed = facts.completions - 1;
        out.spec(
          `The failing indexes are ones the success policy tolerates, but backoffLimit ${facts.backoffLimit} is checked first: raise it to ${needed} (completions − 1) so they cannot fail the Job before success policy rule ${cause.successPolicyRace} is checked, or use backoffLimitPerIndex.`,
          'spec.backoffLimit',
          { spec: { backoffLimit: needed } },
          true,
        );
        break;
      }
      failureSuggestions(ctx, failedGroups, out);
      break;
    case 'DeadlineExceeded': {
      const seconds = facts.activeDeadlineSeconds ?? 0;
      const elapsed =
        facts.status.startTime !== null && ctx.decisions.failedAt !== undefined
          ? (ctx.decisions.failedAt - facts.status.startTime) / 1000
          : seconds;
      const done = facts.status.succeeded;
      const total = facts.completions;
      const estimate =
        done > 0 && total !== null && total > done
          ? Math.ceil(((elapsed * total) / done) * 1.5)
          : Math.max(seconds * 2, 60);
      out.spec(
        done > 0 && total !== null
          ? `The Job finished ${done}/${total} completions in ${Math.round(elapsed)}s; at that pace it needs about ${Math.ceil((elapsed * total) / done)}s. For the next run, allow ${estimate}s (the failed Job does not restart).`
          : `Allow the next run more time than ${seconds}s, e.g. ${estimate}s, once you know how long it needs (the failed Job does not restart).`,
        'spec.activeDeadlineSeconds',
        { spec: { activeDeadlineSeconds: estimate } },
        true,
      );
      failureSuggestions(ctx, failedGroups, out);
      break;
    }
    case 'MaxFailedIndexesExceeded':
    case 'FailedIndexes': {
      const lastFailed = [...ctx.pods]
        .filter((p) => p.failed && p.counted === true)
        .sort((a, b) => (b.finishedMs ?? 0) - (a.finishedMs ?? 0))[0];
      if (lastFailed) out.logs(ctx, lastFailed, lastFailed.attempt.container);
      oomSuggestions(ctx, failedGroups, out);
      disruptionSuggestions(ctx, failedGroups, out);
      const deterministic = deterministicExit(failedGroups);
      if (deterministic) {
        out.spec(
          `Every failed attempt exited ${deterministic.exitCode}${deterministic.container ? ` (container ${deterministic.container})` : ''}: if that cannot succeed on a retry, fail its index at once with a FailIndex rule instead of spending backoffLimitPerIndex ${facts.backoffLimitPerIndex ?? 0}.`,
          'spec.podFailurePolicy',
          {
            spec: {
              podFailurePolicy: {
                rules: [exitRule('FailIndex', deterministic), ...(facts.podFailurePolicyRules ?? [])],
              },
              ...restartPolicyNever(ctx),
            },
          },
          false,
        );
      } else {
        out.spec(
          `If the failures are transient, give each index more attempts: backoffLimitPerIndex ${(facts.backoffLimitPerIndex ?? 0) + 2}.`,
          'spec.backoffLimitPerIndex',
          { spec: { backoffLimitPerIndex: (facts.backoffLimitPerIndex ?? 0) + 2 } },
          false,
        );
      }
      if (cause.reason === 'MaxFailedIndexesExceeded') {
        const count = ctx.retries.perIndex?.failedIndexCount ?? 0;
        out.spec(
          `maxFailedIndexes ${facts.maxFailedIndexes ?? 0} stops the whole Job early; to let the other indexes run to the end, raise it (e.g. to ${Math.max(count, (facts.maxFailedIndexes ?? 0) + 1)}) for the next run.`,
          'spec.maxFailedIndexes',
          { spec: { maxFailedIndexes: Math.max(count, (facts.maxFailedIndexes ?? 0) + 1) } },
          true,
        );
      }
      break;
    }
    case 'ParallelismZero':
      out.spec(
        'Raise parallelism to let the controller create pods.',
        'spec.parallelism',
        { spec: { parallelism: Math.max(1, Math.min(facts.completions ?? 1, 1)) } },
        true,
      );
      break;
    case 'PodCreationFailing': {
      const message = ctx.blockers[0]?.message ?? '';
      if (/exceeded quota|forbidden: failed quota/.test(message)) {
        out.command(
          `A ResourceQuota in namespace ${ns} refuses the pods: raise it, or lower parallelism so the Job fits.`,
          `kubectl describe resourcequota -n ${ns}`,
        );
        if (facts.parallelism > 1)
          out.spec(
            'Fewer pods at a time may fit the quota.',
            'spec.parallelism',
            { spec: { parallelism: Math.max(1, Math.floor(facts.parallelism / 2)) } },
            true,
          );
      } else if (/admission webhook|denied the request/.test(message)) {
        out.message(
          'An admission webhook denies the pods: change the pod template as its message asks (or ask its owners); the Job keeps retrying meanwhile.',
        );
      } else if (/violates PodSecurity/.test(message)) {
        out.message(
          `The namespace's Pod Security level refuses the pods: set the securityContext fields the message names in spec.template (immutable: create a new Job).`,
        );
      } else if (/LimitRange|must be less than or equal to|minimum .* usage/.test(message)) {
        out.command(
          `A LimitRange in namespace ${ns} refuses the pods' resources: fit spec.template's requests and limits to it.`,
          `kubectl describe limitrange -n ${ns}`,
        );
      } else {
        out.message(
          'The API server refuses the pods: fix what the FailedCreate message says; the controller retries with backoff meanwhile.',
        );
      }
      break;
    }
    case 'PodsUnschedulable': {
      const pod = ctx.blockers[0]?.pods[0];
      if (pod)
        out.command(
          `The scheduler finds no node for pod ${pod.name}: compare its nodeSelector, affinity, tolerations and resource requests with the nodes.`,
          `kubectl describe pod ${pod.name} -n ${ns}`,
        );
      const podSpec = obj(obj(facts.spec, 'template'), 'spec');
      if (obj(podSpec, 'nodeSelector') && /node affinity\/selector/.test(ctx.blockers[0]?.message ?? '')) {
        out.message(
          `No node matches spec.template.spec.nodeSelector ${JSON.stringify(obj(podSpec, 'nodeSelector'))}: fix it or label a node (immutable on a started Job: create a new one).`,
        );
      }
      deadlineGuard(ctx, out, 'a pod that is never scheduled never fails, so backoffLimit cannot end this Job');
      break;
    }
    case 'PodsNotScheduled': {
      const podSpec = obj(obj(facts.spec, 'template'), 'spec');
      const scheduler = str(podSpec, 'schedulerName') ?? 'default-scheduler';
      out.message(
        scheduler === 'default-scheduler'
          ? 'The default scheduler has not acted on the pod: check that kube-scheduler runs and is not overloaded.'
          : `No scheduler named ${scheduler} has acted on the pod: check that it runs, or use the default scheduler.`,
      );
      deadlineGuard(ctx, out, 'a pod that is never scheduled never fails, so backoffLimit cannot end this Job');
      break;
    }
    case 'PodsNotStarting': {
      const node = ctx.blockers[0]?.pods[0]?.attempt.node;
      if (node)
        out.command(
          `The kubelet of node ${node} does not report the pod: check the node (NotReady, gone, kubelet down).`,
          `kubectl describe node ${node}`,
        );
      deadlineGuard(ctx, out, 'a pod that never starts never fails, so backoffLimit cannot end this Job');
      break;
    }
    case 'PodsSchedulingGated':
      out.message(
        'Something added scheduling gates and never removed them (a queueing or quota controller): check that controller, or remove the gates from the pods.',
      );
      deadlineGuard(ctx, out, 'a gated pod never fails, so backoffLimit cannot end this Job');
      break;
    case 'ImagePullFailing': {
      const blocker = ctx.blockers[0]!;
      const container = blocker.container;
      out.spec(
        `Fix the image of container ${container ?? '?'} (${blocker.image ?? '?'}): check the name and tag exist in the registry, and add imagePullSecrets if it is private.`,
        container ? `spec.template.spec.containers[name=${container}].image` : 'spec.template.spec.containers',
        null,
        false,
      );
      deadlineGuard(ctx, out, 'a pod stuck pulling its image never fails, so backoffLimit cannot end this Job');
      break;
    }
    case 'ContainerConfigError':
    case 'VolumeMountFailing': {
      const pod = ctx.blockers[0]?.pods[0];
      out.command(
        cause.reason === 'ContainerConfigError'
          ? 'The kubelet cannot create the container from its spec, most often a Secret or ConfigMap (or a key in it) that does not exist: create it or fix the reference.'
          : 'The pod cannot mount its volumes (a missing Secret, ConfigMap or PersistentVolumeClaim, or a volume attached elsewhere): create or fix it.',
        pod ? `kubectl describe pod ${pod.name} -n ${ns}` : `kubectl get events -n ${ns}`,
      );
      deadlineGuard(ctx, out, 'a pod that never starts never fails, so backoffLimit cannot end this Job');
      break;
    }
    case 'ManagedElsewhere':
      out.message(
        `Check that the controller ${facts.managedElsewhereBy} is installed and running: the built-in Job controller leaves this Job to it.`,
      );
      out.spec(
        'To have the built-in Job controller run it, create the Job again without spec.managedBy (the field is immutable).',
        'spec.managedBy',
        { spec: { managedBy: null } },
        false,
      );
      break;
    case 'JobSuspended':
      if (facts.kueueManaged) {
        out.command(
          `Ask Kueue why the Workload is not admitted (ClusterQueue quota${facts.kueueQueue ? `, LocalQueue ${facts.kueueQueue} missing or stopped` : ''}); do not set suspend: false yourself, which would bypass Kueue's quota.`,
          `kubectl get workloads -n ${ns} -o wide${facts.kueueQueue ? `\nkubectl describe localqueue ${facts.kueueQueue} -n ${ns}` : ''}`,
        );
      } else {
        out.spec('Resume the Job when it should run.', 'spec.suspend', { spec: { suspend: false } }, true);
      }
      break;
    default:
      break;
  }

  if (ctx.pods.some((p) => p.terminating && p.overdueSeconds >= STUCK_TERMINATING_SECONDS))
    stuckTerminatingSuggestions(ctx, out);
  if (cause.state === 'Running' && (ctx.retries.restartsCounted ?? 0) > 0) restartPolicyNeverForDebugging(ctx, out);
  evidenceSuggestions(ctx, cause, out);
  return out.list;
}

// --- per kind of failure ----------------------------------------------------------------------

function failureSuggestions(ctx: Context, groups: FailureGroup[], out: Suggestions): void {
  const { facts } = ctx;
  const lastFailed = [...ctx.pods]
    .filter((p) => p.failed && p.counted !== null)
    .sort((a, b) => (b.finishedMs ?? 0) - (a.finishedMs ?? 0))[0];
  const restarted = ctx.pods.find((p) => p.attempt.restarts > 0 && p.attempt.lastTermination);
  const onlyDisruptions = groups.length > 0 && groups.every((g) => g.kind === 'disruption');
  if (lastFailed && !lastFailed.stoppedByJobFailure && !onlyDisruptions)
    out.logs(ctx, lastFailed, lastFailed.attempt.container);
  else if (restarted) out.logs(ctx, restarted, restarted.attempt.lastTermination!.container, true);
  oomSuggestions(ctx, groups, out);
  disruptionSuggestions(ctx, groups, out);
  const deterministic = deterministicExit(groups);
  if (deterministic && groups.reduce((n, g) => n + g.pods.length, 0) >= 2) {
    out.spec(
      `Every counted attempt exited ${deterministic.exitCode}${deterministic.container ? ` (container ${deterministic.container})` : ''}: if that means an error a retry cannot fix, fail the Job on the first one instead of retrying (backoffLimit ${facts.backoffLimit}).`,
      'spec.podFailurePolicy',
      {
        spec: {
          podFailurePolicy: { rules: [exitRule('FailJob', deterministic), ...(facts.podFailurePolicyRules ?? [])] },
          ...restartPolicyNever(ctx),
        },
      },
      false,
    );
  }
  // Every counted failure matched the same Count rule: the user chose to retry that exit code.
  const countRule = countedByOneCountRule(groups);
  if (countRule !== null && groups.length === 1 && groups[0]!.exitCode !== null && groups[0]!.pods.length >= 2) {
    const rules = facts.podFailurePolicyRules ?? [];
    out.spec(
      `Every counted attempt exited ${groups[0]!.exitCode}, which rule ${countRule} retries (Count): if that exit code means an error a retry cannot fix, make the rule FailJob.`,
      'spec.podFailurePolicy',
      {
        spec: {
          podFailurePolicy: {
            rules: rules.map((rule, i) => (i === countRule ? { ...rule, action: 'FailJob' } : rule)),
          },
        },
      },
      false,
    );
  }
  if (
    facts.restartPolicy === 'OnFailure' &&
    (ctx.retries.restartsCounted ?? 0) === 0 &&
    ctx.missing.some((m) => m.restarts > 0)
  )
    restartPolicyNeverForDebugging(ctx, out);
}

function oomSuggestions(ctx: Context, groups: FailureGroup[], out: Suggestions): void {
  for (const group of groups.filter((g) => g.kind === 'oom')) {
    const name = group.container;
    if (!name) continue;
    const template = templateContainers(ctx.facts).get(name);
    const resources = obj(template?.spec, 'resources');
    const limit = str(obj(resources, 'limits'), 'memory');
    const request = str(obj(resources, 'requests'), 'memory');
    const base = parseBytes(limit) ?? parseBytes(request);
    const key = template?.init ? 'initContainers' : 'containers';
    if (base !== undefined) {
      const next = formatBytes(base * 2);
      out.spec(
        `Container ${name} was OOMKilled ${group.pods.length === 1 ? 'once' : `${group.pods.length} times`}: raise its memory limit${limit ? ` from ${limit}` : ''} to ${next} (and the request with it if the node must reserve it).`,
        `spec.template.spec.${key}[name=${name}].resources.limits.memory`,
        { spec: { template: { spec: { [key]: [{ name, resources: { limits: { memory: next } } }] } } } },
        false,
      );
    } else {
      out.spec(
        `Container ${name} was OOMKilled ${group.pods.length === 1 ? 'once' : `${group.pods.length} times`} without a memory limit of its own (a LimitRange default or the node's memory ran out): set requests and limits above its peak use.`,
        `spec.template.spec.${key}[name=${name}].resources`,
        null,
        false,
      );
    }
  }
}

function disruptionSuggestions(ctx: Context, groups: FailureGroup[], out: Suggestions): void {
  const counted = groups.filter((g) => g.kind === 'disruption').flatMap((g) => g.pods);
  if (counted.length === 0) return;
  const rules = ctx.facts.podFailurePolicyRules ?? [];
  out.spec(
    `${counted.length === 1 ? 'An eviction' : `${counted.length} evictions`} (${[...new Set(counted.map((p) => p.attempt.disruption?.reason ?? p.attempt.reason))].join(', ')}) counted against backoffLimit: ignore disruptions the application did not cause.`,
    'spec.podFailurePolicy',
    {
      spec: {
        podFailurePolicy: {
          rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }, ...rules],
        },
        ...restartPolicyNever(ctx),
      },
    },
    false,
  );
}

function stuckTerminatingSuggestions(ctx: Context, out: Suggestions): void {
  const { facts } = ctx;
  const stuck = ctx.pods.filter((p) => p.terminating && p.overdueSeconds >= STUCK_TERMINATING_SECONDS);
  const pod = stuck[0]!;
  const node = pod.attempt.node;
  out.command(
    node
      ? `Pod ${pod.name} waits for node ${node} to confirm it stopped: check the node (gone, NotReady, kubelet down). If the node is gone for good, force the deletion.`
      : `Pod ${pod.name} was never scheduled yet is not removed: check its finalizers.`,
    node
      ? `kubectl get node ${node}\nkubectl delete pod ${pod.name} -n ${facts.namespace} --grace-period=0 --force`
      : `kubectl get pod ${pod.name} -n ${facts.namespace} -o jsonpath='{.metadata.finalizers}'`,
  );
  if (facts.podReplacementPolicy === 'Failed' && facts.podFailurePolicyRules === null && !trueConditionAny(ctx)) {
    out.spec(
      'podReplacementPolicy Failed waits until a terminating pod has finished before it creates a replacement; TerminatingOrFailed replaces it at once (two may then run together).',
      'spec.podReplacementPolicy',
      { spec: { podReplacementPolicy: 'TerminatingOrFailed' } },
      true,
    );
  }
}

function trueConditionAny(ctx: Context): boolean {
  return ctx.facts.conditions.some(
    (c) => c.status === 'True' && ['FailureTarget', 'SuccessCriteriaMet', 'Failed', 'Complete'].includes(c.type ?? ''),
  );
}

function restartPolicyNeverForDebugging(ctx: Context, out: Suggestions): void {
  out.spec(
    'restartPolicy OnFailure restarts the container inside the same pod, and when the Job fails the controller deletes that pod with its logs: use Never, so each failure keeps its own pod to inspect.',
    'spec.template.spec.restartPolicy',
    { spec: { template: { spec: { restartPolicy: 'Never' } } } },
    false,
  );
}

function deadlineGuard(ctx: Context, out: Suggestions, why: string): void {
  if (ctx.facts.activeDeadlineSeconds !== null) return;
  out.spec(
    `Set activeDeadlineSeconds: ${why}, and the Job waits forever.`,
    'spec.activeDeadlineSeconds',
    { spec: { activeDeadlineSeconds: 3600 } },
    true,
  );
}

function evidenceSuggestions(ctx: Context, cause: Cause, out: Suggestions): void {
  const { facts } = ctx;
  const failed = cause.state === 'Failed' || cause.state === 'Failing';
  if (failed && facts.restartPolicy === 'OnFailure' && ctx.missing.some((m) => m.deletedBy === 'job-controller'))
    restartPolicyNeverForDebugging(ctx, out);
  if (failed && ctx.missing.some((m) => m.deletedBy === 'job-controller') && facts.restartPolicy !== 'OnFailure') {
    out.message(
      'The pods running when the Job failed were deleted with their logs; keep logs in a log backend (or stream them with kubectl logs -f) to see what they were doing.',
    );
  }
  if (failed && facts.ttlSecondsAfterFinished !== null && facts.ttlSecondsAfterFinished < 3600) {
    out.spec(
      `ttlSecondsAfterFinished ${facts.ttlSecondsAfterFinished} deletes the failed Job and its pods soon after it finished: keep failures longer to debug them.`,
      'spec.ttlSecondsAfterFinished',
      { spec: { ttlSecondsAfterFinished: 86400 } },
      true,
    );
  }
  if (failed && facts.owner?.kind === 'CronJob') {
    out.command(
      `CronJob ${facts.owner.name} keeps only failedJobsHistoryLimit failed Jobs (default 1): keep more to compare failures.`,
      `kubectl patch cronjob ${facts.owner.name} -n ${facts.namespace} --type=merge -p '{"spec":{"failedJobsHistoryLimit":3}}'`,
    );
  }
}

// --- helpers ----------------------------------------------------------------------------------

/** The Count rule every counted failure matched, if one did. */
function countedByOneCountRule(groups: FailureGroup[]): number | null {
  const pods = groups.flatMap((g) => g.pods);
  const rules = new Set(pods.map((p) => (p.match?.action === 'Count' ? p.match.rule : -1)));
  if (pods.length === 0 || rules.size !== 1 || rules.has(-1)) return null;
  return [...rules][0]!;
}

/** The single non-signal exit code every counted failure shares, unless a rule already handles it. */
function deterministicExit(
  groups: FailureGroup[],
): { exitCode: number; container: string | null; init: boolean } | undefined {
  if (groups.length !== 1) return undefined;
  const group = groups[0]!;
  if (group.kind !== 'exit' || group.exitCode === null || SIGNAL_EXIT_CODES.has(group.exitCode)) return undefined;
  if (group.pods.some((p) => p.match !== null)) return undefined;
  return { exitCode: group.exitCode, container: group.container, init: group.initContainer };
}

function exitRule(action: 'FailJob' | 'FailIndex', exit: { exitCode: number; container: string | null }): JsonObject {
  return {
    action,
    onExitCodes: {
      ...(exit.container ? { containerName: exit.container } : {}),
      operator: 'In',
      values: [exit.exitCode],
    },
  };
}

/** A pod failure policy requires restartPolicy Never. */
function restartPolicyNever(ctx: Context): JsonObject {
  return ctx.facts.restartPolicy === 'Never' ? {} : { template: { spec: { restartPolicy: 'Never' } } };
}

function parseBytes(quantity: string | undefined): number | undefined {
  const q = parseQuantity(quantity);
  if (!q) return undefined;
  const bytes = Number(q.numerator) / Number(q.denominator);
  return bytes > 0 ? bytes : undefined;
}

function formatBytes(bytes: number): string {
  const gi = 1024 ** 3;
  const mi = 1024 ** 2;
  if (bytes >= gi && bytes % gi === 0) return `${bytes / gi}Gi`;
  return `${Math.ceil(bytes / mi)}Mi`;
}

class Suggestions {
  readonly list: Suggestion[] = [];
  private readonly fields = new Set<string>();
  private readonly texts = new Set<string>();

  spec(message: string, field: string, patch: JsonObject | null, mutable: boolean): void {
    if (this.fields.has(field)) return;
    this.fields.add(field);
    this.list.push({ message, field, patch, mutable, command: null });
  }

  command(message: string, command: string): void {
    if (this.texts.has(command)) return;
    this.texts.add(command);
    this.list.push({ message, field: null, patch: null, mutable: null, command });
  }

  message(message: string): void {
    if (this.texts.has(message)) return;
    this.texts.add(message);
    this.list.push({ message, field: null, patch: null, mutable: null, command: null });
  }

  /** kubectl logs for an attempt's container (--previous for the run before a restart). */
  logs(ctx: Context, pod: PodAnalysis, container: string | null, previous = false): void {
    const flag = container ? ` -c ${container}` : '';
    this.command(
      `Read what ${previous ? 'the last failed run' : 'the last failed attempt'} printed${container ? ` (container ${container})` : ''}.`,
      `kubectl logs ${pod.name}${flag} -n ${ctx.facts.namespace}${previous ? ' --previous' : ''}`,
    );
  }
}
