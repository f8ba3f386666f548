import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { lintSource } from '../../../plugin/lint/lint-source.ts';
import { seedExamples } from '../../helpers/seed-examples.ts';

/**
 * Every manifest in ../shared/seeds, linted, with the findings each must produce
 * (`severity ruleId path`). A seed that changes, or a new one, fails here until reviewed.
 */
const EXPECTED: Record<string, string[]> = {
  // pi: a standalone Job with no TTL and no deadline.
  '000_5414a7c3b5350c93.txt#0': [
    'info require-active-deadline spec.activeDeadlineSeconds',
    'warning require-ttl spec.ttlSecondsAfterFinished',
  ],
  // job-pod-failure-policy-example: FailJob on 42 plus the Ignore rule for disruptions; 3 pods at once.
  '000_5414a7c3b5350c93.txt#1': [
    'info concurrent-pods spec.parallelism',
    'info require-active-deadline spec.activeDeadlineSeconds',
    'warning require-ttl spec.ttlSecondsAfterFinished',
  ],
  // job-success: Indexed with a valid successPolicy (succeededIndexes 0,2-3); 9 indexes may fail but
  // the default backoffLimit 6 fails the Job first (observed on the testbed in about 2 runs of 3).
  '000_5414a7c3b5350c93.txt#2': [
    'info concurrent-pods spec.parallelism',
    'warning success-policy-backoff-race spec.backoffLimit',
    'info require-active-deadline spec.activeDeadlineSeconds',
    'warning require-ttl spec.ttlSecondsAfterFinished',
  ],
  // pi-with-timeout: has a deadline, still no TTL.
  '000_5414a7c3b5350c93.txt#3': ['warning require-ttl spec.ttlSecondsAfterFinished'],
  // pi-with-ttl: has a TTL, no deadline.
  '000_5414a7c3b5350c93.txt#4': ['info require-active-deadline spec.activeDeadlineSeconds'],
  // myjob (suspend example) with `spec: ...` as the pod spec: the API server cannot decode a string there.
  '000_5414a7c3b5350c93.txt#5': [
    'error field-types spec.template.spec',
    'info require-active-deadline spec.activeDeadlineSeconds',
    'warning require-ttl spec.ttlSecondsAfterFinished',
  ],
  // A status excerpt (metadata and spec omitted): as a manifest it lacks a name and a pod template.
  '000_5414a7c3b5350c93.txt#6': [
    'error object-metadata metadata.name',
    'error pod-template spec.template.spec.containers',
    'error restart-policy spec.template.spec.restartPolicy',
    'info require-active-deadline spec.activeDeadlineSeconds',
    'warning require-ttl spec.ttlSecondsAfterFinished',
  ],
  // pi (Chinese notes): image without a tag, otherwise as the first pi.
  '001_7c83f7a6d56bfd86.txt#0': [
    'info require-active-deadline spec.activeDeadlineSeconds',
    'warning require-ttl spec.ttlSecondsAfterFinished',
  ],
  // The "Writing a Job Spec" skeleton uses a full-width colon (metadata：): not YAML kubectl can read.
  '001_7c83f7a6d56bfd86.txt#1': ['error yaml-syntax '],
};

describe('the seed examples', () => {
  const policy = resolvePolicy(RULES, undefined);
  const examples = seedExamples();

  test('every seed manifest has expectations, and every expectation a seed', () => {
    expect(examples.map((e) => e.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(examples.map((e) => [e.id, e] as const))('%s', (id, example) => {
    const findings = lintSource(id, example.text, policy).results.flatMap((r) =>
      r.findings.map((f) => `${f.severity} ${f.ruleId} ${f.path}`),
    );
    expect(findings.sort()).toEqual([...(EXPECTED[id] ?? [])].sort());
  });

  test('the full-width colon of the skeleton is named, where it is', () => {
    const example = examples.find((e) => e.id === '001_7c83f7a6d56bfd86.txt#1')!;
    const [finding] = lintSource(example.id, example.text, policy).results.flatMap((r) => r.findings);
    expect(finding).toMatchObject({ ruleId: 'yaml-syntax', line: 3, column: 9 });
    expect(finding!.message).toMatch(/^U\+FF1A FULLWIDTH COLON where YAML needs ":"/);
  });
});
