// matchPodFailurePolicy as ported from pkg/controller/job/pod_failure_policy.go, on small pods
// built by hand, plus its message checked against the one the real controller wrote.
import { describe, expect, test } from '@jest/globals';
import { describeRule, matchPodFailurePolicy } from '../../../../kubernetes/job-controller/pod-failure-policy.ts';
import type { RawContainerStatus, RawPod } from '../../../../kubernetes/objects.ts';
import type { JsonObject } from '../../../../kubernetes/decoded-access.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

const terminated = (
  name: string,
  exitCode: number,
  reason = exitCode === 0 ? 'Completed' : 'Error',
): RawContainerStatus => ({
  name,
  state: { terminated: { exitCode, reason } },
});
const running = (name: string): RawContainerStatus => ({
  name,
  state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
});

function pod(
  options: {
    containers?: RawContainerStatus[];
    init?: RawContainerStatus[];
    conditions?: { type: string; status: string }[];
  } = {},
): RawPod {
  return {
    metadata: { name: 'job-abc', namespace: 'ns' },
    status: {
      phase: 'Failed',
      containerStatuses: options.containers ?? [],
      initContainerStatuses: options.init ?? [],
      conditions: options.conditions ?? [],
    },
  };
}

const onExit = (action: string, operator: string, values: number[], containerName?: string): JsonObject => ({
  action,
  onExitCodes: { ...(containerName ? { containerName } : {}), operator, values },
});
const onCondition = (action: string, type: string, status?: string): JsonObject => ({
  action,
  onPodConditions: [{ type, ...(status ? { status } : {}) }],
});

describe('matchPodFailurePolicy', () => {
  test('rules apply in order and the first match wins', () => {
    const rules = [onExit('Ignore', 'In', [3]), onExit('FailJob', 'In', [3]), onExit('Count', 'NotIn', [0])];
    expect(matchPodFailurePolicy(rules, pod({ containers: [terminated('main', 3)] }))).toMatchObject({
      rule: 0,
      action: 'Ignore',
      countFailed: false,
    });
    expect(matchPodFailurePolicy(rules, pod({ containers: [terminated('main', 4)] }))).toMatchObject({
      rule: 2,
      action: 'Count',
      countFailed: true,
      exitCode: 4,
    });
  });

  test('no match: null, and the failure counts as with no policy', () => {
    expect(
      matchPodFailurePolicy([onExit('FailJob', 'In', [42])], pod({ containers: [terminated('main', 1)] })),
    ).toBeNull();
    expect(matchPodFailurePolicy([], pod({ containers: [terminated('main', 1)] }))).toBeNull();
  });

  test('exit code 0 never matches, not even NotIn', () => {
    const rules = [onExit('FailJob', 'NotIn', [1])];
    expect(matchPodFailurePolicy(rules, pod({ containers: [terminated('main', 0)] }))).toBeNull();
    // the non-zero container of the pod still does
    expect(
      matchPodFailurePolicy(rules, pod({ containers: [terminated('sidecar', 0), terminated('main', 2)] })),
    ).toMatchObject({ container: 'main', exitCode: 2 });
  });

  test('In and NotIn', () => {
    expect(
      matchPodFailurePolicy([onExit('FailJob', 'In', [1, 2])], pod({ containers: [terminated('main', 2)] })),
    ).not.toBeNull();
    expect(
      matchPodFailurePolicy([onExit('FailJob', 'NotIn', [1, 2])], pod({ containers: [terminated('main', 2)] })),
    ).toBeNull();
    expect(
      matchPodFailurePolicy([onExit('FailJob', 'NotIn', [1, 2])], pod({ containers: [terminated('main', 3)] })),
    ).not.toBeNull();
    expect(
      matchPodFailurePolicy([onExit('FailJob', 'Between', [3])], pod({ containers: [terminated('main', 3)] })),
    ).toBeNull();
  });

  test('containerName restricts the match to that container', () => {
    const rules = [onExit('FailJob', 'In', [1], 'main')];
    expect(
      matchPodFailurePolicy(rules, pod({ containers: [terminated('sidecar', 1), terminated('main', 0)] })),
    ).toBeNull();
    expect(
      matchPodFailurePolicy(rules, pod({ containers: [terminated('sidecar', 1), terminated('main', 1)] })),
    ).toMatchObject({ container: 'main' });
  });

  test('a container still running has no exit code to match', () => {
    expect(matchPodFailurePolicy([onExit('FailJob', 'NotIn', [0])], pod({ containers: [running('main')] }))).toBeNull();
  });

  test('regular containers are matched before init containers', () => {
    const rules = [onExit('FailJob', 'In', [3, 5])];
    expect(
      matchPodFailurePolicy(rules, pod({ init: [terminated('setup', 3)], containers: [terminated('main', 5)] })),
    ).toMatchObject({ container: 'main', exitCode: 5, initContainer: false });
    expect(
      matchPodFailurePolicy(
        rules,
        pod({
          init: [terminated('setup', 3)],
          containers: [{ name: 'main', state: { waiting: { reason: 'PodInitializing' } } }],
        }),
      ),
    ).toMatchObject({
      container: 'setup',
      exitCode: 3,
      initContainer: true,
    });
  });

  test('onPodConditions: type and status must both match; the status defaults to True', () => {
    const disrupted = pod({
      containers: [terminated('main', 137)],
      conditions: [{ type: 'DisruptionTarget', status: 'True' }],
    });
    expect(matchPodFailurePolicy([onCondition('Ignore', 'DisruptionTarget')], disrupted)).toMatchObject({
      rule: 0,
      action: 'Ignore',
      condition: 'DisruptionTarget',
      container: null,
      exitCode: null,
    });
    expect(matchPodFailurePolicy([onCondition('Ignore', 'DisruptionTarget', 'False')], disrupted)).toBeNull();
    const notDisrupted = pod({
      containers: [terminated('main', 137)],
      conditions: [{ type: 'DisruptionTarget', status: 'False' }],
    });
    expect(matchPodFailurePolicy([onCondition('Ignore', 'DisruptionTarget', 'False')], notDisrupted)).toMatchObject({
      action: 'Ignore',
    });
  });

  test('a rule with an unknown action is skipped, as the controller’s switch falls through', () => {
    const rules = [onExit('Retry', 'In', [1]), onExit('Count', 'In', [1])];
    expect(matchPodFailurePolicy(rules, pod({ containers: [terminated('main', 1)] }))).toMatchObject({
      rule: 1,
      action: 'Count',
    });
  });

  test('FailIndex counts the failure (its index fails at once)', () => {
    expect(
      matchPodFailurePolicy([onExit('FailIndex', 'In', [1])], pod({ containers: [terminated('main', 1)] })),
    ).toMatchObject({ action: 'FailIndex', countFailed: true });
  });

  test('the messages are the controller’s, word for word', () => {
    expect(
      matchPodFailurePolicy([onExit('Count', 'In', [1])], pod({ containers: [terminated('main', 1)] }))?.message,
    ).toBe('Container main for pod ns/job-abc failed with exit code 1 matching Count rule at index 0');
    expect(
      matchPodFailurePolicy(
        [onCondition('FailJob', 'ConfigIssue')],
        pod({ conditions: [{ type: 'ConfigIssue', status: 'True' }] }),
      )?.message,
    ).toBe('Pod ns/job-abc has condition ConfigIssue matching FailJob rule at index 0');
    // ... and as the real controller wrote it into the Job's condition on the testbed.
    for (const scenario of ['pod-failure-policy-failjob', 'init-container-failjob', 'oom-failjob']) {
      const snapshot = loadSnapshot(scenario);
      const condition = snapshot.job.status!.conditions!.find((c) => c.type === 'Failed')!;
      const rules = (snapshot.job.spec!.podFailurePolicy as { rules: JsonObject[] }).rules;
      const messages = snapshot.pods.map((p) => matchPodFailurePolicy(rules, p)?.message);
      expect(messages).toContain(condition.message);
    }
  });
});

test('describeRule puts a rule in words', () => {
  expect(describeRule(onExit('FailJob', 'In', [42], 'main'))).toBe('exit code In [42] of container main');
  expect(describeRule(onExit('Count', 'NotIn', [0, 1]))).toBe('exit code NotIn [0, 1] of any container');
  expect(describeRule(onCondition('Ignore', 'DisruptionTarget'))).toBe('pod condition DisruptionTarget=True');
});
