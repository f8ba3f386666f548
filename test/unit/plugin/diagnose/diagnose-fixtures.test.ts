// diagnose() over every snapshot recorded on the testbed (real kube-apiserver and Job controller
// 1.36.4). Expectations come from what the recording shows — the Job's conditions and counters as
// the controller wrote them, the pods' container statuses, the Events, the scenario's
// description — never from diagnose's own output.
import { describe, expect, test } from '@jest/globals';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import type { RawCondition, RawPod } from '../../../../kubernetes/objects.ts';
import type { JobSnapshot } from '../../../../plugin/job-snapshot.ts';
import type { DiagnoseOutput } from '../../../../schemas/generated/diagnose-output.ts';
import { loadSnapshot, snapshotMeta, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';

type Expected = {
  state: DiagnoseOutput['state'];
  reason: string | null;
  /** A suggestion that must be there for this cause: its field, or a piece of its command. */
  suggests?: string[];
};

/**
 * States and job-x reasons for Jobs the controller has not decided (no condition to read them
 * from), from each scenario's description in meta.json; decided Jobs are checked against their
 * recorded conditions below as well.
 */
const EXPECTED: Record<string, Expected> = {
  'backoff-limit-exceeded': {
    state: 'Failed',
    reason: 'BackoffLimitExceeded',
    suggests: ['kubectl logs pi-hlvbr', 'spec.podFailurePolicy'],
  },
  complete: { state: 'Complete', reason: 'CompletionsReached', suggests: [] },
  'deadline-exceeded': { state: 'Failed', reason: 'DeadlineExceeded', suggests: ['spec.activeDeadlineSeconds'] },
  'evicted-counted': { state: 'Failed', reason: 'BackoffLimitExceeded', suggests: ['spec.podFailurePolicy'] },
  'evicted-ignored': { state: 'Complete', reason: 'CompletionsReached', suggests: [] },
  'failed-create-quota': { state: 'Stuck', reason: 'PodCreationFailing', suggests: ['kubectl describe resourcequota'] },
  'failed-indexes': {
    state: 'Failed',
    reason: 'FailedIndexes',
    suggests: ['kubectl logs pi-1-m7fmz', 'spec.podFailurePolicy'],
  },
  // A FailIndex rule failed index 1 at its first failure: the logs, not more attempts per index.
  'fail-index': { state: 'Failed', reason: 'FailedIndexes', suggests: ['kubectl logs pi-1-6rgdq -c pi'] },
  'failure-target-interim': {
    state: 'Failing',
    reason: 'PodFailurePolicy',
    suggests: ['kubectl logs pi-0-jlk59 -c pi'],
  },
  'image-pull-error': {
    state: 'Stuck',
    reason: 'ImagePullFailing',
    suggests: ['spec.template.spec.containers[name=pi].image', 'spec.activeDeadlineSeconds'],
  },
  'indexed-mixed-running': {
    state: 'Running',
    reason: 'Retrying',
    suggests: ['spec.template.spec.containers[name=pi].resources'],
  },
  'init-container-failjob': {
    state: 'Failed',
    reason: 'PodFailurePolicy',
    suggests: ['kubectl logs pi-lgv4g -c fetch-input'],
  },
  'managed-by-other': { state: 'Stuck', reason: 'ManagedElsewhere', suggests: ['spec.managedBy'] },
  'max-failed-indexes-exceeded': {
    state: 'Failed',
    reason: 'MaxFailedIndexesExceeded',
    suggests: ['spec.maxFailedIndexes'],
  },
  'onfailure-backoff-limit': {
    state: 'Failed',
    reason: 'BackoffLimitExceeded',
    suggests: ['spec.template.spec.restartPolicy'],
  },
  'onfailure-restarted': {
    state: 'Running',
    reason: 'Retrying',
    suggests: ['--previous', 'spec.template.spec.restartPolicy'],
  },
  'oom-backoff-limit-exceeded': {
    state: 'Failed',
    reason: 'BackoffLimitExceeded',
    suggests: ['spec.template.spec.containers[name=pi].resources'],
  },
  'oom-failjob': {
    state: 'Failed',
    reason: 'PodFailurePolicy',
    suggests: ['spec.template.spec.containers[name=pi].resources', 'spec.podFailurePolicy'],
  },
  // A ValidatingAdmissionPolicy refuses every pod: the FailedCreate Event names it.
  'pods-denied-by-admission': {
    state: 'Stuck',
    reason: 'PodCreationFailing',
    suggests: ['kubectl get validatingadmissionpolicy deny-pods-fixture-pods-denied-by-admission -o yaml'],
  },
  'parallelism-zero': { state: 'Stuck', reason: 'ParallelismZero', suggests: ['spec.parallelism'] },
  'pod-failure-policy-failjob': {
    state: 'Failed',
    reason: 'PodFailurePolicy',
    suggests: ['kubectl logs job-pod-failure-policy-example-hp9gs -c main'],
  },
  'pod-failure-policy-ignore-count': {
    state: 'Failed',
    reason: 'BackoffLimitExceeded',
    suggests: ['spec.podFailurePolicy'],
  },
  'stuck-terminating': {
    state: 'Stuck',
    reason: 'PodsStuckTerminating',
    suggests: ['--grace-period=0 --force', 'spec.podReplacementPolicy'],
  },
  resumed: { state: 'Complete', reason: 'CompletionsReached', suggests: [] },
  'success-criteria-met-interim': { state: 'Completing', reason: 'SuccessPolicy', suggests: [] },
  'success-policy': { state: 'Complete', reason: 'SuccessPolicy', suggests: [] },
  'success-policy-backoff-race': { state: 'Failed', reason: 'BackoffLimitExceeded', suggests: ['spec.backoffLimit'] },
  suspended: { state: 'Suspended', reason: 'JobSuspended', suggests: ['spec.suspend'] },
  'suspended-kueue': { state: 'Suspended', reason: 'JobSuspended', suggests: ['kubectl get workloads'] },
  'ttl-finished': { state: 'Complete', reason: 'CompletionsReached', suggests: [] },
  'work-queue-mixed': { state: 'Complete', reason: 'CompletionsReached', suggests: [] },
  unschedulable: {
    state: 'Stuck',
    reason: 'PodsUnschedulable',
    suggests: ['kubectl describe pod pi-m9w6c', 'spec.activeDeadlineSeconds'],
  },
};

const scenarios = snapshotScenarios();
const cases = scenarios.map((scenario) => {
  const snapshot = loadSnapshot(scenario);
  return { scenario, snapshot, output: diagnose(snapshot) };
});
const caseOf = (scenario: string) => cases.find((c) => c.scenario === scenario)!;

const trueCondition = (snapshot: JobSnapshot, type: string): RawCondition | undefined =>
  snapshot.job.status?.conditions?.find((c) => c.type === type && c.status === 'True');

/** The state and reason the controller's own conditions say, for a Job it has decided or suspended. */
function recordedOutcome(snapshot: JobSnapshot): [DiagnoseOutput['state'], string | undefined] | undefined {
  for (const [type, state] of [
    ['Complete', 'Complete'],
    ['Failed', 'Failed'],
    ['FailureTarget', 'Failing'],
    ['SuccessCriteriaMet', 'Completing'],
    ['Suspended', 'Suspended'],
  ] as const) {
    const condition = trueCondition(snapshot, type);
    if (condition) return [state, condition.reason];
  }
  return undefined;
}

/** The exit code a failed pod shows: the first non-zero terminated container, regular before init. */
function recordedExitCode(pod: RawPod): number | undefined {
  for (const list of [pod.status?.containerStatuses ?? [], pod.status?.initContainerStatuses ?? []]) {
    const failed = list.find((s) => (s.state?.terminated?.exitCode ?? 0) !== 0);
    if (failed) return failed.state!.terminated!.exitCode;
  }
  return undefined;
}

/** Pods the Job controller deleted (SuccessfulDelete) that are gone, at or after the failure decision. */
function podsDeletedAtFailure(snapshot: JobSnapshot): string[] {
  const decided = trueCondition(snapshot, 'FailureTarget')?.lastTransitionTime;
  if (!decided) return [];
  const present = new Set(snapshot.pods.map((p) => p.metadata.name));
  return snapshot.events
    .filter(
      (e) => e.involvedObject?.kind === 'Job' && e.reason === 'SuccessfulDelete' && (e.lastTimestamp ?? '') >= decided,
    )
    .map((e) => /Deleted pod: (\S+)/.exec(e.message ?? '')?.[1] ?? '')
    .filter((name) => name !== '' && !present.has(name));
}

test('every recorded scenario has an expectation (a new recording needs one)', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(scenarios);
});

describe.each(scenarios)('%s', (scenario) => {
  const { snapshot, output } = caseOf(scenario);
  const expected = EXPECTED[scenario]!;

  test('state and reason', () => {
    expect([output.state, output.reason]).toEqual([expected.state, expected.reason]);
    const recorded = recordedOutcome(snapshot);
    if (recorded) expect([output.state, output.reason]).toEqual([recorded[0], recorded[1] ?? null]);
    else expect(['Running', 'Stuck']).toContain(output.state);
  });

  test('one attempt per recorded pod, with its exit code and reason', () => {
    expect(output.attempts.map((a) => a.pod)).toEqual(snapshot.pods.map((p) => p.metadata.name));
    expect(output.progress.podsFound).toBe(snapshot.pods.length);
    for (const pod of snapshot.pods) {
      const attempt = output.attempts.find((a) => a.pod === pod.metadata.name)!;
      expect(attempt.phase).toBe(pod.status?.phase ?? null);
      if (pod.status?.phase === 'Failed') expect(attempt.exitCode).toBe(recordedExitCode(pod) ?? null);
      if (pod.status?.phase === 'Succeeded') expect([attempt.exitCode, attempt.reason]).toEqual([0, 'Completed']);
      const terminatedReasons = (pod.status?.containerStatuses ?? []).map((s) => s.state?.terminated?.reason);
      if (terminatedReasons.includes('OOMKilled')) expect(attempt.reason).toBe('OOMKilled');
      if (pod.status?.reason === 'Evicted') expect(attempt.reason).toBe('Evicted');
      const disruption = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
      expect(attempt.disruption?.reason ?? null).toBe(disruption?.reason ?? null);
      const index = pod.metadata.annotations?.['batch.kubernetes.io/job-completion-index'];
      expect(attempt.index).toBe(index === undefined ? null : Number(index));
      const restarts = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].reduce(
        (n, s) => n + (s.restartCount ?? 0),
        0,
      );
      expect(attempt.restarts).toBe(restarts);
    }
  });

  test('counted failures add up to status.failed, the controller’s count', () => {
    const counted = output.attempts.filter((a) => a.counted === true).length;
    const gone = podsDeletedAtFailure(snapshot);
    expect(counted + gone.length).toBe(snapshot.job.status?.failed ?? 0);
    expect(output.retries.counted).toBe(snapshot.job.status?.failed ?? 0);
    // A pod counted by the replay failed in the recording (phase Failed, or was still running when
    // the Job was decided failed).
    for (const attempt of output.attempts.filter((a) => a.counted)) {
      const pod = snapshot.pods.find((p) => p.metadata.name === attempt.pod)!;
      expect(
        pod.status?.phase === 'Failed' ||
          (trueCondition(snapshot, 'FailureTarget') !== undefined && pod.metadata.deletionTimestamp !== undefined),
      ).toBe(true);
    }
  });

  test('suggestions for the cause', () => {
    const said = output.suggestions.map((s) => `${s.field ?? ''} ${s.command ?? ''}`);
    for (const wanted of expected.suggests ?? []) expect(said.some((s) => s.includes(wanted))).toBe(true);
    if (expected.suggests?.length === 0) expect(output.suggestions).toEqual([]);
    for (const s of output.suggestions) expect(s.message).toMatch(/\.$/);
  });

  test('the verdict names the state, and the evidence is not empty unless nothing happened', () => {
    expect(output.verdict.startsWith(output.state)).toBe(true);
    if (output.state !== 'Running') expect(output.evidence.length).toBeGreaterThan(0);
  });
});

describe('what the recordings show, in detail', () => {
  test('FailJob: the decisive match is the pod, container, exit code and rule named in the Job condition, and the replay agrees', () => {
    for (const scenario of [
      'pod-failure-policy-failjob',
      'oom-failjob',
      'init-container-failjob',
      'failure-target-interim',
    ]) {
      const { snapshot, output } = caseOf(scenario);
      const message = trueCondition(snapshot, 'FailureTarget')!.message!;
      const [, container, , pod, exitCode, , rule] =
        /^Container (\S+) for pod ([^/]+)\/(\S+) failed with exit code (\d+) matching (\w+) rule at index (\d+)$/.exec(
          message,
        )!;
      expect(output.podFailurePolicy).toEqual({
        matchedRule: Number(rule),
        action: 'FailJob',
        pod,
        container,
        exitCode: Number(exitCode),
        condition: null,
        message,
      });
      const attempt = output.attempts.find((a) => a.pod === pod)!;
      expect([attempt.policyRule, attempt.policyAction, attempt.container, attempt.exitCode]).toEqual([
        Number(rule),
        'FailJob',
        container,
        Number(exitCode),
      ]);
    }
  });

  test('no decisive pod failure policy match when the policy did not decide', () => {
    for (const scenario of [
      'backoff-limit-exceeded',
      'evicted-ignored',
      'pod-failure-policy-ignore-count',
      'complete',
    ]) {
      expect(caseOf(scenario).output.podFailurePolicy).toBeNull();
    }
  });

  test('evicted-ignored: the evicted pod matched the Ignore rule, so status.failed stayed 0', () => {
    const { snapshot, output } = caseOf('evicted-ignored');
    expect(snapshot.job.status?.failed ?? 0).toBe(0);
    const evicted = snapshot.pods.find((p) => p.status?.reason === 'Evicted')!;
    const attempt = output.attempts.find((a) => a.pod === evicted.metadata.name)!;
    expect(attempt).toMatchObject({
      failed: true,
      counted: false,
      policyRule: 1,
      policyAction: 'Ignore',
      disruption: { reason: 'TerminationByKubelet' },
    });
    expect(output.retries.ignored).toBe(1);
    expect(output.policyReplay?.rules[1]?.pods).toEqual([evicted.metadata.name]);
  });

  test('pod-failure-policy-ignore-count: one Ignore (eviction) and two Count (exit 5); failed 2 although three pods failed', () => {
    const { snapshot, output } = caseOf('pod-failure-policy-ignore-count');
    expect(snapshot.pods.filter((p) => p.status?.phase === 'Failed')).toHaveLength(3);
    expect(snapshot.job.status?.failed).toBe(2);
    expect(output.attempts.map((a) => [a.policyAction, a.counted, a.exitCode])).toEqual([
      ['Ignore', false, 137],
      ['Count', true, 5],
      ['Count', true, 5],
    ]);
    expect(output.policyReplay?.rules.map((r) => r.pods.length)).toEqual([0, 1, 2]);
    expect(output.retries).toMatchObject({ budget: 1, counted: 2, ignored: 1 });
  });

  test('evicted-counted: without a pod failure policy the eviction counts, and an Ignore rule for DisruptionTarget is suggested, with the podReplacementPolicy a policy needs', () => {
    const { output } = caseOf('evicted-counted');
    expect(output.attempts[0]).toMatchObject({
      counted: true,
      disruption: { reason: 'TerminationByKubelet' },
      policyAction: null,
    });
    const rule = output.suggestions.find((s) => s.field === 'spec.podFailurePolicy')!;
    expect(rule.patch).toEqual({
      spec: {
        podFailurePolicy: {
          rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
        },
        // The recorded Job has TerminatingOrFailed, which the API server refuses next to a pod failure policy.
        podReplacementPolicy: 'Failed',
      },
    });
    expect(rule.mutable).toBe(false);
  });

  test('backoffLimitPerIndex: the failed indexes are status.failedIndexes, with counts from the pods’ annotations', () => {
    for (const scenario of ['failed-indexes', 'max-failed-indexes-exceeded', 'indexed-mixed-running']) {
      const { snapshot, output } = caseOf(scenario);
      const perIndex = output.retries.perIndex!;
      expect(perIndex.failedIndexes).toBe(snapshot.job.status?.failedIndexes);
      const failed = perIndex.indexes
        .filter((i) => i.failed)
        .map((i) => i.index)
        .join(',');
      expect(failed).toBe(snapshot.job.status?.failedIndexes);
      expect(perIndex.limit).toBe(snapshot.job.spec?.backoffLimitPerIndex);
      // A failed index used up backoffLimitPerIndex + 1 attempts, each counted.
      for (const index of perIndex.indexes.filter((i) => i.failed)) expect(index.counted).toBe(perIndex.limit + 1);
    }
    const running = caseOf('indexed-mixed-running').output.retries.perIndex!;
    // index 1 failed once then succeeded, index 4 was OOMKilled once and runs again.
    expect(running.indexes.map((i) => [i.index, i.counted, i.failed])).toEqual([
      [1, 1, false],
      [2, 2, true],
      [4, 1, false],
    ]);
  });

  test('the OnFailure restarts the controller counts are the recorded restartCount', () => {
    const { snapshot, output } = caseOf('onfailure-restarted');
    expect(output.retries.restartsCounted).toBe(snapshot.pods[0]!.status!.containerStatuses![0]!.restartCount);
    expect(output.attempts[0]!.lastTermination).toMatchObject({ container: 'pi', exitCode: 1, reason: 'Error' });
    // backoffLimit 4: the 4th restart fails the Job, so one more is tolerated after 2.
    expect(output.retries.remaining).toBe(1);
  });

  // Issue 11 item 16. The pod is gone, so no restartCount is left to read; the controller's
  // arithmetic tells the number instead. status.failed is 1 (the pod it deleted when it failed the
  // Job, counted afterwards), not more than backoffLimit 2, so exceedsBackoffLimit cannot have
  // fired: pastBackoffLimitOnFailure did, and it fires when the restarts reach backoffLimit (2).
  test('onfailure-backoff-limit: the restarts the controller counted follow from pastBackoffLimitOnFailure', () => {
    const { snapshot, output } = caseOf('onfailure-backoff-limit');
    expect(snapshot.job.status?.failed).toBe(1);
    expect(output.retries).toMatchObject({ budget: 2, counted: 1, restartsCounted: 2, remaining: null });
    expect(output.verdict).toMatch(
      /^Failed: backoffLimit 2 reached by container restarts .* restarted container pi 2 times/,
    );
    expect(output.evidence.map((e) => e.message)).toContain(
      'restartPolicy OnFailure: the controller counts container restarts of active pods against backoffLimit 2 and fails the Job when they reach 2 (2 restarts counted).',
    );
  });

  test('evidence gone: the deleted pods are named, with why', () => {
    const deadline = caseOf('deadline-exceeded').output.evidenceGone!;
    expect(deadline.missingFailedPods).toBe(1);
    expect(deadline.pods.map((p) => [p.pod, p.deletedBy])).toEqual([['pi-with-timeout-b2hvf', 'job-controller']]);
    expect(deadline.why.join(' ')).toMatch(/deletes the pods still running when a Job fails/);

    const onFailure = caseOf('onfailure-backoff-limit');
    expect(onFailure.snapshot.pods).toEqual([]);
    expect(onFailure.output.evidenceGone!.why.join(' ')).toMatch(/restartPolicy OnFailure/);
    expect(onFailure.output.verdict).toMatch(/restarted container pi 2 times/);

    // success-policy: the indexes still running were stopped, not counted; status.failed counts only the two that failed.
    const success = caseOf('success-policy').output.evidenceGone!;
    expect(success.missingFailedPods).toBe(0);
    expect(success.pods).toHaveLength(7);
    expect(caseOf('complete').output.evidenceGone).toBeNull();
  });

  test('interim conditions: Failing / Completing while a pod is still terminating', () => {
    const failing = caseOf('failure-target-interim');
    expect(trueCondition(failing.snapshot, 'Failed')).toBeUndefined();
    expect(failing.snapshot.job.status?.terminating).toBe(1);
    const terminating = failing.output.attempts.filter((a) => a.terminating);
    expect(terminating.map((a) => a.pod)).toEqual(
      failing.snapshot.pods
        .filter((p) => p.metadata.deletionTimestamp && p.status?.phase === 'Pending')
        .map((p) => p.metadata.name),
    );
    expect(failing.output.verdict).toMatch(/waiting for 1 pod to terminate/);

    const completing = caseOf('success-criteria-met-interim');
    expect(trueCondition(completing.snapshot, 'Complete')).toBeUndefined();
    expect(completing.output.attempts.find((a) => a.terminating)).toMatchObject({ counted: false });
  });

  test('deadline and TTL are measured from the recorded times', () => {
    const deadline = caseOf('deadline-exceeded');
    const start = Date.parse(deadline.snapshot.job.status!.startTime!);
    const decided = Date.parse(trueCondition(deadline.snapshot, 'FailureTarget')!.lastTransitionTime!);
    expect(deadline.output.deadline).toEqual({
      activeDeadlineSeconds: 3,
      startTime: deadline.snapshot.job.status!.startTime,
      elapsedSeconds: (decided - start) / 1000,
      remainingSeconds: null,
      exceeded: true,
    });
    const ttl = caseOf('ttl-finished');
    const completed = Date.parse(ttl.snapshot.job.status!.completionTime!);
    expect(ttl.output.ttl).toEqual({
      seconds: 100,
      deletesAt: new Date(completed + 100_000).toISOString().replace('.000Z', 'Z'),
      deletesInSeconds: Math.ceil((completed + 100_000 - Date.parse(snapshotMeta('ttl-finished').recordedAt)) / 1000),
    });
  });

  test('stuck Jobs quote the Kubernetes message that shows why', () => {
    const quota = caseOf('failed-create-quota');
    const failedCreate = quota.snapshot.events.filter((e) => e.reason === 'FailedCreate').at(-1)!;
    expect(quota.output.verdict).toContain(failedCreate.message!.replace('Error creating: ', ''));
    const unschedulable = caseOf('unschedulable');
    const scheduled = unschedulable.snapshot.pods[0]!.status!.conditions!.find((c) => c.type === 'PodScheduled')!;
    expect(unschedulable.output.verdict).toContain(scheduled.message);
    const image = caseOf('image-pull-error');
    expect(image.output.verdict).toContain('perl:5.34.0');
    expect(image.output.verdict).toContain('ImagePullBackOff');
    const kueue = caseOf('suspended-kueue');
    expect(kueue.output.verdict).toContain(kueue.snapshot.job.metadata.labels!['kueue.x-k8s.io/queue-name']);
  });

  test('the success-policy race is named: index 2 succeeded but backoffLimit is checked first', () => {
    const { snapshot, output } = caseOf('success-policy-backoff-race');
    expect(snapshot.job.status?.completedIndexes).toBe('2');
    expect(output.verdict).toContain('also met success policy rule 0');
    // The failures are expected by the success policy: no FailJob rule for them, a larger backoffLimit instead.
    expect(output.suggestions.map((s) => s.field)).toEqual(['spec.backoffLimit']);
    expect(output.suggestions[0]!.patch).toEqual({ spec: { backoffLimit: 9 } });
  });
});

describe('with the Events a live fetch keeps', () => {
  // plugin/kube/fetch-snapshot.ts fetches the Job's own Events and only the Warning Events of its
  // pods (a 5,000-pod Job has some 25,000 Normal ones that restate the pods' status); the
  // recordings hold every Event of the namespace.
  test.each(scenarios)('%s: same state, reason, verdict, counting and suggestions', (scenario) => {
    const { snapshot, output } = caseOf(scenario);
    const live = diagnose({
      ...snapshot,
      events: snapshot.events.filter((e) => e.involvedObject?.kind === 'Job' || e.type === 'Warning'),
    });
    expect([live.state, live.reason, live.verdict]).toEqual([output.state, output.reason, output.verdict]);
    expect(live.attempts.map((a) => a.counted)).toEqual(output.attempts.map((a) => a.counted));
    expect(live.suggestions).toEqual(output.suggestions);
  });
});

describe('fail-index: a FailIndex rule, not the per-index budget, failed the index', () => {
  const { output } = caseOf('fail-index');

  test('the verdict names the rule and says the index failed at once (it had 2 more attempts)', () => {
    expect(output.verdict).toContain('index 1 failed at once by pod failure policy rule 0 (FailIndex)');
    expect(output.verdict).not.toContain('attempts');
  });

  test('no advice to raise backoffLimitPerIndex or to add another FailIndex rule', () => {
    const codes = output.suggestions.map((s) => s.code);
    expect(codes).not.toContain('more-attempts-per-index');
    expect(codes).not.toContain('fail-index-on-exit');
  });
});
