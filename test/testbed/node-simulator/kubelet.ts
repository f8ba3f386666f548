// The kubelet part: drives every pod bound to a simulated node through the lifecycle a real node
// would give it, according to its outcome (outcomes.ts).
//
// Level-triggered: each sync looks at the pod's current status and takes the next step (admit →
// start → outcome, with the restart and image-pull detours), writes it with the resourceVersion
// it read, and says when it wants to look again. Timers are derived from the status itself
// (container startedAt, finishedAt), so a restarted simulator carries on where it stopped.
import type { V1ContainerStatus, V1Pod, V1PodCondition, V1PodStatus } from '@kubernetes/client-node';
import { httpStatus, patchPodStatus, type Api } from './api.ts';
import type { Attempts } from './attempts.ts';
import type { EventRecorder, KubeletEvent } from './events.ts';
import { log } from './log.ts';
import type { SimulatedNode } from './nodes.ts';
import {
  describeOutcome,
  isOutcomeError,
  OUTCOME,
  outcomeFor,
  runningMillis,
  targetContainer,
  type Outcome,
  type OutcomeError,
} from './outcomes.ts';
import {
  containersOf,
  exitReason,
  imageID,
  podConditions,
  running,
  terminated,
  waiting,
  type ContainerRef,
  type Phase,
} from './pod-status.ts';
import { millis, rfc3339 } from './time.ts';

/** Sandbox creation and image pull, between admission and the containers running. */
const START_DELAY_MS = 300;
/** ErrImagePull → ImagePullBackOff. */
const PULL_BACKOFF_MS = 1000;
/**
 * CrashLoopBackOff before a restart in place. The real kubelet waits 10 s, doubling to 5 min;
 * the testbed keeps it short so that OnFailure scenarios finish quickly.
 */
const RESTART_BACKOFF_MS = 1000;
/** What a node-pressure eviction says (pkg/kubelet/eviction/helpers.go). */
const EVICTION_MESSAGE = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki. ';

interface Plan {
  attempt: number;
  outcome: Outcome;
  target: ContainerRef;
  runMs: number;
  problems: string[];
}

/** One status transition: what to write, which events to record, when to look again. */
interface Step {
  phase: Phase;
  init: V1ContainerStatus[];
  main: V1ContainerStatus[];
  events: KubeletEvent[];
  summary: string;
  wakeAt?: number;
  podFields?: Partial<V1PodStatus>;
  conditions?: V1PodCondition[];
}

export class Kubelet {
  private readonly api: Api;
  private readonly recorder: EventRecorder;
  private readonly attempts: Attempts;
  private readonly nodes: Map<string, SimulatedNode>;
  private readonly nextHost = new Map<string, number>();
  /** When this simulator wrote the current container states (ms precision; status has seconds). */
  private readonly since = new Map<string, number>();

  constructor(api: Api, recorder: EventRecorder, attempts: Attempts, nodes: SimulatedNode[]) {
    this.api = api;
    this.recorder = recorder;
    this.attempts = attempts;
    this.nodes = new Map(nodes.map((n) => [n.name, n]));
  }

  handles(pod: V1Pod): boolean {
    return this.nodes.has(pod.spec?.nodeName ?? '');
  }

  forget(uid: string): void {
    this.since.delete(uid);
  }

  /** Takes the pod's next step, if due. Returns when to sync again (epoch ms), if ever. */
  async sync(pod: V1Pod): Promise<number | undefined> {
    if (pod.metadata?.deletionTimestamp) return this.terminate(pod);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return undefined;

    const plan = this.plan(pod);
    if (!pod.status?.startTime || !pod.status.containerStatuses?.length) return this.write(pod, this.admit(pod, plan));

    const now = Date.now();
    const status = (ref: ContainerRef) => statusOf(pod, ref);
    const anyStarted = containersOf(pod).some((r) => {
      const s = status(r);
      return s?.state?.running || s?.state?.terminated || s?.lastState?.terminated;
    });
    // When the current state began: as this process wrote it (ms), else as the status says
    // (seconds), else from now on (a simulator restart with nothing in the status to go by).
    const sinceOr = (fallback: Date | string | undefined): number => {
      const uid = pod.metadata!.uid!;
      const known = this.since.get(uid) ?? millis(fallback);
      if (known !== undefined) return known;
      this.since.set(uid, now);
      return now;
    };

    if (plan.outcome.kind === 'image-pull-error' && !anyStarted) {
      const reason = status(plan.target)?.state?.waiting?.reason;
      if (reason === 'ImagePullBackOff') return undefined;
      const due =
        reason === 'ErrImagePull'
          ? sinceOr(undefined) + PULL_BACKOFF_MS
          : sinceOr(pod.status.startTime) + START_DELAY_MS;
      if (now < due) return due;
      return this.write(pod, reason === 'ErrImagePull' ? this.pullBackOff(pod, plan) : this.pullError(pod, plan));
    }
    if (!anyStarted) {
      const due = sinceOr(pod.status.startTime) + START_DELAY_MS;
      return now < due ? due : this.write(pod, this.start(pod, plan, now));
    }

    const runner = this.runner(pod, plan);
    const runnerStatus = status(runner);
    if (runnerStatus?.state?.waiting?.reason === 'CrashLoopBackOff') {
      const due = sinceOr(runnerStatus.lastState?.terminated?.finishedAt) + RESTART_BACKOFF_MS;
      return now < due ? due : this.write(pod, this.restart(pod, plan, runner, now));
    }
    if (runnerStatus?.state?.running) {
      if (
        plan.outcome.kind === 'run' ||
        plan.outcome.kind === 'unschedulable' ||
        plan.outcome.kind === 'image-pull-error'
      ) {
        return undefined;
      }
      const due = sinceOr(runnerStatus.state.running.startedAt) + plan.runMs;
      return now < due ? due : this.write(pod, this.finish(pod, plan, runner, now));
    }
    return undefined;
  }

  // --- decisions -------------------------------------------------------------------------------

  private plan(pod: V1Pod): Plan {
    const problems: string[] = [];
    const attempt = this.attempts.attemptOf(pod);
    const refs = containersOf(pod);
    const wanted = targetContainer(pod);
    let target = refs.find((r) => !r.init) ?? refs[0]!;
    if (isOutcomeError(wanted)) problems.push(wanted.error);
    else target = refs.find((r) => r.spec.name === wanted.name && r.init === wanted.init) ?? target;
    const runMs = runningMillis(pod);
    if (typeof runMs !== 'number') problems.push(runMs.error);
    // With restartPolicy OnFailure each restart in place is a further attempt of the same pod.
    const restarts = statusOf(pod, target)?.restartCount ?? 0;
    // Pods of Deployments and the like (restartPolicy Always) just run unless told otherwise.
    const annotated = Object.keys(pod.metadata?.annotations ?? {}).some((k) => k.startsWith(OUTCOME));
    const outcome: Outcome | OutcomeError =
      pod.spec?.restartPolicy === 'Always' && !annotated ? { kind: 'run' } : outcomeFor(pod, attempt + restarts);
    if (isOutcomeError(outcome)) problems.push(outcome.error);
    return {
      attempt,
      outcome: problems.length > 0 || isOutcomeError(outcome) ? { kind: 'run' } : outcome,
      target,
      runMs: typeof runMs === 'number' ? runMs : 1000,
      problems,
    };
  }

  /** The container whose running time counts: the init target while it has not succeeded. */
  private runner(pod: V1Pod, plan: Plan): ContainerRef {
    if (plan.target.init && statusOf(pod, plan.target)?.state?.terminated?.exitCode !== 0) return plan.target;
    return plan.target.init ? containersOf(pod).find((r) => !r.init)! : plan.target;
  }

  private admit(pod: V1Pod, plan: Plan): Step {
    const node = this.nodes.get(pod.spec!.nodeName!)!;
    const host = this.nextHost.get(node.name) ?? 2;
    this.nextHost.set(node.name, host >= 254 ? 2 : host + 1);
    const podIP = `${node.podNet}.${host}`;
    const refs = containersOf(pod);
    const hasInit = refs.some((r) => r.init);
    const statuses = refs.map((r) => waiting(r, undefined, hasInit ? 'PodInitializing' : 'ContainerCreating'));
    const first = refs[0]!;
    const events: KubeletEvent[] = plan.problems.map((message) => ({
      type: 'Warning',
      reason: 'TestbedOutcomeInvalid',
      message: `${message}; the pod keeps running`,
    }));
    events.push({
      type: 'Normal',
      reason: 'Pulling',
      message: `Pulling image "${first.spec.image}"`,
      container: ref(first),
    });
    return {
      phase: 'Pending',
      ...split(refs, statuses),
      events,
      summary: `admitted on ${node.name} as attempt ${plan.attempt} (${describeOutcome(plan.outcome)})`,
      wakeAt: Date.now() + START_DELAY_MS,
      podFields: {
        hostIP: node.internalIP,
        hostIPs: [{ ip: node.internalIP }],
        podIP,
        podIPs: [{ ip: podIP }],
        startTime: rfc3339() as unknown as Date,
      },
    };
  }

  private start(pod: V1Pod, plan: Plan, now: number): Step {
    const refs = containersOf(pod);
    const failsInInit = plan.target.init && (plan.outcome.kind === 'exit' || plan.outcome.kind === 'oom');
    const events: KubeletEvent[] = [];
    let reachedTarget = false;
    const statuses = refs.map((r, i) => {
      const previous = statusOf(pod, r);
      if (failsInInit && reachedTarget) return waiting(r, previous, 'PodInitializing');
      events.push(...startEvents(r, i > 0));
      if (failsInInit && same(r, plan.target)) {
        reachedTarget = true;
        return running(r, previous, now);
      }
      if (r.init && !r.sidecar) return terminated(r, running(r, previous, now), 0, 'Completed', now);
      return running(r, previous, now);
    });
    return {
      phase: failsInInit ? 'Pending' : 'Running',
      ...split(refs, statuses),
      events,
      summary: failsInInit ? `init container ${plan.target.spec.name} running` : 'running',
      wakeAt: plan.outcome.kind === 'run' ? undefined : now + plan.runMs,
    };
  }

  /** The outcome is due on the runner container. */
  private finish(pod: V1Pod, plan: Plan, runner: ContainerRef, now: number): Step {
    const refs = containersOf(pod);
    const outcome = plan.outcome;
    const restartInPlace = (outcome.kind === 'exit' || outcome.kind === 'oom') && pod.spec?.restartPolicy !== 'Never';

    if (outcome.kind === 'evict') {
      const statuses = refs.map((r) => {
        const s = statusOf(pod, r);
        return s?.state?.running ? terminated(r, s, 137, 'Error', now) : s!;
      });
      return {
        phase: 'Failed',
        ...split(refs, statuses),
        events: [{ type: 'Warning', reason: 'Evicted', message: EVICTION_MESSAGE }, ...killingEvents(pod, refs)],
        summary: 'evicted (DisruptionTarget, TerminationByKubelet)',
        podFields: { reason: 'Evicted', message: EVICTION_MESSAGE },
        conditions: [
          { type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message: EVICTION_MESSAGE },
        ],
      };
    }

    if (outcome.kind === 'exit' || outcome.kind === 'oom') {
      const code = outcome.kind === 'oom' ? 137 : outcome.code;
      const reason = exitReason(code, outcome.kind === 'oom');
      if (restartInPlace) {
        const failed = terminated(runner, statusOf(pod, runner), code, reason, now);
        const crashLooping: V1ContainerStatus = {
          ...failed,
          restartCount: (failed.restartCount ?? 0) + 1,
          lastState: { terminated: failed.state!.terminated! },
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off 10s restarting failed container=${runner.spec.name} pod=${podDesc(pod)}`,
            },
          },
        };
        const statuses = refs.map((r) => (same(r, runner) ? crashLooping : statusOf(pod, r)!));
        return {
          phase: runner.init ? 'Pending' : 'Running',
          ...split(refs, statuses),
          events: [
            {
              type: 'Warning',
              reason: 'BackOff',
              message: `Back-off restarting failed container ${runner.spec.name} in pod ${podDesc(pod)}`,
              container: ref(runner),
            },
          ],
          summary: `container ${runner.spec.name} exited ${code} (${reason}); restarting in place`,
          wakeAt: now + RESTART_BACKOFF_MS,
        };
      }
      // restartPolicy Never: the pod fails. The other containers finish normally.
      const statuses = refs.map((r) => {
        const s = statusOf(pod, r)!;
        if (same(r, runner)) return terminated(r, s, code, reason, now);
        return s.state?.running ? terminated(r, s, 0, 'Completed', now) : s;
      });
      return {
        phase: 'Failed',
        ...split(refs, statuses),
        events: [],
        summary: `container ${runner.spec.name} exited ${code} (${reason}); pod failed`,
      };
    }

    if (runner.init) {
      // The init container succeeded after restarts: the rest of the pod starts now.
      const starting: ContainerRef[] = [];
      const statuses = refs.map((r) => {
        const s = statusOf(pod, r);
        if (same(r, runner)) return terminated(r, s, 0, 'Completed', now);
        if (s?.state?.running || s?.state?.terminated) return s;
        starting.push(r);
        return r.init && !r.sidecar ? terminated(r, running(r, s, now), 0, 'Completed', now) : running(r, s, now);
      });
      return {
        phase: 'Running',
        ...split(refs, statuses),
        events: starting.flatMap((r) => startEvents(r, true)),
        summary: `init container ${runner.spec.name} completed; running`,
        wakeAt: now + plan.runMs,
      };
    }

    // succeed: every container still running exits 0.
    const statuses = refs.map((r) => {
      const s = statusOf(pod, r)!;
      return s.state?.running ? terminated(r, s, 0, 'Completed', now) : s;
    });
    return { phase: 'Succeeded', ...split(refs, statuses), events: [], summary: 'succeeded' };
  }

  private restart(pod: V1Pod, plan: Plan, runner: ContainerRef, now: number): Step {
    const refs = containersOf(pod);
    const previous = statusOf(pod, runner)!;
    // A new container (new containerID); restartCount was already raised when it exited.
    const restarted = running(runner, { ...previous, containerID: undefined }, now);
    const statuses = refs.map((r) => (same(r, runner) ? restarted : statusOf(pod, r)!));
    return {
      phase: runner.init ? 'Pending' : 'Running',
      ...split(refs, statuses),
      events: [
        {
          type: 'Normal',
          reason: 'Pulled',
          message: `Container image "${runner.spec.image}" already present on machine`,
          container: ref(runner),
        },
        { type: 'Normal', reason: 'Created', message: 'Container created', container: ref(runner) },
        { type: 'Normal', reason: 'Started', message: 'Container started', container: ref(runner) },
      ],
      summary: `container ${runner.spec.name} restarted (restartCount ${previous.restartCount}; next: ${describeOutcome(plan.outcome)})`,
      wakeAt: now + plan.runMs,
    };
  }

  private pullError(pod: V1Pod, plan: Plan): Step {
    const refs = containersOf(pod);
    const image = plan.target.spec.image ?? '';
    const error = `rpc error: code = NotFound desc = failed to pull and unpack image "${imageRef(image)}": failed to resolve reference "${imageRef(image)}": ${imageRef(image)}: not found`;
    const statuses = refs.map((r) =>
      same(r, plan.target) ? waiting(r, statusOf(pod, r), 'ErrImagePull', error) : statusOf(pod, r)!,
    );
    const events: KubeletEvent[] = [];
    if (!same(refs[0]!, plan.target)) {
      events.push({
        type: 'Normal',
        reason: 'Pulling',
        message: `Pulling image "${image}"`,
        container: ref(plan.target),
      });
    }
    events.push(
      {
        type: 'Warning',
        reason: 'Failed',
        message: `Failed to pull image "${image}": ${error}`,
        container: ref(plan.target),
      },
      { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', container: ref(plan.target) },
    );
    return {
      phase: 'Pending',
      ...split(refs, statuses),
      events,
      summary: `image pull of ${image} failed (ErrImagePull)`,
      wakeAt: Date.now() + PULL_BACKOFF_MS,
    };
  }

  private pullBackOff(pod: V1Pod, plan: Plan): Step {
    const refs = containersOf(pod);
    const image = plan.target.spec.image ?? '';
    const previous = statusOf(pod, plan.target);
    const message = `Back-off pulling image "${image}": ErrImagePull: ${previous?.state?.waiting?.message ?? ''}`;
    const statuses = refs.map((r) =>
      same(r, plan.target) ? waiting(r, previous, 'ImagePullBackOff', message) : statusOf(pod, r)!,
    );
    return {
      phase: 'Pending',
      ...split(refs, statuses),
      events: [
        {
          type: 'Normal',
          reason: 'BackOff',
          message: `Back-off pulling image "${image}"`,
          container: ref(plan.target),
        },
        { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff', container: ref(plan.target) },
      ],
      summary: `image pull of ${image} backing off (ImagePullBackOff)`,
    };
  }

  // --- graceful deletion -----------------------------------------------------------------------

  /**
   * A pod being deleted: SIGTERM to its containers (a running process that does not trap it exits
   * 143), phase to Failed (or Succeeded if everything had exited 0), then the final DELETE with
   * grace period 0 that only the kubelet makes. Finalizers (the Job controller's job-tracking one)
   * keep the object until their owner removes them; the API server then removes the pod.
   */
  private async terminate(pod: V1Pod): Promise<number | undefined> {
    const phase = pod.status?.phase;
    if (phase !== 'Succeeded' && phase !== 'Failed') {
      const now = Date.now();
      const refs = containersOf(pod);
      const statuses = refs.map((r) => {
        const s = statusOf(pod, r) ?? waiting(r, undefined, 'ContainerCreating');
        if (s.state?.running) return terminated(r, s, 143, 'Error', now);
        if (s.state?.waiting) {
          return terminated(
            r,
            s,
            137,
            'ContainerStatusUnknown',
            now,
            'The container could not be located when the pod was terminated',
          );
        }
        return s;
      });
      const regular = statuses.slice(refs.filter((r) => r.init).length);
      const allZero = regular.every((s) => s.state?.terminated?.exitCode === 0);
      await this.write(pod, {
        phase: allZero ? 'Succeeded' : 'Failed',
        ...split(refs, statuses),
        events: killingEvents(pod, refs),
        summary: 'being deleted: containers stopped',
      });
      await this.finalDelete(pod);
    } else if ((pod.metadata?.deletionGracePeriodSeconds ?? 0) > 0) {
      await this.finalDelete(pod);
    }
    return undefined;
  }

  private async finalDelete(pod: V1Pod): Promise<void> {
    const { name, namespace, uid } = pod.metadata!;
    try {
      await this.api.core.deleteNamespacedPod({
        name: name!,
        namespace: namespace!,
        gracePeriodSeconds: 0,
        body: { gracePeriodSeconds: 0, preconditions: { uid: uid! } },
      });
      log(`${namespace}/${name}: deleted with grace period 0`);
    } catch (err) {
      const code = httpStatus(err);
      // 404: already gone; 409: the uid precondition failed, i.e. a new pod with the same name.
      if (code !== 404 && code !== 409) throw err;
    }
  }

  // --- writing ---------------------------------------------------------------------------------

  /**
   * Writes a step (a 409 propagates to the caller, which re-reads the pod and syncs again), then
   * records its events. Returns the step's wake-up time.
   */
  private async write(pod: V1Pod, step: Step): Promise<number | undefined> {
    const status: V1PodStatus = {
      ...step.podFields,
      phase: step.phase,
      conditions: podConditions(pod, step.phase, step.init, step.main, step.conditions),
      containerStatuses: step.main,
      ...(step.init.length > 0 ? { initContainerStatuses: step.init } : {}),
      ...(pod.metadata?.generation !== undefined ? { observedGeneration: pod.metadata.generation } : {}),
    };
    let written: V1Pod;
    try {
      written = await patchPodStatus(this.api, pod, status);
    } catch (err) {
      if (httpStatus(err) === 404) return undefined; // deleted meanwhile: nothing left to drive
      throw err;
    }
    this.since.set(pod.metadata!.uid!, Date.now());
    log(`${pod.metadata!.namespace}/${pod.metadata!.name}: ${step.summary} [${step.phase}]`);
    const node = pod.spec!.nodeName!;
    for (const event of step.events) await this.recorder.kubelet(written, node, event);
    return step.wakeAt;
  }
}

// --- helpers -------------------------------------------------------------------------------------

function statusOf(pod: V1Pod, r: ContainerRef): V1ContainerStatus | undefined {
  const list = r.init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses;
  return list?.find((s) => s.name === r.spec.name);
}

function split(
  refs: ContainerRef[],
  statuses: V1ContainerStatus[],
): { init: V1ContainerStatus[]; main: V1ContainerStatus[] } {
  return {
    init: statuses.filter((_, i) => refs[i]!.init),
    main: statuses.filter((_, i) => !refs[i]!.init),
  };
}

function ref(r: ContainerRef): { name: string; init: boolean } {
  return { name: r.spec.name, init: r.init };
}

/** `name_namespace(uid)`, how the kubelet names a pod in messages (pkg/kubelet/util/format). */
function podDesc(pod: V1Pod): string {
  return `${pod.metadata!.name}_${pod.metadata!.namespace}(${pod.metadata!.uid})`;
}

function imageRef(image: string): string {
  return (
    imageID(image).replace(/@sha256:.*$/, '') + (image.includes(':') ? image.slice(image.lastIndexOf(':')) : ':latest')
  );
}

function startEvents(r: ContainerRef, pulling: boolean): KubeletEvent[] {
  const image = r.spec.image ?? '';
  const bytes = 20_000_000 + (parseInt(imageID(image).slice(-6), 16) % 200_000_000);
  return [
    ...(pulling
      ? [{ type: 'Normal' as const, reason: 'Pulling', message: `Pulling image "${image}"`, container: ref(r) }]
      : []),
    {
      type: 'Normal',
      reason: 'Pulled',
      message: `Successfully pulled image "${image}" in 212ms (212ms including waiting). Image size: ${bytes} bytes.`,
      container: ref(r),
    },
    { type: 'Normal', reason: 'Created', message: 'Container created', container: ref(r) },
    { type: 'Normal', reason: 'Started', message: 'Container started', container: ref(r) },
  ];
}

function killingEvents(pod: V1Pod, refs: ContainerRef[]): KubeletEvent[] {
  return refs
    .filter((r) => statusOf(pod, r)?.state?.running)
    .map((r) => ({
      type: 'Normal',
      reason: 'Killing',
      message: `Stopping container ${r.spec.name}`,
      container: ref(r),
    }));
}

/** Container refs are rebuilt from the spec on every sync: compare them by identity in the spec. */
function same(a: ContainerRef, b: ContainerRef): boolean {
  return a.spec.name === b.spec.name && a.init === b.init;
}
