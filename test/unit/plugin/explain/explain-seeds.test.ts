// Every manifest of the seed documents (../shared/seeds), explained. The expected values come
// from the Kubernetes semantics the seeds describe (notes/k8s-job-reference.md §2 defaulting,
// §3 controller), worked out by hand for each manifest, not copied from explain's output.
import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../../policy/index.ts';
import { explainManifest } from '../../../../plugin/explain/explain-manifest.ts';
import type { Explanation } from '../../../../plugin/explain/explanation.ts';
import { seedExamples } from '../../../helpers/seed-examples.ts';

const policy = resolvePolicy(RULES, undefined);
const examples = seedExamples();

function explainSeed(id: string): Explanation {
  const example = examples.find((e) => e.id === id);
  if (!example) throw new Error(`no seed ${id}`);
  const result = explainManifest(id, example.text, policy);
  expect(result.explanations).toHaveLength(1);
  return result.explanations[0]!;
}

const UNSET = {
  backoffLimitPerIndex: null,
  maxFailedIndexes: null,
  activeDeadlineSeconds: null,
  ttlSecondsAfterFinished: null,
  managedBy: null,
} as const;

/** A Job that sets neither completions nor parallelism: both default to 1 (§2). */
const NON_PARALLEL_DEFAULTS = {
  completions: 1,
  parallelism: 1,
  completionMode: 'NonIndexed',
  suspend: false,
  manualSelector: false,
} as const;

const ALWAYS_DEFAULTED_FOR_PI = [
  'completions',
  'parallelism',
  'completionMode',
  'podReplacementPolicy',
  'suspend',
  'manualSelector',
];

/** Expectations shared by the two pi manifests (000#0 and 001#0): backoffLimit 4, nothing else set. */
function expectPi(e: Explanation): void {
  expect(e.rejected).toBe(false);
  expect(e.pattern).toBe('NonParallel');
  expect(e.effective).toEqual({
    ...NON_PARALLEL_DEFAULTS,
    ...UNSET,
    backoffLimit: 4,
    podReplacementPolicy: 'TerminatingOrFailed',
    restartPolicy: 'Never',
  });
  expect(e.defaulted).toEqual(ALWAYS_DEFAULTED_FOR_PI);
  expect(e.pods).toMatchObject({
    atOnce: 1,
    successesNeeded: 1,
    indexes: null,
    hostname: null,
    completionIndex: null,
    podName: 'pi-<random>',
  });
  expect(e.pods.labels).toEqual({
    'job-name': 'pi',
    'batch.kubernetes.io/job-name': 'pi',
    'controller-uid': '<uid>',
    'batch.kubernetes.io/controller-uid': '<uid>',
  });
  // backoffLimit 4: failed pods > 4 fails the Job, so the 5th failure; waits 10 s doubling.
  expect(e.retries).toMatchObject({
    budget: 4,
    failsAfter: 5,
    countedAs: 'failedPods',
    unlimited: false,
    schedule: [10, 20, 40, 80],
    scheduleTruncated: false,
    perIndex: null,
  });
  expect(e.retries.sentences[0]).toBe(
    'Retry budget: 4 counted failures. The 5th counted failure fails the Job (reason BackoffLimitExceeded) and terminates its running pods.',
  );
  expect(e.podFailurePolicy).toBeNull();
  expect(e.successPolicy).toBeNull();
  expect(e.success.reason).toBe('CompletionsReached');
  expect(e.deadline.activeDeadlineSeconds).toBeNull();
  expect(e.afterFinish.ttlSecondsAfterFinished).toBeNull();
  expect(e.cronJob).toBeNull();
  expect(e.warnings.map((w) => w.id)).toEqual(['pod-may-run-twice']);
  expect(e.findings.map((f) => f.ruleId).sort()).toEqual(['require-active-deadline', 'require-ttl']);
}

describe('explain on every seed manifest', () => {
  test('every seed manifest is covered here', () => {
    expect(examples.map((e) => e.id).sort()).toEqual(
      [
        '000_5414a7c3b5350c93.txt#0',
        '000_5414a7c3b5350c93.txt#1',
        '000_5414a7c3b5350c93.txt#2',
        '000_5414a7c3b5350c93.txt#3',
        '000_5414a7c3b5350c93.txt#4',
        '000_5414a7c3b5350c93.txt#5',
        '000_5414a7c3b5350c93.txt#6',
        '001_7c83f7a6d56bfd86.txt#0',
        '001_7c83f7a6d56bfd86.txt#1',
      ].sort(),
    );
  });

  test('pi: one pod, budget 4, fails at the 5th failure, pods kept (no TTL)', () => {
    expectPi(explainSeed('000_5414a7c3b5350c93.txt#0'));
  });

  test('pi (Chinese notes, image without a tag): the same behaviour', () => {
    expectPi(explainSeed('001_7c83f7a6d56bfd86.txt#0'));
  });

  test('job-pod-failure-policy-example: 3 of 12 at once; exit 42 of main fails the Job; disruptions ignored', () => {
    const e = explainSeed('000_5414a7c3b5350c93.txt#1');
    expect(e.rejected).toBe(false);
    expect(e.pattern).toBe('FixedCompletions');
    // A podFailurePolicy makes podReplacementPolicy default to Failed.
    expect(e.effective).toEqual({
      completions: 12,
      parallelism: 3,
      completionMode: 'NonIndexed',
      backoffLimit: 6,
      podReplacementPolicy: 'Failed',
      suspend: false,
      manualSelector: false,
      restartPolicy: 'Never',
      ...UNSET,
    });
    expect(e.defaulted).toEqual(['completionMode', 'podReplacementPolicy', 'suspend', 'manualSelector']);
    expect(e.pods).toMatchObject({ atOnce: 3, successesNeeded: 12 });
    expect(e.retries).toMatchObject({ budget: 6, failsAfter: 7, schedule: [10, 20, 40, 80, 160, 320] });
    expect(e.podFailurePolicy?.rules).toEqual([
      {
        index: 0,
        action: 'FailJob',
        onExitCodes: { containerName: 'main', operator: 'In', values: [42] },
        onPodConditions: null,
        sentence:
          'Rule 0: if container main exits with code 42, the whole Job fails at once (reason PodFailurePolicy) and its other pods are terminated.',
      },
      {
        index: 1,
        action: 'Ignore',
        onExitCodes: null,
        // status is defaulted to True by the API server.
        onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }],
        sentence:
          'Rule 1: if the pod was disrupted (condition DisruptionTarget: preemption, API-initiated or node-pressure eviction, node drain or shutdown), the failure is not counted (against backoffLimit) and the pod is replaced.',
      },
    ]);
    expect(e.podFailurePolicy?.sentences[0]).toMatch(/first that matches decides.*no rule matches counts as usual/);
    expect(e.retries.sentences).toContain(
      'Failures the pod failure policy ignores do not count, but they still lengthen the wait before the next pod.',
    );
    expect(e.warnings.map((w) => w.id)).toEqual(['pod-may-run-twice', 'concurrent-pods']);
    expect(e.warnings[1]?.message).toMatch(/^Up to 3 pods run at the same time/);
    // Failed podReplacementPolicy: no replacement while the old pod terminates, so no overlap warning.
    expect(e.warnings[0]?.message).not.toMatch(/still terminating/);
    expect(e.success).toEqual({
      reason: 'CompletionsReached',
      sentences: ['The Job succeeds (condition Complete, reason CompletionsReached) when 12 pods have succeeded.'],
    });
  });

  test('job-success: Indexed 0-9; at least one of 0, 2, 3 succeeding ends it with SuccessPolicy', () => {
    const e = explainSeed('000_5414a7c3b5350c93.txt#2');
    expect(e.rejected).toBe(false);
    expect(e.pattern).toBe('Indexed');
    expect(e.effective).toMatchObject({
      completions: 10,
      parallelism: 10,
      completionMode: 'Indexed',
      backoffLimit: 6,
      podReplacementPolicy: 'TerminatingOrFailed',
    });
    expect(e.defaulted).toEqual(['backoffLimit', 'podReplacementPolicy', 'suspend', 'manualSelector']);
    expect(e.pods).toMatchObject({
      atOnce: 10,
      successesNeeded: 10,
      indexes: '0-9',
      podName: 'job-success-<index>-<random>',
      hostname: 'job-success-<index>',
      completionIndex: {
        env: 'JOB_COMPLETION_INDEX',
        annotation: 'batch.kubernetes.io/job-completion-index',
        label: 'batch.kubernetes.io/job-completion-index',
      },
    });
    expect(e.pods.labels['batch.kubernetes.io/job-completion-index']).toBe('<index>');
    expect(e.pods.annotations).toEqual({ 'batch.kubernetes.io/job-completion-index': '<index>' });
    expect(e.success.reason).toBe('SuccessPolicy');
    expect(e.successPolicy?.rules).toEqual([
      {
        index: 0,
        succeededIndexes: '0,2-3',
        succeededCount: 1,
        sentence: 'Rule 0: at least 1 of indexes 0,2-3 has succeeded.',
      },
    ]);
    expect(e.successPolicy?.sentences[0]).toMatch(
      /SuccessCriteriaMet \(reason SuccessPolicy, message "Matched rules at index <i>"\), its remaining pods are terminated/,
    );
    // 9 indexes may fail while the policy is still met, but the 7th failed pod fails the Job first.
    expect(e.retries).toMatchObject({ budget: 6, failsAfter: 7 });
    expect(e.findings.find((f) => f.ruleId === 'success-policy-backoff-race')).toMatchObject({
      path: 'spec.backoffLimit',
      severity: 'warning',
    });
    expect(e.warnings.map((w) => w.id)).toEqual(['pod-may-run-twice', 'concurrent-pods', 'elastic-indexed']);
  });

  test('pi-with-timeout: 100 s deadline; the backoff lets only 3 retries start within it', () => {
    const e = explainSeed('000_5414a7c3b5350c93.txt#3');
    expect(e.effective).toMatchObject({ backoffLimit: 5, activeDeadlineSeconds: 100 });
    expect(e.retries).toMatchObject({ budget: 5, failsAfter: 6, schedule: [10, 20, 40, 80, 160] });
    expect(e.deadline.activeDeadlineSeconds).toBe(100);
    // Retries would start 10, 30, 70, 150 s after instant failures: three fall before 100 s.
    expect(e.deadline.sentences).toEqual([
      'The whole Job may run for at most 1m40s (100s), counted from its start (status.startTime); suspending and resuming it starts the clock again.',
      'When the deadline is reached the Job fails (reason DeadlineExceeded) and its running pods are terminated, however many retries are left: the deadline takes precedence over backoffLimit.',
      'Even if every pod failed at once, the backoff waits alone let only 3 retries start within 1m40s (backoffLimit allows 5): a Job whose pods keep failing ends with DeadlineExceeded, not BackoffLimitExceeded.',
    ]);
    expect(e.findings.map((f) => f.ruleId)).toEqual(['require-ttl']);
  });

  test('pi-with-ttl: deleted with its pods 100 s after finishing; backoffLimit defaults to 6', () => {
    const e = explainSeed('000_5414a7c3b5350c93.txt#4');
    expect(e.effective).toMatchObject({ ttlSecondsAfterFinished: 100, backoffLimit: 6 });
    expect(e.defaulted).toContain('backoffLimit');
    expect(e.retries).toMatchObject({ budget: 6, failsAfter: 7, schedule: [10, 20, 40, 80, 160, 320] });
    expect(e.afterFinish.ttlSecondsAfterFinished).toBe(100);
    expect(e.afterFinish.sentences).toContain(
      'The TTL controller deletes the Job 1m40s after it finishes (Complete or Failed), and its pods with it: read their logs before then.',
    );
    expect(e.findings.map((f) => f.ruleId)).toEqual(['require-active-deadline']);
  });

  test('myjob (suspend example with `spec: ...`): suspended, 5 completions one at a time, rejected for the pod spec', () => {
    const e = explainSeed('000_5414a7c3b5350c93.txt#5');
    expect(e.rejected).toBe(true);
    expect(e.findings[0]).toMatchObject({
      ruleId: 'field-types',
      origin: 'apiserver',
      severity: 'error',
      path: 'spec.template.spec',
    });
    expect(e.pattern).toBe('FixedCompletions');
    expect(e.effective).toMatchObject({ suspend: true, parallelism: 1, completions: 5 });
    expect(e.defaulted).not.toContain('suspend');
    expect(e.pods.atOnce).toBe(1);
    expect(
      e.pods.sentences.some((s) => s.startsWith('It is suspended: no pod starts until spec.suspend is set to false')),
    ).toBe(true);
    // One pod at a time: the pods never run side by side.
    expect(e.warnings.map((w) => w.id)).not.toContain('concurrent-pods');
  });

  test('the status excerpt (no metadata, no template): the API server would reject it', () => {
    const e = explainSeed('000_5414a7c3b5350c93.txt#6');
    expect(e.rejected).toBe(true);
    expect(e.name).toBeNull();
    const rejections = e.findings
      .filter((f) => f.origin === 'apiserver' && f.severity === 'error')
      .map((f) => f.ruleId);
    expect(rejections.sort()).toEqual(['object-metadata', 'pod-template', 'restart-policy']);
    // Rejections come first.
    expect(e.findings.slice(0, 3).every((f) => f.origin === 'apiserver' && f.severity === 'error')).toBe(true);
    // Pod defaulting turns the missing restartPolicy into Always, which a Job may not use.
    expect(e.effective.restartPolicy).toBe('Always');
    expect(e.defaulted).toContain('restartPolicy');
  });

  test('the "Writing a Job Spec" skeleton is not YAML kubectl can read: a problem, nothing explained', () => {
    const example = examples.find((x) => x.id === '001_7c83f7a6d56bfd86.txt#1')!;
    const result = explainManifest('skeleton', example.text, policy);
    expect(result.explanations).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });
});
