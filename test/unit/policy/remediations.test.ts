// Every fix a finding shows must fit the object it is shown for (issue 11 item 19): a rule whose
// docs' remediation would not fit (a field a CronJob has elsewhere, a change the object already
// made) gives its finding a remediation of its own. Per-rule cases are in
// rules/policy-rules.test.ts; here the API server rules, the engine, and a sweep over the
// create-time corpus.
import { describe, expect, test } from '@jest/globals';
import { evaluate, resolvePolicy, RULES, toJobView, type Finding } from '../../../policy/index.ts';
import { loadCorpus, manifestOf } from '../../helpers/corpus.ts';
import { jobOf, pathsNotInCronJob, wrapInCronJob } from '../../helpers/rule-tester.ts';

const policy = resolvePolicy(RULES, undefined);
const docs = new Map(RULES.map((rule) => [rule.id, rule.docs.remediation]));
const shown = (finding: Finding): string => finding.remediation ?? docs.get(finding.ruleId)!;
const findings = (manifest: Record<string, unknown>, ruleId: string) =>
  evaluate(toJobView(manifest), policy, 'lint').filter((f) => f.ruleId === ruleId);

describe('restart-policy (the API server rule)', () => {
  const onFailure = { template: { spec: { restartPolicy: 'OnFailure' } } };
  const withPolicy = {
    ...onFailure,
    podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] },
  };

  test('with a podFailurePolicy only Never is accepted: the fix does not offer OnFailure', () => {
    const [finding] = findings(jobOf({ name: '', spec: withPolicy }), 'restart-policy');
    expect(shown(finding!)).toBe(
      'Set `spec.template.spec.restartPolicy: Never`: it is the only value accepted with a podFailurePolicy.',
    );
  });

  test('without one, Never or OnFailure; in a CronJob, at the template of its jobTemplate', () => {
    const always = { template: { spec: { restartPolicy: 'Always' } } };
    expect(findings(jobOf({ name: '', spec: always }), 'restart-policy').map(shown)).toEqual([
      'Set `spec.template.spec.restartPolicy: Never` (preferred: failed pods and their logs are kept) or `OnFailure`.',
    ]);
    expect(findings(wrapInCronJob(jobOf({ name: '', spec: withPolicy })), 'restart-policy').map(shown)).toEqual([
      'Set `spec.jobTemplate.spec.template.spec.restartPolicy: Never`: it is the only value accepted with a podFailurePolicy.',
    ]);
  });
});

describe('the engine', () => {
  test('a remediation that says what the docs say is not repeated on the finding; one fitted to the object is kept', () => {
    const [plain] = findings(jobOf({ name: '', spec: {} }), 'require-active-deadline');
    expect(plain!.remediation).toBeUndefined();
    const [cronJob] = findings(wrapInCronJob(jobOf({ name: '', spec: {} })), 'require-active-deadline');
    expect(cronJob!.remediation).toBe(
      'Set spec.jobTemplate.spec.activeDeadlineSeconds to the longest the Job may take, retries included.',
    );
  });
});

describe('the create-time corpus, each case also as a CronJob', () => {
  const corpus = loadCorpus();

  test('every fix shown for a CronJob names fields the CronJob has', () => {
    const misplaced: string[] = [];
    for (const c of corpus) {
      const manifest = manifestOf(c);
      const asCronJob = manifest.kind === 'Job' ? wrapInCronJob(manifest) : manifest;
      for (const finding of evaluate(toJobView(asCronJob), policy, 'lint')) {
        for (const path of pathsNotInCronJob(shown(finding))) misplaced.push(`${c.name}: ${finding.ruleId}: ${path}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  test('every fix shown for a Job names fields a Job has', () => {
    const misplaced: string[] = [];
    for (const c of corpus) {
      const manifest = manifestOf(c);
      if (manifest.kind !== 'Job') continue;
      for (const finding of evaluate(toJobView(manifest), policy, 'lint'))
        if (shown(finding).includes('jobTemplate')) misplaced.push(`${c.name}: ${finding.ruleId}`);
    }
    expect(misplaced).toEqual([]);
  });
});
