// Suggestions for a Job that something blocks (blockers.ts): what to check or change for each
// blocker reason, and a deadline for a Job whose pods never fail on their own.
import { obj, str } from '../../kubernetes/index.ts';
import type { Cause } from './cause.ts';
import type { Context } from './context.ts';
import { adviceOnly, commands, specChange, type NeverFails, type SuggestionList } from './suggestion-facts.ts';

export function blockerSuggestions(ctx: Context, cause: Cause, out: SuggestionList): void {
  const { facts } = ctx;
  const ns = facts.namespace;
  const blocker = ctx.blockers[0];
  const podSpec = obj(obj(facts.spec, 'template'), 'spec');
  switch (cause.reason) {
    case 'ParallelismZero':
      out.add({
        code: 'raise-parallelism',
        ...specChange(
          'spec.parallelism',
          { spec: { parallelism: Math.max(1, Math.min(facts.completions ?? 1, 1)) } },
          true,
        ),
      });
      break;
    case 'PodCreationFailing':
      creationSuggestions(ctx, blocker?.message ?? '', out);
      break;
    case 'PodsUnschedulable': {
      const pod = blocker?.pods[0];
      if (pod)
        out.add({ code: 'unschedulable', pod: pod.name, ...commands(`kubectl describe pod ${pod.name} -n ${ns}`) });
      const nodeSelector = obj(podSpec, 'nodeSelector');
      if (nodeSelector && /node affinity\/selector/.test(blocker?.message ?? ''))
        out.add({ code: 'node-selector-matches-no-node', nodeSelector, ...adviceOnly });
      deadlineGuard(ctx, out, 'never-scheduled');
      break;
    }
    case 'PodsNotScheduled':
      out.add({
        code: 'scheduler-not-acting',
        scheduler: str(podSpec, 'schedulerName') ?? 'default-scheduler',
        ...adviceOnly,
      });
      deadlineGuard(ctx, out, 'never-scheduled');
      break;
    case 'PodsNotStarting': {
      const node = blocker?.pods[0]?.attempt.node;
      if (node) out.add({ code: 'node-not-reporting', node, ...commands(`kubectl describe node ${node}`) });
      deadlineGuard(ctx, out, 'never-starts');
      break;
    }
    case 'PodsSchedulingGated':
      out.add({ code: 'scheduling-gates-stay', ...adviceOnly });
      deadlineGuard(ctx, out, 'gated');
      break;
    case 'ImagePullFailing': {
      const container = blocker?.container ?? null;
      const field = container
        ? `spec.template.spec.containers[name=${container}].image`
        : 'spec.template.spec.containers';
      out.add({
        code: 'fix-image',
        container,
        image: blocker?.image ?? null,
        pullSecrets: false,
        ...specChange(field, null, false),
      });
      deadlineGuard(ctx, out, 'image-pull');
      break;
    }
    case 'ContainerConfigError':
    case 'VolumeMountFailing': {
      const pod = blocker?.pods[0];
      const look = pod ? `kubectl describe pod ${pod.name} -n ${ns}` : `kubectl get events -n ${ns}`;
      out.add({
        code: cause.reason === 'ContainerConfigError' ? 'container-config' : 'volume-mount',
        ...commands(look),
      });
      deadlineGuard(ctx, out, 'never-starts');
      break;
    }
    default:
      break;
  }
}

/** FailedCreate: who refuses the pods, from the API server's message. */
function creationSuggestions(ctx: Context, message: string, out: SuggestionList): void {
  const { facts } = ctx;
  const ns = facts.namespace;
  if (/exceeded quota|forbidden: failed quota/.test(message)) {
    out.add({ code: 'resource-quota', namespace: ns, ...commands(`kubectl describe resourcequota -n ${ns}`) });
    if (facts.parallelism > 1) {
      const parallelism = Math.max(1, Math.floor(facts.parallelism / 2));
      out.add({ code: 'fewer-pods-for-quota', ...specChange('spec.parallelism', { spec: { parallelism } }, true) });
    }
  } else if (/admission webhook|denied the request/.test(message)) {
    out.add({ code: 'admission-webhook-denies', ...adviceOnly });
  } else if (/violates PodSecurity/.test(message)) {
    out.add({ code: 'pod-security-refuses', ...adviceOnly });
  } else if (/LimitRange|must be less than or equal to|minimum .* usage/.test(message)) {
    out.add({ code: 'limit-range', namespace: ns, ...commands(`kubectl describe limitrange -n ${ns}`) });
  } else {
    out.add({ code: 'fix-failed-create', ...adviceOnly });
  }
}

/** A Job whose pods never fail waits forever unless a deadline ends it. */
function deadlineGuard(ctx: Context, out: SuggestionList, neverFails: NeverFails): void {
  if (ctx.facts.activeDeadlineSeconds !== null) return;
  out.add({
    code: 'set-active-deadline',
    neverFails,
    ...specChange('spec.activeDeadlineSeconds', { spec: { activeDeadlineSeconds: 3600 } }, true),
  });
}
