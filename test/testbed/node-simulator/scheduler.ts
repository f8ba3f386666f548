// The scheduler part: binds pending pods to a simulated node through the Binding subresource, as
// kube-scheduler does, or reports them unschedulable (PodScheduled=False, FailedScheduling).
//
// It filters on what Job pods commonly ask for: nodeSelector and resource requests (each pod
// against a node's allocatable; no bin-packing across pods). Affinity, taints and topology
// spread are not evaluated. The `unschedulable` outcome makes any pod unschedulable.
import type { V1Pod, V1PodCondition } from '@kubernetes/client-node';
import { patchPodStatus, httpStatus, type Api } from './api.ts';
import type { Attempts } from './attempts.ts';
import type { EventRecorder } from './events.ts';
import { log } from './log.ts';
import { ALLOCATABLE, SIMULATED_LABEL, type SimulatedNode } from './nodes.ts';
import { isOutcomeError, outcomeFor } from './outcomes.ts';
import { rfc3339 } from './time.ts';

export class Scheduler {
  private readonly api: Api;
  private readonly recorder: EventRecorder;
  private readonly attempts: Attempts;
  private readonly nodes: SimulatedNode[];
  /** How many live pods each node holds, for spreading (fed by the caller from its cache). */
  private readonly load: (node: string) => number;

  constructor(
    api: Api,
    recorder: EventRecorder,
    attempts: Attempts,
    nodes: SimulatedNode[],
    load: (node: string) => number,
  ) {
    this.api = api;
    this.recorder = recorder;
    this.attempts = attempts;
    this.nodes = nodes;
    this.load = load;
  }

  handles(pod: V1Pod): boolean {
    const phase = pod.status?.phase;
    return (
      !pod.spec?.nodeName &&
      !pod.metadata?.deletionTimestamp &&
      (phase === undefined || phase === 'Pending') &&
      (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler'
    );
  }

  async sync(pod: V1Pod): Promise<number | undefined> {
    if ((pod.spec?.schedulingGates ?? []).length > 0) {
      await this.markUnscheduled(pod, 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates');
      return undefined;
    }
    const outcome = outcomeFor(pod, this.attempts.attemptOf(pod));
    const total = this.nodes.length;
    if (!isOutcomeError(outcome) && outcome.kind === 'unschedulable') {
      await this.markUnschedulable(
        pod,
        `0/${total} nodes are available: ${total} node(s) didn't match Pod's node affinity/selector. ` +
          `preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
      );
      return undefined;
    }

    const reasons = new Map<string, number>();
    const fitting = this.nodes.filter((node) => {
      const why = misfit(pod, node);
      for (const reason of why) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      return why.length === 0;
    });
    if (fitting.length === 0) {
      const resourceOnly = [...reasons.keys()].every((r) => r.startsWith('Insufficient'));
      const list = [...reasons.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([reason, count]) => `${count} ${reason}`)
        .join(', ');
      const preemption = resourceOnly
        ? 'No preemption victims found for incoming pod'
        : 'Preemption is not helpful for scheduling';
      await this.markUnschedulable(
        pod,
        `0/${total} nodes are available: ${list}. preemption: 0/${total} nodes are available: ${total} ${preemption}.`,
      );
      return undefined;
    }

    const node = fitting.reduce((best, n) => (this.load(n.name) < this.load(best.name) ? n : best));
    const { name, namespace } = pod.metadata!;
    try {
      await this.api.core.createNamespacedPodBinding({
        name: name!,
        namespace: namespace!,
        body: {
          metadata: { name: name!, namespace: namespace! },
          target: { apiVersion: 'v1', kind: 'Node', name: node.name },
        },
      });
    } catch (err) {
      // 409: bound meanwhile (or a new pod with that name); the watch brings the news.
      if (httpStatus(err) === 409) return undefined;
      throw err;
    }
    log(`${namespace}/${name}: bound to ${node.name}`);
    await this.recorder.scheduler(
      pod,
      'Normal',
      'Scheduled',
      'Binding',
      `Successfully assigned ${namespace}/${name} to ${node.name}`,
    );
    return undefined;
  }

  private async markUnschedulable(pod: V1Pod, message: string): Promise<void> {
    if (await this.markUnscheduled(pod, 'Unschedulable', message)) {
      await this.recorder.scheduler(pod, 'Warning', 'FailedScheduling', 'Scheduling', message);
    }
  }

  /** Sets PodScheduled=False once per reason and message; true if it wrote. */
  private async markUnscheduled(pod: V1Pod, reason: string, message: string): Promise<boolean> {
    const existing = pod.status?.conditions ?? [];
    const current = existing.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.reason === reason && current.message === message) return false;
    const condition: V1PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      reason,
      message,
      lastProbeTime: null as unknown as Date,
      lastTransitionTime: (current?.status === 'False' ? current.lastTransitionTime : rfc3339()) as Date,
      ...(pod.metadata?.generation !== undefined ? { observedGeneration: pod.metadata.generation } : {}),
    };
    await patchPodStatus(this.api, pod, {
      phase: 'Pending',
      conditions: [...existing.filter((c) => c.type !== 'PodScheduled'), condition],
    });
    log(`${pod.metadata!.namespace}/${pod.metadata!.name}: not scheduled (${reason})`);
    return true;
  }
}

/** Why a pod does not fit a node, in the scheduler's words; empty if it fits. */
function misfit(pod: V1Pod, node: SimulatedNode): string[] {
  const reasons: string[] = [];
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': node.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'topology.kubernetes.io/zone': node.zone,
    [SIMULATED_LABEL]: 'true',
  };
  const selector = pod.spec?.nodeSelector ?? {};
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
    reasons.push("node(s) didn't match Pod's node affinity/selector");
  }
  const requests = podRequests(pod);
  for (const [resource, amount] of requests) {
    const capacity =
      resource === 'cpu'
        ? ALLOCATABLE.cpuMillis
        : resource === 'memory'
          ? ALLOCATABLE.memoryBytes
          : resource === 'pods'
            ? ALLOCATABLE.pods
            : 0;
    if (resource === 'ephemeral-storage') continue;
    if (amount > capacity) reasons.push(`Insufficient ${resource}`);
  }
  return reasons;
}

/** Effective requests: the larger of the sum over containers and any single init container. */
function podRequests(pod: V1Pod): Map<string, number> {
  const sum = new Map<string, number>();
  const add = (into: Map<string, number>, requests: Record<string, string> | undefined) => {
    for (const [name, value] of Object.entries(requests ?? {}))
      into.set(name, (into.get(name) ?? 0) + quantity(name, value));
  };
  for (const c of pod.spec?.containers ?? []) add(sum, c.resources?.requests as Record<string, string> | undefined);
  for (const c of pod.spec?.initContainers ?? []) {
    const one = new Map<string, number>();
    add(one, c.resources?.requests as Record<string, string> | undefined);
    if (c.restartPolicy === 'Always') add(sum, c.resources?.requests as Record<string, string> | undefined);
    else for (const [k, v] of one) sum.set(k, Math.max(sum.get(k) ?? 0, v));
  }
  return sum;
}

const SUFFIX: Record<string, number> = {
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  m: 1e-3,
  '': 1,
};

/** A resource.Quantity as a number: millicores for cpu, plain units otherwise. */
function quantity(resource: string, text: string): number {
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$/.exec(String(text).trim());
  if (!match) return Number.POSITIVE_INFINITY;
  const value = Number(match[1]) * SUFFIX[match[2] ?? '']!;
  return resource === 'cpu' ? value * 1000 : value;
}
