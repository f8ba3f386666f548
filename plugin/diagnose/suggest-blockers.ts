// Suggestions for a Job that something blocks (blockers.ts): what to check or change for each
// blocker reason, and a deadline for a Job whose pods never fail on their own.
import { obj, secondsBetween, str } from '../../kubernetes/index.ts';
import type { Cause } from './cause.ts';
import type { Context } from './context.ts';
import { templateContainers } from './job-facts.ts';
import { adviceOnly, commands, specChange, type NeverFails, type SuggestionList } from './suggestion-facts.ts';

const HOUR = 3600;

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
      const selects = nodeSelector !== undefined && Object.keys(nodeSelector).length > 0;
      if (nodeSelector && selects && /node affinity\/selector/.test(blocker?.message ?? ''))
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
      const template = container === null ? undefined : templateContainers(facts).get(container);
      const key = template?.init ? 'initContainers' : 'containers';
      const secrets = podSpec?.imagePullSecrets;
      out.add({
        code: 'fix-image',
        container,
        image: blocker?.image ?? null,
        pullSecrets: Array.isArray(secrets) && secrets.length > 0,
        inTemplate: template !== undefined,
        // A container the template does not declare (a webhook injected it) has its image set there.
        ...(template ? specChange(`spec.template.spec.${key}[name=${container}].image`, null, false) : adviceOnly),
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

/** The API server's words for a ValidatingAdmissionPolicy denial (admission/plugin/policy/validating dispatcher). */
const ADMISSION_POLICY_DENIAL = /ValidatingAdmissionPolicy '([^']+)' with binding '([^']+)' denied request/;

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
  } else if (ADMISSION_POLICY_DENIAL.test(message)) {
    const [, policy, binding] = ADMISSION_POLICY_DENIAL.exec(message)!;
    out.add({
      code: 'admission-policy-denies',
      policy: policy!,
      binding: binding!,
      ...commands(`kubectl get validatingadmissionpolicy ${policy!} -o yaml`),
    });
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

/**
 * A Job whose pods never fail waits forever unless a deadline ends it: an hour, or for a Job that
 * has run longer, whole hours that leave it at least half an hour (pastActiveDeadline counts from
 * status.startTime, so a deadline below what it has run would fail it at once).
 */
function deadlineGuard(ctx: Context, out: SuggestionList, neverFails: NeverFails): void {
  const { facts } = ctx;
  if (facts.activeDeadlineSeconds !== null) return;
  const ran = facts.status.startTime === null ? 0 : Math.max(0, secondsBetween(facts.status.startTime, ctx.now));
  const seconds = HOUR * Math.max(1, Math.ceil((ran + HOUR / 2) / HOUR));
  out.add({
    code: 'set-active-deadline',
    neverFails,
    ...specChange('spec.activeDeadlineSeconds', { spec: { activeDeadlineSeconds: seconds } }, true),
  });
}
