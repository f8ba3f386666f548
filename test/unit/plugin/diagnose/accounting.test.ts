// Retry accounting, backoff, deadline and stuck detection on small snapshots built by hand, for
// the cases a recording cannot pin down (timing) or does not cover. The controller behaviour each
// case encodes is cited from pkg/controller/job (Kubernetes 1.36).
import { describe, expect, test } from '@jest/globals';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import type { RawCondition, RawContainerStatus, RawEvent, RawJob, RawPod } from '../../../../kubernetes/objects.ts';
import type { JobSnapshot } from '../../../../plugin/job-snapshot.ts';

const T0 = Date.parse('2026-05-01T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');

function job(spec: Record<string, unknown> = {}, status: RawJob['status'] = {}): RawJob {
  return {
    metadata: { name: 'work', namespace: 'ns', uid: 'uid-1', creationTimestamp: at(0) },
    spec: {
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      suspend: false,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
      ...spec,
    },
    status: { startTime: at(0), ...status },
  };
}

let serial = 0;
interface PodOptions {
  phase: string;
  created?: number;
  finished?: number;
  exitCode?: number;
  index?: number;
  failureCount?: number | string;
  conditions?: RawCondition[];
  deleted?: number;
  restarts?: number;
  waiting?: string;
  reason?: string;
}
function pod(o: PodOptions): RawPod {
  serial++;
  const container: RawContainerStatus =
    o.phase === 'Succeeded' || o.phase === 'Failed'
      ? {
          name: 'main',
          restartCount: o.restarts ?? 0,
          state: {
            terminated: {
              exitCode: o.exitCode ?? (o.phase === 'Succeeded' ? 0 : 1),
              reason: o.phase === 'Succeeded' ? 'Completed' : 'Error',
              startedAt: at((o.finished ?? 1) - 1),
              finishedAt: at(o.finished ?? 1),
            },
          },
        }
      : o.waiting
        ? {
            name: 'main',
            restartCount: o.restarts ?? 0,
            state: { waiting: { reason: o.waiting, message: `${o.waiting} happened` } },
          }
        : {
            name: 'main',
            restartCount: o.restarts ?? 0,
            state: { running: { startedAt: at(o.created ?? 0) } },
            lastState: o.restarts ? { terminated: { exitCode: 2, reason: 'Error' } } : {},
          };
  const annotations: Record<string, string> = {};
  if (o.index !== undefined) annotations['batch.kubernetes.io/job-completion-index'] = String(o.index);
  if (o.failureCount !== undefined) annotations['batch.kubernetes.io/job-index-failure-count'] = String(o.failureCount);
  return {
    metadata: {
      name: `work-${o.index !== undefined ? `${o.index}-` : ''}p${serial}`,
      namespace: 'ns',
      creationTimestamp: at(o.created ?? 0),
      annotations,
      ...(o.deleted !== undefined ? { deletionTimestamp: at(o.deleted), deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: { nodeName: o.phase === 'Pending' && !o.waiting ? undefined : 'node-1' },
    status: { phase: o.phase, reason: o.reason, containerStatuses: [container], conditions: o.conditions ?? [] },
  };
}

const snapshot = (j: RawJob, pods: RawPod[], now: number, events: RawEvent[] = []): JobSnapshot => ({
  job: j,
  pods,
  events,
  now: at(now),
  logTail: null,
});

describe('failure backoff (backoff_utils.go)', () => {
  test('10 s after the first failure, doubling: after two failures the next pod waits 20 s from the last one', () => {
    const out = diagnose(
      snapshot(
        job({}, { failed: 2 }),
        [pod({ phase: 'Failed', finished: 10 }), pod({ phase: 'Failed', created: 20, finished: 30 })],
        40,
      ),
    );
    expect(out.retries).toMatchObject({
      counted: 2,
      budget: 6,
      remaining: 4,
      failuresSinceLastSuccess: 2,
      nextRetryInSeconds: 10,
    });
    expect([out.state, out.reason]).toEqual(['Running', 'WaitingForBackoff']);
    expect(out.verdict).toMatch(/waiting 10s before the next attempt/);
  });

  test('a success resets the count to the failures after it', () => {
    const j = job({ completions: 3 }, { failed: 2, succeeded: 1 });
    const out = diagnose(
      snapshot(
        j,
        [
          pod({ phase: 'Failed', finished: 10 }),
          pod({ phase: 'Succeeded', finished: 20 }),
          pod({ phase: 'Failed', finished: 30 }),
        ],
        35,
      ),
    );
    expect(out.retries).toMatchObject({ failuresSinceLastSuccess: 1, nextRetryInSeconds: 5 });
  });

  test('the delay is capped at 600 s', () => {
    const failures = Array.from({ length: 9 }, (_, i) => pod({ phase: 'Failed', finished: 10 + i }));
    const out = diagnose(snapshot(job({ backoffLimit: 20 }, { failed: 9 }), failures, 18));
    expect(out.retries.nextRetryInSeconds).toBe(600);
  });

  test('0 once the delay has passed; null while a pod runs (no replacement is due)', () => {
    expect(
      diagnose(snapshot(job({}, { failed: 1 }), [pod({ phase: 'Failed', finished: 10 })], 25)).retries
        .nextRetryInSeconds,
    ).toBe(0);
    const out = diagnose(
      snapshot(
        job({}, { failed: 1, active: 1 }),
        [pod({ phase: 'Failed', finished: 10 }), pod({ phase: 'Running', created: 21 })],
        25,
      ),
    );
    expect(out.retries.nextRetryInSeconds).toBeNull();
    expect([out.state, out.reason]).toEqual(['Running', 'Retrying']);
  });

  test('failures ignored by the pod failure policy still feed the backoff, but are not counted', () => {
    const policy = {
      podFailurePolicy: {
        rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
      },
      podReplacementPolicy: 'Failed',
    };
    const evicted = pod({
      phase: 'Failed',
      finished: 10,
      exitCode: 137,
      reason: 'Evicted',
      conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' }],
    });
    const out = diagnose(snapshot(job(policy, { failed: 0 }), [evicted], 15));
    expect(out.retries).toMatchObject({ counted: 0, ignored: 1, failuresSinceLastSuccess: 1, nextRetryInSeconds: 5 });
    expect(out.attempts[0]).toMatchObject({
      failed: true,
      counted: false,
      policyAction: 'Ignore',
      disruption: { reason: 'EvictionByEvictionAPI' },
      reason: 'Evicted',
    });
  });

  test('per index: the next pod of an index waits by the failure count on its last failed pod', () => {
    const spec = {
      completionMode: 'Indexed',
      completions: 2,
      parallelism: 2,
      backoffLimitPerIndex: 2,
      backoffLimit: 2147483647,
    };
    const pods = [
      pod({ phase: 'Failed', index: 0, failureCount: 0, finished: 10 }),
      pod({ phase: 'Failed', index: 0, failureCount: 1, created: 20, finished: 30 }),
      pod({ phase: 'Running', index: 1, failureCount: 0 }),
    ];
    const out = diagnose(
      snapshot(job(spec, { failed: 2, active: 1, failedIndexes: '', completedIndexes: '' }), pods, 40),
    );
    expect(out.retries.perIndex).toEqual({
      limit: 2,
      maxFailedIndexes: null,
      failedIndexes: '',
      failedIndexCount: 0,
      // 2 failures so far (annotation 1 + the failed newest pod): 20 s from 30 s → 10 s left.
      indexes: [{ index: 0, counted: 2, ignored: 0, failed: false, nextRetryInSeconds: 10 }],
    });
    expect(out.retries.nextRetryInSeconds).toBeNull();
  });
});

describe('the per-index annotations as the controller reads them (indexed_job_utils.go)', () => {
  // parseIndexFailureCountAnnotation reads a present key through parseInt32 (strconv.Atoi, then 0
  // for what it cannot read or what falls outside int32): diagnose used to show such a pod as
  // having no count at all, and to reject a sign that Atoi accepts (TestGetIndexFailureCount).
  test('a present job-index-failure-count is a count, 0 when unreadable; a missing one is null', () => {
    const spec = { completionMode: 'Indexed', completions: 4, parallelism: 4, backoffLimitPerIndex: 3 };
    const pods = [
      pod({ phase: 'Running', index: 0, failureCount: 'xyz' }),
      pod({ phase: 'Running', index: 1, failureCount: '+2' }),
      pod({ phase: 'Running', index: 2, failureCount: '2147483648' }),
      pod({ phase: 'Running', index: 3 }),
    ];
    const out = diagnose(snapshot(job(spec, { active: 4, completedIndexes: '', failedIndexes: '' }), pods, 10));
    expect(out.attempts.map((a) => [a.index, a.indexFailureCount])).toEqual([
      [0, 0],
      [1, 2],
      [2, 0],
      [3, null],
    ]);
  });
});

describe('restartPolicy OnFailure (pastBackoffLimitOnFailure)', () => {
  const onFailure = (backoffLimit: number, restarts: number) =>
    diagnose(
      snapshot(
        job(
          { backoffLimit, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main' }] } } },
          { active: 1 },
        ),
        [pod({ phase: 'Running', restarts })],
        30,
      ),
    );

  test('restarts of running pods count: the Job fails when they reach backoffLimit', () => {
    expect(onFailure(3, 1).retries).toMatchObject({ restartsCounted: 1, remaining: 1 });
    expect(onFailure(3, 2).retries.remaining).toBe(0);
  });

  test('with backoffLimit 0 the first restart fails the Job', () => {
    expect(onFailure(0, 0).retries.remaining).toBe(0);
  });

  // TestJobBackoffForOnFailure "too many job failures with podRunning - multiple pods": the
  // restarts fail the Job, then its running pods are deleted and counted as failed. With three
  // of them status.failed ends at 3, past backoffLimit 2, though no pod had failed when the
  // controller decided: only restarts can have reached the limit.
  const failedByRestarts = (backoffLimit: number, pods: number) => {
    const decided = 20;
    const conditions = ['FailureTarget', 'Failed'].map((type) => ({
      type,
      status: 'True',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
      lastTransitionTime: at(decided),
    }));
    const names = Array.from({ length: pods }, (_, i) => `work-gone-${i}`);
    const events: RawEvent[] = names.map((name, i) => ({
      metadata: { name: `work.${i}`, namespace: 'ns' },
      involvedObject: { kind: 'Job', name: 'work', namespace: 'ns' },
      type: 'Normal',
      reason: 'SuccessfulDelete',
      message: `Deleted pod: ${name}`,
      count: 1,
      firstTimestamp: at(decided),
      lastTimestamp: at(decided),
    }));
    const spec = {
      backoffLimit,
      completions: pods,
      parallelism: pods,
      template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main' }] } },
    };
    return diagnose(snapshot(job(spec, { failed: pods, conditions }), [], 30, events));
  };

  test('a Job its restarts failed: the restarts counted are the ones that reached the limit', () => {
    for (const [backoffLimit, pods, restarts] of [
      [2, 1, 2],
      [2, 3, 2],
      [0, 1, 1],
    ] as const) {
      const out = failedByRestarts(backoffLimit, pods);
      expect([backoffLimit, pods, out.retries.restartsCounted]).toEqual([backoffLimit, pods, restarts]);
      expect(out.verdict).toMatch(new RegExp(`^Failed: backoffLimit ${backoffLimit} reached by container restarts`));
    }
  });

  test('a Job its failed pods failed: no restart is inferred', () => {
    const conditions = [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: at(20) }];
    const spec = {
      backoffLimit: 1,
      template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main' }] } },
    };
    const pods = [pod({ phase: 'Failed', finished: 5 }), pod({ phase: 'Failed', created: 6, finished: 15 })];
    const out = diagnose(snapshot(job(spec, { failed: 2, conditions }), pods, 30));
    expect(out.retries.restartsCounted).toBe(0);
    expect(out.verdict).toMatch(/^Failed: backoffLimit 1 exceeded/);
  });

  // FailureTarget, pods still terminating: the pod deleted because the Job failed keeps the
  // tracking finalizer until the controller counts it, so status.failed does not hold it yet and
  // the three evictions alone (3 > backoffLimit 2) failed the Job.
  test('failed pods that exceeded the limit, one pod still terminating: no restart is inferred', () => {
    const conditions = [
      { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: at(20) },
    ];
    const spec = {
      backoffLimit: 2,
      parallelism: 4,
      completions: 4,
      template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main' }] } },
    };
    const evicted = [1, 2, 3].map((n) => pod({ phase: 'Failed', reason: 'Evicted', finished: 5 + n }));
    const terminating = pod({ phase: 'Running', deleted: 50 });
    terminating.metadata.finalizers = ['batch.kubernetes.io/job-tracking'];
    const out = diagnose(snapshot(job(spec, { failed: 3, conditions }), [...evicted, terminating], 22));
    expect(out.retries.restartsCounted).toBe(0);
    expect(out.verdict).not.toMatch(/reached by container restarts/);
  });

  test('the running attempt shows its last exit and suggests restartPolicy Never', () => {
    const out = onFailure(3, 2);
    expect(out.attempts[0]!.lastTermination).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(out.suggestions.map((s) => s.field)).toContain('spec.template.spec.restartPolicy');
  });
});

describe('which failures count (isPodFailed, trackJobStatusAndRemoveFinalizers)', () => {
  test('TerminatingOrFailed without a pod failure policy: a pod being deleted counts as failed at once', () => {
    const out = diagnose(snapshot(job({}, { failed: 1 }), [pod({ phase: 'Running', deleted: 50 })], 30));
    expect(out.attempts[0]).toMatchObject({ terminating: true, failed: true, counted: true });
  });

  test('podReplacementPolicy Failed: a pod being deleted is not a failure until it has finished', () => {
    const out = diagnose(
      snapshot(
        job({ podReplacementPolicy: 'Failed' }, { terminating: 1 }),
        [pod({ phase: 'Running', deleted: 50 })],
        30,
      ),
    );
    expect(out.attempts[0]).toMatchObject({ terminating: true, failed: false, counted: null });
  });

  test('an Indexed Job does not count a pod whose index is at or above completions', () => {
    const spec = { completionMode: 'Indexed', completions: 1, parallelism: 1 };
    const out = diagnose(
      snapshot(job(spec, { completedIndexes: '' }), [pod({ phase: 'Failed', index: 3, finished: 5 })], 30),
    );
    expect(out.attempts[0]).toMatchObject({ failed: true, counted: false });
  });
});

describe('deadline (pastActiveDeadline)', () => {
  test('time left while running', () => {
    const out = diagnose(snapshot(job({ activeDeadlineSeconds: 100 }, { active: 1 }), [pod({ phase: 'Running' })], 30));
    expect(out.deadline).toEqual({
      activeDeadlineSeconds: 100,
      startTime: at(0),
      elapsedSeconds: 30,
      remainingSeconds: 70,
      exceeded: false,
    });
  });

  test('suspended: no start time, nothing runs down', () => {
    const suspended = job({ activeDeadlineSeconds: 100, suspend: true }, {});
    delete suspended.status!.startTime;
    expect(diagnose(snapshot(suspended, [], 30)).deadline).toEqual({
      activeDeadlineSeconds: 100,
      startTime: null,
      elapsedSeconds: null,
      remainingSeconds: null,
      exceeded: false,
    });
  });
});

describe('stuck or blocked', () => {
  test('a running pod beside an unschedulable one: Running, but the reason names the blocker', () => {
    const unschedulable = pod({
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 3 Insufficient cpu.',
        },
      ],
    });
    const out = diagnose(
      snapshot(job({ completions: 2, parallelism: 2 }, { active: 2 }), [pod({ phase: 'Running' }), unschedulable], 30),
    );
    expect([out.state, out.reason]).toEqual(['Running', 'PodsUnschedulable']);
    expect(out.verdict).toContain('0/3 nodes are available: 3 Insufficient cpu.');
  });

  test('scheduling gates that stay', () => {
    const gated = pod({
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    });
    (gated.spec as Record<string, unknown>).schedulingGates = [{ name: 'example.com/quota' }];
    const out = diagnose(snapshot(job({}, { active: 1 }), [gated], 30));
    expect([out.state, out.reason]).toEqual(['Stuck', 'PodsSchedulingGated']);
    expect(out.verdict).toContain('example.com/quota');
  });

  test('a missing Secret: CreateContainerConfigError', () => {
    const out = diagnose(
      snapshot(job({}, { active: 1 }), [pod({ phase: 'Pending', waiting: 'CreateContainerConfigError' })], 30),
    );
    expect([out.state, out.reason]).toEqual(['Stuck', 'ContainerConfigError']);
  });

  test('a volume that cannot be mounted: FailedMount while the container is still being created', () => {
    const p = pod({ phase: 'Pending', waiting: 'ContainerCreating' });
    const event: RawEvent = {
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Pod', name: p.metadata.name },
      reason: 'FailedMount',
      type: 'Warning',
      message: 'MountVolume.SetUp failed for volume "config" : configmap "settings" not found',
      lastTimestamp: at(20),
    };
    const out = diagnose(snapshot(job({}, { active: 1 }), [p], 30, [event]));
    expect([out.state, out.reason]).toEqual(['Stuck', 'VolumeMountFailing']);
    expect(out.verdict).toContain('configmap "settings" not found');
  });

  test('a pod-level activeDeadlineSeconds is told apart from the Job’s', () => {
    const p = pod({ phase: 'Failed', finished: 20, exitCode: 137, reason: 'DeadlineExceeded' });
    const out = diagnose(snapshot(job({}, { failed: 1 }), [p], 30));
    expect(out.attempts[0]!.note).toMatch(/spec\.template\.spec\.activeDeadlineSeconds/);
  });

  test('a Job managed by another controller that has run pods is Running under it, not Stuck', () => {
    const out = diagnose(
      snapshot(job({ managedBy: 'kueue.x-k8s.io/multikueue' }, { active: 1 }), [pod({ phase: 'Running' })], 30),
    );
    expect([out.state, out.reason]).toEqual(['Running', 'ManagedElsewhere']);
  });

  test('managedBy naming the built-in controller is the same as unset', () => {
    const out = diagnose(
      snapshot(job({ managedBy: 'kubernetes.io/job-controller' }, { active: 1 }), [pod({ phase: 'Running' })], 30),
    );
    expect([out.state, out.reason]).toEqual(['Running', null]);
  });
});

describe('suggested patches', () => {
  test('OOM with a memory limit: double it, as a strategic merge patch keyed by container name', () => {
    const j = job(
      {
        backoffLimit: 1,
        template: {
          spec: { restartPolicy: 'Never', containers: [{ name: 'main', resources: { limits: { memory: '512Mi' } } }] },
        },
      },
      { failed: 2 },
    );
    j.status!.conditions = [
      {
        type: 'FailureTarget',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastTransitionTime: at(30),
      },
      {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastTransitionTime: at(30),
      },
    ];
    const oom = (finished: number) => {
      const p = pod({ phase: 'Failed', finished, exitCode: 137 });
      p.status!.containerStatuses![0]!.state!.terminated!.reason = 'OOMKilled';
      return p;
    };
    const out = diagnose(snapshot(j, [oom(10), oom(25)], 40));
    const memory = out.suggestions.find((s) => s.field?.endsWith('resources.limits.memory'))!;
    expect(memory.patch).toEqual({
      spec: { template: { spec: { containers: [{ name: 'main', resources: { limits: { memory: '1Gi' } } }] } } },
    });
    expect(memory.mutable).toBe(false);
    // exit 137 is a kill, not the program's own verdict: no FailJob rule for it
    expect(out.suggestions.some((s) => JSON.stringify(s.patch).includes('FailJob'))).toBe(false);
  });

  test('a FailJob rule for a repeated exit code goes first and keeps the existing rules; OnFailure is switched to Never', () => {
    const rules = [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }];
    // A pod failure policy needs podReplacementPolicy Failed (the API server refuses anything else).
    const j = job({ backoffLimit: 1, podFailurePolicy: { rules }, podReplacementPolicy: 'Failed' }, { failed: 2 });
    j.status!.conditions = [
      {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastTransitionTime: at(30),
      },
    ];
    const out = diagnose(
      snapshot(
        j,
        [pod({ phase: 'Failed', finished: 10, exitCode: 3 }), pod({ phase: 'Failed', finished: 25, exitCode: 3 })],
        40,
      ),
    );
    const rule = out.suggestions.find((s) => s.field === 'spec.podFailurePolicy')!;
    expect(rule.patch).toEqual({
      spec: {
        podFailurePolicy: {
          rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [3] } }, ...rules],
        },
      },
    });
  });
});

describe('pods nobody acts on', () => {
  test('unbound with no scheduler decision for a minute: PodsNotScheduled, naming the scheduler', () => {
    const p = pod({ phase: 'Pending', waiting: undefined });
    delete (p.spec as Record<string, unknown>).nodeName;
    (p.spec as Record<string, unknown>).schedulerName = 'volcano';
    p.status!.containerStatuses = [];
    expect(diagnose(snapshot(job({}, { active: 1 }), [p], 30)).reason).toBeNull();
    const out = diagnose(snapshot(job({}, { active: 1 }), [p], 90));
    expect([out.state, out.reason]).toEqual(['Stuck', 'PodsNotScheduled']);
    expect(out.verdict).toContain('schedulerName volcano');
  });

  test('bound to a node whose kubelet never reports: PodsNotStarting after two minutes', () => {
    const p = pod({ phase: 'Pending' });
    (p.spec as Record<string, unknown>).nodeName = 'node-7';
    p.status!.containerStatuses = [];
    p.status!.conditions = [{ type: 'PodScheduled', status: 'True' }];
    expect(diagnose(snapshot(job({}, { active: 1 }), [p], 60)).reason).toBeNull();
    const out = diagnose(snapshot(job({}, { active: 1 }), [p], 150));
    expect([out.state, out.reason]).toEqual(['Stuck', 'PodsNotStarting']);
    expect(out.suggestions.map((s) => s.command)).toContain('kubectl describe node node-7');
  });
});

describe('keeping the evidence', () => {
  const failedJob = (extra: Record<string, unknown>, owner?: { kind: string; name: string }) => {
    const j = job({ backoffLimit: 0, ...extra }, { failed: 1 });
    j.status!.conditions = [
      {
        type: 'FailureTarget',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastTransitionTime: at(20),
      },
      {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastTransitionTime: at(20),
      },
    ];
    if (owner)
      j.metadata.ownerReferences = [
        { apiVersion: 'batch/v1', kind: owner.kind, name: owner.name, uid: 'cj', controller: true },
      ];
    return j;
  };

  test('a short TTL on a failed Job: when it goes, and a longer one suggested', () => {
    const out = diagnose(
      snapshot(failedJob({ ttlSecondsAfterFinished: 60 }), [pod({ phase: 'Failed', finished: 15 })], 30),
    );
    expect(out.ttl).toEqual({ seconds: 60, deletesAt: at(80), deletesInSeconds: 50 });
    expect(out.suggestions.find((s) => s.field === 'spec.ttlSecondsAfterFinished')).toMatchObject({
      mutable: true,
      patch: { spec: { ttlSecondsAfterFinished: 86400 } },
    });
  });

  test('a Job of a CronJob whose failed pod is gone: the history limits are named, and raising them suggested after reading them', () => {
    const created: RawEvent = {
      metadata: { name: 'e' },
      involvedObject: { kind: 'Job', name: 'work' },
      reason: 'SuccessfulCreate',
      message: 'Created pod: work-gone',
      lastTimestamp: at(1),
    };
    const out = diagnose(snapshot(failedJob({}, { kind: 'CronJob', name: 'nightly' }), [], 30, [created]));
    expect(out.job.owner).toEqual({ kind: 'CronJob', name: 'nightly' });
    expect(out.evidenceGone).toMatchObject({ missingFailedPods: 1, pods: [{ pod: 'work-gone', deletedBy: null }] });
    expect(out.evidenceGone!.why.join(' ')).toMatch(/failedJobsHistoryLimit/);
    // The snapshot does not hold the CronJob, so its limit is read before it is raised.
    expect(out.suggestions.map((s) => s.command)).toContain(
      [
        `kubectl get cronjob nightly -n ns -o jsonpath='{.spec.failedJobsHistoryLimit}'`,
        `kubectl patch cronjob nightly -n ns --type=merge -p '{"spec":{"failedJobsHistoryLimit":3}}'`,
      ].join('\n'),
    );
  });
});
