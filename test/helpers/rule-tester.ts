import { describe, expect, test } from '@jest/globals';
import { evaluate, resolvePolicy, toJobView, type Finding, type Rule } from '../../policy/index.ts';
import type { JobXPolicy } from '../../schemas/generated/policy.ts';
import { mergePatch } from './corpus.ts';

type Manifest = Record<string, unknown>;

export interface ValidCase {
  readonly name: string;
  /** A Job spec patch (merge-patched onto a minimal valid Job), or a whole manifest. */
  readonly spec?: Manifest;
  readonly manifest?: Manifest;
  /** `false` when the case means something else inside a CronJob (say why in a comment). */
  readonly cronJob?: false;
  readonly options?: Record<string, unknown>;
}

export interface InvalidCase extends ValidCase {
  /** Every path the rule must report, exactly as the API server prints them. */
  readonly paths: readonly string[];
  /**
   * The fix every finding of the case shows (its own remediation, else the rule's docs), in the
   * Job; in the CronJob run its `spec.` paths read under spec.jobTemplate.spec.
   */
  readonly remediation?: string;
}

const BASE_JOB: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'tested' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
};

export function jobOf(testCase: ValidCase): Manifest {
  return testCase.manifest ?? (mergePatch(BASE_JOB, { spec: testCase.spec ?? {} }) as Manifest);
}

/** The same Job spec as a CronJob's jobTemplate. */
export function wrapInCronJob(job: Manifest): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: job.metadata,
    spec: { schedule: '0 * * * *', jobTemplate: { spec: job.spec } },
  };
}

/** Paths of a Job spec as they read under a CronJob. */
export function toCronJobPath(path: string): string {
  return path === 'spec' || path.startsWith('spec.') || path.startsWith('spec[') ? `spec.jobTemplate.${path}` : path;
}

function findingsOf(rule: Rule, manifest: Manifest, options?: Record<string, unknown>): Finding[] {
  const policy: JobXPolicy = {
    apiVersion: 'job-x.dev/v1alpha1',
    kind: 'Policy',
    ...(options ? { rules: { [rule.id]: { options } } } : {}),
  };
  const resolved = resolvePolicy([rule], rule.origin === 'apiserver' ? undefined : policy);
  return evaluate(toJobView(manifest), resolved, 'lint').filter((f) => f.ruleId === rule.id);
}

function pathsReported(rule: Rule, manifest: Manifest, options?: Record<string, unknown>): string[] {
  return findingsOf(rule, manifest, options)
    .map((f) => f.path)
    .sort();
}

/** The fixes shown for the rule's findings: each finding's own remediation, else the docs'. */
function remediationsShown(rule: Rule, manifest: Manifest, options?: Record<string, unknown>): string[] {
  return [...new Set(findingsOf(rule, manifest, options).map((f) => f.remediation ?? rule.docs.remediation))];
}

/** Field paths named in a sentence: `spec.template.spec.restartPolicy`, `spec.jobTemplate.spec.completions`. */
const PATH_IN_TEXT = /\bspec(?:\.[A-Za-z]\w*)+/g;
/** A CronJob's own fields (the rest of a CronJob's spec is its jobTemplate). */
const CRONJOB_FIELDS = new Set([
  'schedule',
  'timeZone',
  'startingDeadlineSeconds',
  'concurrencyPolicy',
  'suspend',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
  'jobTemplate',
]);

/** Paths a fix shown for a CronJob names that a CronJob does not have (a Job's fields are under spec.jobTemplate.spec). */
export function pathsNotInCronJob(remediation: string): string[] {
  return [...remediation.matchAll(PATH_IN_TEXT)]
    .map((m) => m[0])
    .filter((path) => !CRONJOB_FIELDS.has(path.split('.')[1]!));
}

/** The fix for a Job, as it reads for the same spec in a CronJob. */
const toCronJobText = (text: string): string => text.replace(PATH_IN_TEXT, (path) => toCronJobPath(path));

/**
 * ESLint's RuleTester for job-x: every valid case must yield no finding of the rule, every invalid
 * case exactly the listed paths; each case runs again wrapped in a CronJob (paths then start
 * with spec.jobTemplate.spec.) unless the rule reads one kind only or the case opts out.
 */
export function runRuleTests(
  rule: Rule,
  cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] },
): void {
  describe(rule.id, () => {
    test('has valid and invalid cases, each invalid case naming its paths', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      for (const c of cases.invalid) expect(c.paths.length).toBeGreaterThan(0);
    });
    const kinds = rule.kinds ?? ['Job', 'CronJob'];
    for (const c of cases.valid) {
      if (kinds.includes('Job'))
        test(`valid: ${c.name}`, () => expect(pathsReported(rule, jobOf(c), c.options)).toEqual([]));
      if (kinds.includes('CronJob') && c.cronJob !== false && !c.manifest) {
        test(`valid in a CronJob: ${c.name}`, () =>
          expect(pathsReported(rule, wrapInCronJob(jobOf(c)), c.options)).toEqual([]));
      }
    }
    for (const c of cases.invalid) {
      const isCronJobManifest = c.manifest?.kind === 'CronJob';
      if (kinds.includes('Job') && !isCronJobManifest) {
        test(`invalid: ${c.name}`, () => {
          expect(pathsReported(rule, jobOf(c), c.options)).toEqual([...c.paths].sort());
          if (c.remediation !== undefined)
            expect(remediationsShown(rule, jobOf(c), c.options)).toEqual([c.remediation]);
        });
      }
      if (isCronJobManifest)
        test(`invalid: ${c.name}`, () => expect(pathsReported(rule, jobOf(c), c.options)).toEqual([...c.paths].sort()));
      else if (kinds.includes('CronJob') && c.cronJob !== false && !c.manifest) {
        test(`invalid in a CronJob: ${c.name}`, () => {
          const cronJob = wrapInCronJob(jobOf(c));
          expect(pathsReported(rule, cronJob, c.options)).toEqual(c.paths.map(toCronJobPath).sort());
          // The fix names the fields where the CronJob has them.
          const shown = remediationsShown(rule, cronJob, c.options);
          expect(shown.flatMap(pathsNotInCronJob)).toEqual([]);
          if (c.remediation !== undefined) expect(shown).toEqual([toCronJobText(c.remediation)]);
        });
      }
    }
  });
}
