// explain's reading of the Job semantics, case by case: each expected value is derived from the
// API server's defaulting (notes/k8s-job-reference.md §2) and the Job controller (§3).
import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../../policy/index.ts';
import type { JsonObject } from '../../../../kubernetes/decoded-access.ts';
import { explainObject } from '../../../../plugin/explain/explain-object.ts';
import { deadlineCutsRetries } from '../../../../plugin/explain/explain-deadline.ts';
import { explainManifest } from '../../../../plugin/explain/explain-manifest.ts';
import type { Effective, Explanation } from '../../../../plugin/explain/explanation.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';
import { matchPodFailurePolicy } from '../../../../kubernetes/index.ts';

const policy = resolvePolicy(RULES, undefined);

function job(spec: JsonObject, template: JsonObject = {}): JsonObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'work' },
    spec: {
      ...spec,
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }], ...template },
      },
    },
  };
}

function explain(document: JsonObject, live = false): Explanation {
  return explainObject(document, {
    policy,
    source: live ? { type: 'cluster' } : { type: 'manifest', file: 'test.yaml', document: 0 },
  });
}

describe('patterns and pods', () => {
  test('work queue: parallelism only; completions stays unset, success is one pod plus all finished', () => {
    const e = explain(job({ parallelism: 5 }));
    expect(e.pattern).toBe('WorkQueue');
    expect(e.effective.completions).toBeNull();
    expect(e.effective.parallelism).toBe(5);
    expect(e.defaulted).not.toContain('completions');
    expect(e.pods).toMatchObject({ atOnce: 5, successesNeeded: null });
    expect(e.success.sentences[0]).toMatch(/at least one pod has succeeded and all its pods have finished/);
    expect(e.warnings.map((w) => w.id)).toEqual(['pod-may-run-twice', 'concurrent-pods', 'work-queue-coordination']);
  });

  test('completions only: parallelism defaults to 1, one pod at a time', () => {
    const e = explain(job({ completions: 5 }));
    expect(e.pattern).toBe('FixedCompletions');
    expect(e.effective).toMatchObject({ completions: 5, parallelism: 1 });
    expect(e.defaulted).toContain('parallelism');
    expect(e.pods.atOnce).toBe(1);
    expect(e.warnings.map((w) => w.id)).not.toContain('concurrent-pods');
  });

  test('parallelism above completions: never more pods than successes needed', () => {
    const e = explain(job({ completions: 3, parallelism: 10 }));
    expect(e.pods.atOnce).toBe(3);
    expect(e.pods.sentences).toContain(
      'parallelism (10) is above completions (3): never more pods run than successes are still needed.',
    );
  });

  test('completions 1 with parallelism 4 is still one pod: NonParallel', () => {
    expect(explain(job({ completions: 1, parallelism: 4 }))).toMatchObject({
      pattern: 'NonParallel',
      pods: { atOnce: 1 },
    });
  });

  test('Indexed with neither completions nor parallelism: both default to 1, one index', () => {
    const e = explain(job({ completionMode: 'Indexed' }));
    expect(e.rejected).toBe(false);
    expect(e.pattern).toBe('Indexed');
    expect(e.pods).toMatchObject({ indexes: '0', atOnce: 1, hostname: 'work-<index>' });
  });

  test('parallelism 0: no pod starts', () => {
    const e = explain(job({ completions: 2, parallelism: 0 }));
    expect(e.pods.atOnce).toBe(0);
    expect(e.pods.sentences).toContain('parallelism is 0: no pod starts until spec.parallelism is raised.');
  });

  test('generateName only: the name the server will complete, not a made-up one', () => {
    const document = job({});
    document.metadata = { generateName: 'nightly-' };
    const e = explain(document);
    expect(e.name).toBe('nightly-<random>');
    expect(e.pods.podName).toBe('nightly-<random>-<random>');
    expect(e.pods.labels['batch.kubernetes.io/job-name']).toBe('nightly-<random>');
  });

  test("manualSelector: the pod labels are the template's own, nothing generated", () => {
    const document = job({ manualSelector: true, selector: { matchLabels: { app: 'x' } } });
    (document.spec as { template: JsonObject }).template.metadata = { labels: { app: 'x' } };
    expect(explain(document).pods.labels).toEqual({ app: 'x' });
  });
});

describe('retries', () => {
  test('backoffLimit 0 with Never: the first failure fails the Job, no wait', () => {
    expect(explain(job({ backoffLimit: 0 })).retries).toMatchObject({ budget: 0, failsAfter: 1, schedule: [] });
  });

  test('the controller backoff doubles from 10 s and stops at 600 s', () => {
    expect(explain(job({ backoffLimit: 10 })).retries).toMatchObject({
      schedule: [10, 20, 40, 80, 160, 320, 600, 600, 600, 600],
      scheduleTruncated: false,
    });
    const long = explain(job({ backoffLimit: 30 })).retries;
    expect(long.schedule).toHaveLength(20);
    expect(long.scheduleTruncated).toBe(true);
    expect(long.sentences.find((s) => s.startsWith('Before each retry'))).toMatch(
      /^Before each retry the controller waits 10s, 20s, 40s, 1m20s, 2m40s, 5m20s, then 10m each/,
    );
  });

  test('OnFailure counts container restarts: backoffLimit 2 fails the Job at the 2nd restart', () => {
    // pastBackoffLimitOnFailure: restarts of pending/running pods >= backoffLimit.
    const e = explain(job({ backoffLimit: 2 }, { restartPolicy: 'OnFailure' }));
    expect(e.retries).toMatchObject({ budget: 2, failsAfter: 2, countedAs: 'containerRestarts', schedule: [0, 10] });
    expect(e.warnings.map((w) => w.id)).toContain('on-failure-loses-logs');
    expect(e.afterFinish.sentences).toContain(
      'If it fails, its running pods are terminated and deleted: with OnFailure the failed runs leave no pod behind.',
    );
  });

  // The kubelet raises restartCount when it starts the container again (kuberuntime_container.go
  // startContainer), and starts it at once the first time: doBackOff finds no back-off entry yet
  // (TestDoBackOff "not in backoff"). So backoffLimit 3 fails the Job at the 3rd restart, after
  // waits of 0 s, 10 s and 20 s: three waits, the first of them immediate.
  test('OnFailure with backoffLimit 3: three restarts, the first at once, then after 10s and 20s', () => {
    const e = explain(job({ backoffLimit: 3 }, { restartPolicy: 'OnFailure' }));
    expect(e.retries).toMatchObject({ failsAfter: 3, schedule: [0, 10, 20], scheduleTruncated: false });
    expect(e.retries.sentences).toContain(
      'The kubelet restarts a failed container at once the first time, then waits about 10s, 20s before the next restarts (CrashLoopBackOff, 10s doubling up to 5m).',
    );
    expect(e.retries.sentences.join(' ')).toMatch(/The 3rd restart .* fails the Job \(reason BackoffLimitExceeded\)/);
  });

  test('OnFailure with backoffLimit 0: the first restart, made at once, fails the Job', () => {
    expect(explain(job({ backoffLimit: 0 }, { restartPolicy: 'OnFailure' })).retries).toMatchObject({
      failsAfter: 1,
      schedule: [0],
    });
  });

  test('OnFailure: the kubelet back-off is capped at 5 minutes', () => {
    expect(explain(job({ backoffLimit: 8 }, { restartPolicy: 'OnFailure' })).retries.schedule).toEqual([
      0, 10, 20, 40, 80, 160, 300, 300,
    ]);
  });

  test('backoffLimitPerIndex: backoffLimit defaults to MaxInt32 and each index has its own budget', () => {
    const e = explain(
      job({ completionMode: 'Indexed', completions: 4, parallelism: 2, backoffLimitPerIndex: 1, maxFailedIndexes: 1 }),
    );
    expect(e.rejected).toBe(false);
    expect(e.effective.backoffLimit).toBe(2147483647);
    expect(e.defaulted).toContain('backoffLimit');
    expect(e.retries).toMatchObject({
      budget: 2147483647,
      unlimited: true,
      perIndex: { budget: 1, failsIndexAfter: 2, schedule: [10], maxFailedIndexes: 1 },
    });
    expect(e.retries.sentences).toContain(
      'If more than 1 index fails, the Job fails at once (reason MaxFailedIndexesExceeded): the 2nd failed index ends it and terminates its running pods. With one failed index, the Job runs every other index and then fails with reason FailedIndexes.',
    );
    expect(Object.keys(e.pods.annotations)).toContain('batch.kubernetes.io/job-index-failure-count');
  });

  test('backoffLimitPerIndex without maxFailedIndexes: every index runs, FailedIndexes at the end', () => {
    const e = explain(job({ completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 0 }));
    expect(e.retries.perIndex).toEqual({ budget: 0, failsIndexAfter: 1, schedule: [], maxFailedIndexes: null });
    expect(
      e.retries.sentences.some((s) => s.includes('then the Job fails (reason FailedIndexes) if any index failed')),
    ).toBe(true);
  });

  test('an explicit backoffLimit next to backoffLimitPerIndex still fails the whole Job', () => {
    const e = explain(job({ completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 2, backoffLimit: 3 }));
    expect(e.retries).toMatchObject({ budget: 3, failsAfter: 4, unlimited: false });
    expect(e.retries.sentences).toContain(
      'This Job-wide limit applies on top of the per-index budget: the 4th counted failure across all indexes fails the whole Job.',
    );
  });
});

describe('pod failure policy in words', () => {
  const withRules = (rules: JsonObject[], extra: JsonObject = {}) =>
    explain(job({ podFailurePolicy: { rules }, ...extra })).podFailurePolicy!.rules.map((r) => r.sentence);

  test('NotIn [0] matches every failure; In with several codes; conditions with other statuses', () => {
    expect(
      withRules([
        { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0] } },
        { action: 'Count', onExitCodes: { containerName: 'main', operator: 'In', values: [1, 2, 3] } },
        { action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [0, 5, 7] } },
        { action: 'Ignore', onPodConditions: [{ type: 'ConfigIssue', status: 'False' }, { type: 'DisruptionTarget' }] },
      ]),
    ).toEqual([
      'Rule 0: if any container fails (any non-zero exit code), the whole Job fails at once (reason PodFailurePolicy) and its other pods are terminated.',
      'Rule 1: if container main exits with code 1, 2 or 3, the failure counts as usual.',
      'Rule 2: if any container fails with an exit code other than 5 or 7, the failure is not counted (against backoffLimit) and the pod is replaced.',
      "Rule 3: if the pod's condition ConfigIssue is False or the pod was disrupted (condition DisruptionTarget: preemption, API-initiated or node-pressure eviction, node drain or shutdown), the failure is not counted (against backoffLimit) and the pod is replaced.",
    ]);
  });

  test('FailIndex with backoffLimitPerIndex fails just the index', () => {
    const [sentence] = withRules([{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }], {
      completionMode: 'Indexed',
      completions: 3,
      backoffLimitPerIndex: 1,
    });
    expect(sentence).toBe(
      "Rule 0: if any container exits with code 3, the pod's index fails at once and is not retried; the other indexes go on.",
    );
  });

  test('without containerName, any failed container whose exit code fits matches (as the controller does), not the first one', () => {
    const rule = { action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } };
    const e = explain(job({ podFailurePolicy: { rules: [rule] } }));
    // The controller's matching (pod_failure_policy.go, ported in kubernetes/job-controller): a pod
    // whose container a exits 1 and b exits 42 matches FailJob In [42], through b.
    const failed = (name: string, exitCode: number) => ({ name, state: { terminated: { exitCode, reason: 'Error' } } });
    const pod = {
      metadata: { name: 'work-x', namespace: 'ns' },
      status: { phase: 'Failed', containerStatuses: [failed('a', 1), failed('b', 42)] },
    };
    expect(matchPodFailurePolicy([rule], pod)).toMatchObject({ rule: 0, action: 'FailJob', container: 'b' });
    expect(e.podFailurePolicy!.sentences).toContain(
      'Exit-code rules look only at containers that terminated with a non-zero code (exit code 0 never matches); without containerName, a rule matches if any container or init container of the pod failed with a code that fits it, whatever the others exited with.',
    );
    expect(e.podFailurePolicy!.sentences.join(' ')).not.toContain('first failed container');
    expect(e.podFailurePolicy!.rules[0]!.sentence).toBe(
      'Rule 0: if any container exits with code 42, the whole Job fails at once (reason PodFailurePolicy) and its other pods are terminated.',
    );
  });

  test('a podFailurePolicy with an explicit podReplacementPolicy TerminatingOrFailed is rejected', () => {
    const e = explain(
      job({
        podReplacementPolicy: 'TerminatingOrFailed',
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
      }),
    );
    expect(e.rejected).toBe(true);
    expect(e.findings[0]).toMatchObject({ ruleId: 'pod-replacement-policy', path: 'spec.podReplacementPolicy' });
  });
});

describe('findings', () => {
  test('each carries the fix that fits this object: an Indexed Job is not told to use an Indexed Job', () => {
    const indexed = explain(job({ completionMode: 'Indexed', completions: 10, parallelism: 5 }));
    expect(indexed.findings.find((f) => f.ruleId === 'concurrent-pods')?.remediation).toBe(
      'Make each pod idempotent and safe to run next to its siblings: each knows its share of the work from its completion index (JOB_COMPLETION_INDEX), so make what they share (files, database rows, queues, external APIs) safe for concurrent use.',
    );
    const plain = explain(job({ completions: 10, parallelism: 5 }));
    expect(plain.findings.find((f) => f.ruleId === 'concurrent-pods')?.remediation).toBe(
      'Make each pod idempotent and safe to run next to its siblings, or use an Indexed Job so each pod knows its own share of the work.',
    );
  });
});

describe('what explain tells you to change fits the object', () => {
  test('a restartPolicy the API server refuses: only Never is offered next to a podFailurePolicy', () => {
    const always = { restartPolicy: 'Always' };
    expect(explain(job({}, always)).retries.sentences).toContain(
      'restartPolicy Always is not allowed for a Job (the API server accepts OnFailure or Never).',
    );
    const withPolicy = job(
      { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
      always,
    );
    expect(explain(withPolicy).retries.sentences).toContain(
      'restartPolicy Always is not allowed for a Job (the API server accepts only Never with a podFailurePolicy).',
    );
  });

  test("parallelism 0 in a CronJob's Jobs: raised in its jobTemplate", () => {
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '@daily', jobTemplate: { spec: job({ parallelism: 0 }).spec as JsonObject } },
    };
    expect(explain(cronJob).pods.sentences).toContain(
      'parallelism is 0: no pod starts until spec.jobTemplate.spec.parallelism is raised.',
    );
    expect(explain(job({ parallelism: 0 })).pods.sentences).toContain(
      'parallelism is 0: no pod starts until spec.parallelism is raised.',
    );
  });
});

describe('deadline', () => {
  const effective = (backoffLimit: number): Effective => ({
    completions: 1,
    parallelism: 1,
    completionMode: 'NonIndexed',
    backoffLimit,
    backoffLimitPerIndex: null,
    maxFailedIndexes: null,
    podReplacementPolicy: 'TerminatingOrFailed',
    activeDeadlineSeconds: null,
    ttlSecondsAfterFinished: null,
    suspend: false,
    manualSelector: false,
    managedBy: null,
    restartPolicy: 'Never',
  });

  test('retries that start before the deadline when every pod fails at once', () => {
    // Retries start 10, 30, 70, 150, 310, 630 s after the first failure, then every 600 s.
    expect(deadlineCutsRetries(effective(5), 100)).toBe(3);
    expect(deadlineCutsRetries(effective(5), 1000)).toBeUndefined();
    expect(deadlineCutsRetries(effective(3), 70)).toBe(2);
    expect(deadlineCutsRetries(effective(3), 71)).toBeUndefined();
    // Past the cap: 630 + 600·10 = 6630 < 7230, 630 + 600·11 = 7230 is not before 7230.
    expect(deadlineCutsRetries(effective(2147483647), 7230)).toBe(16);
    expect(deadlineCutsRetries(effective(2147483647), 7231)).toBe(17);
    expect(deadlineCutsRetries(effective(17), 7231)).toBe(undefined);
    expect(deadlineCutsRetries(effective(18), 7231)).toBe(17);
  });

  test('a pod-level activeDeadlineSeconds is called out as not the Job deadline', () => {
    const e = explain(job({}, { activeDeadlineSeconds: 30 }));
    expect(e.deadline.activeDeadlineSeconds).toBeNull();
    expect(e.warnings.map((w) => w.id)).toContain('pod-deadline-is-not-job-deadline');
  });
});

describe('CronJob', () => {
  const cronJob: JsonObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly' },
    spec: {
      schedule: '0 3 * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          backoffLimitPerIndex: 1,
          completionMode: 'Indexed',
          completions: 3,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
        },
      },
    },
  };

  test('its Jobs are explained as created: defaulted at their own create, named <cronjob>-<minutes>', () => {
    const e = explain(cronJob);
    expect(e.kind).toBe('CronJob');
    expect(e.rejected).toBe(false);
    // The API server does not default jobTemplate.spec; the Jobs get backoffLimit MaxInt32 when created.
    expect(e.effective).toMatchObject({
      backoffLimit: 2147483647,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      suspend: false,
    });
    expect(e.defaulted).toEqual(['parallelism', 'backoffLimit', 'podReplacementPolicy', 'suspend', 'manualSelector']);
    expect(e.pods.jobName).toBe('nightly-<scheduled-minutes>');
    expect(e.pods.hostname).toBe('nightly-<scheduled-minutes>-<index>');
    expect(e.cronJob).toMatchObject({
      schedule: '0 3 * * *',
      timeZone: null,
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: null,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      suspend: false,
      defaulted: ['suspend', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'],
    });
    expect(e.cronJob?.sentences).toContain(
      'concurrencyPolicy Forbid: a run is skipped while the previous Job still runs.',
    );
    expect(e.afterFinish.sentences).toContain(
      'The CronJob keeps the last 3 successful and 1 failed Jobs (with their pods) and deletes older ones.',
    );
    // Findings of the jobTemplate are reported under spec.jobTemplate.spec.
    expect(
      e.findings.every(
        (f) => f.path === '' || f.path.startsWith('spec.jobTemplate.spec') || f.path.startsWith('metadata'),
      ),
    ).toBe(true);
    expect(e.findings.map((f) => f.path)).toContain('spec.jobTemplate.spec.activeDeadlineSeconds');
  });

  test('the fields it tells you to set are where they are in a CronJob, under spec.jobTemplate.spec', () => {
    const template = ((cronJob.spec as JsonObject).jobTemplate as JsonObject).spec as JsonObject;
    const withPodDeadline = structuredClone(cronJob);
    (((withPodDeadline.spec as JsonObject).jobTemplate as JsonObject).spec as JsonObject).template = {
      spec: { ...((template.template as JsonObject).spec as JsonObject), activeDeadlineSeconds: 50 },
    };
    const e = explain(withPodDeadline);
    expect(e.pods.sentences).toContain(
      'For the pods to reach each other by hostname, set spec.jobTemplate.spec.template.spec.subdomain to the name of a headless Service that selects them.',
    );
    expect(e.deadline.sentences).toContain(
      "spec.jobTemplate.spec.template.spec.activeDeadlineSeconds (50s) is a per-pod limit, not the Job's: a pod running longer is failed by the kubelet (reason DeadlineExceeded) and that counts as a failure.",
    );
    expect(e.warnings.find((w) => w.id === 'pod-deadline-is-not-job-deadline')?.message).toBe(
      "spec.jobTemplate.spec.template.spec.activeDeadlineSeconds (50s) limits each pod, not the Job: a slow pod fails and is retried. The Job's own limit is spec.jobTemplate.spec.activeDeadlineSeconds.",
    );
    // The same Job on its own: the paths of a Job.
    const job = explain({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: template });
    expect(job.pods.sentences.join(' ')).toContain('set spec.template.spec.subdomain');
  });
});

describe('live objects (as the API server stores them)', () => {
  test('no recorded Job of the testbed reads as rejected, and none claims what was defaulted', () => {
    const scenarios = snapshotScenarios();
    expect(scenarios.length).toBeGreaterThan(10);
    for (const scenario of scenarios) {
      const e = explain(loadSnapshot(scenario).job as unknown as JsonObject, true);
      expect({ scenario, rejected: e.rejected, defaulted: e.defaulted }).toEqual({
        scenario,
        rejected: false,
        defaulted: null,
      });
    }
  });

  test('the live Job shows the same effective spec as its manifest, with its real uid in the labels', () => {
    const stored = loadSnapshot('pod-failure-policy-failjob').job as unknown as JsonObject;
    const metadata = stored.metadata as { uid: string };
    const live = explain(stored, true);
    expect(live.pods.labels['batch.kubernetes.io/controller-uid']).toBe(metadata.uid);
    expect(live.source).toEqual({ type: 'cluster' });
    const manifest = explain(
      job({
        completions: 12,
        parallelism: 3,
        backoffLimit: 6,
        podFailurePolicy: (stored.spec as JsonObject).podFailurePolicy as JsonObject,
      }),
    );
    expect(live.effective).toMatchObject({
      completions: manifest.effective.completions,
      backoffLimit: manifest.effective.backoffLimit,
      podReplacementPolicy: 'Failed',
    });
  });

  test("kubectl apply's last-applied-configuration tells which values were defaulted", () => {
    const stored = structuredClone(loadSnapshot('complete').job) as unknown as JsonObject;
    const metadata = stored.metadata as { annotations?: Record<string, string> };
    metadata.annotations = {
      ...metadata.annotations,
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'pi' },
        spec: { backoffLimit: 4, template: { spec: { restartPolicy: 'Never' } } },
      }),
    };
    const e = explain(stored, true);
    expect(e.defaulted).toEqual([
      'completions',
      'parallelism',
      'completionMode',
      'podReplacementPolicy',
      'suspend',
      'manualSelector',
    ]);
  });
});

describe('manifests', () => {
  test('several documents: each Job and CronJob in order; other kinds skipped; a List expanded', () => {
    const text = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: i:1}]}}}',
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: batch/v1, kind: CronJob, metadata: {name: b}, spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: i:1}]}}}}}}',
    ].join('\n---\n');
    const result = explainManifest('m.yaml', text, policy);
    expect(result.explanations.map((e) => [e.kind, e.name, e.source])).toEqual([
      ['Job', 'a', { type: 'manifest', file: 'm.yaml', document: 1 }],
      ['CronJob', 'b', { type: 'manifest', file: 'm.yaml', document: 2, item: 0 }],
    ]);
    expect(result.skipped).toEqual([{ document: 0, kind: 'ConfigMap', name: 'settings' }]);
    expect(result.problems).toEqual([]);
  });

  test('JSON manifests are read too', () => {
    const text = JSON.stringify(job({ completions: 2 }));
    expect(explainManifest('j.json', text, policy).explanations[0]?.effective.completions).toBe(2);
  });
});
