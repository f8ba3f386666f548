import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { explainManifest } from '../../../plugin/explain/explain-manifest.ts';
import { lintFile } from '../../../plugin/lint/lint-file.ts';
import { readFileCapped } from '../../../plugin/lint/read-source.ts';

/**
 * Lint reads each manifest of test/fixtures/kubectl-reading/ as kubectl does. What kubectl did
 * with each is recorded in test/fixtures/kubectl-reading.json (`kubectl apply --dry-run=server`
 * on the testbed, by scripts/record-kubectl-reading.ts). Every manifest holds a Job or CronJob
 * with `restartPolicy: Always`, which the API server refuses: where kubectl got that far, lint
 * must report `restart-policy`; where kubectl failed before, lint must report why.
 */

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const recorded = JSON.parse(readFileSync(join(FIXTURES, 'kubectl-reading.json'), 'utf8')) as {
  kubectl: string;
  cases: Record<string, { exitCode: number; output: string[] }>;
};
const policy = resolvePolicy(RULES, undefined);

/** What lint reports for each case: the error-level rule ids, in order, and the objects skipped. */
interface Expected {
  readonly errors: readonly string[];
  readonly skipped?: number;
  /** Why lint's verdict differs from kubectl's here, on purpose. */
  readonly divergence?: string;
}

const SERVER_REFUSES = 'restartPolicy: Required value';
const EXPECTED: Record<string, Expected> = {
  'document-sequence-of-jobs.yaml': { errors: ['document-not-object'] },
  'encoding-bom-in-later-document.yaml': { errors: ['restart-policy'], skipped: 1 },
  'encoding-control-character.yaml': { errors: ['yaml-syntax'] },
  'encoding-utf16-bom-in-later-document.yaml': { errors: ['restart-policy'], skipped: 1 },
  'encoding-utf16be-bom.yaml': { errors: ['restart-policy'] },
  'encoding-utf16le-bom.yaml': { errors: ['restart-policy'] },
  'encoding-utf16le-without-bom.yaml': { errors: ['file-encoding'] },
  'encoding-utf32be-bom.yaml': { errors: ['file-encoding'] },
  'encoding-utf32le-bom.yaml': { errors: ['file-encoding'] },
  'encoding-utf8-bom.yaml': { errors: ['restart-policy'] },
  'json-stream-of-objects.json': { errors: ['restart-policy'], skipped: 1 },
  'kind-cronjob-lowercase.yaml': { errors: ['api-version', 'restart-policy'] },
  'kind-lowercase.yaml': { errors: ['api-version', 'restart-policy'] },
  'kind-uppercase.yaml': { errors: ['api-version', 'restart-policy'] },
  'kind-missing.yaml': { errors: ['api-version', 'restart-policy'] },
  'kind-missing-cronjob.yaml': { errors: ['api-version', 'restart-policy'] },
  'kind-with-spaces.yaml': { errors: ['api-version', 'restart-policy'] },
  'list-item-version-missing.yaml': { errors: ['api-version', 'restart-policy'] },
  'list-items-in-any-kind.yaml': { errors: ['restart-policy'] },
  'list-items-null.yaml': {
    errors: [],
    divergence: 'kubectl reads an object with `items: null` as an empty List and fails for having nothing to apply',
  },
  'list-nested-empty.yaml': { errors: ['nested-list'] },
  'list-nested-three-deep.yaml': { errors: ['nested-list', 'nested-list', 'restart-policy'] },
  'list-typed-items-without-kind.yaml': { errors: ['restart-policy'] },
  'list-untyped-items-without-kind.yaml': {
    errors: [],
    skipped: 1,
    divergence:
      'an object with neither apiVersion nor kind is not judged by lint (it skips what is not a Kubernetes object)',
  },
  'lookalike-fullwidth-colon-before-block.yaml': { errors: ['yaml-syntax'] },
  'lookalike-fullwidth-colon.yaml': { errors: ['yaml-syntax'] },
  'lookalike-nbsp-indentation.yaml': { errors: ['yaml-syntax'] },
  'lookalike-smart-quotes.yaml': { errors: ['restart-policy'] },
  'version-batch-v2.yaml': { errors: ['api-version', 'restart-policy'] },
  'version-batch.yaml': { errors: ['api-version', 'restart-policy'] },
  'version-capitalised-group.yaml': { errors: ['api-version', 'restart-policy'] },
  'version-crd-group.yaml': {
    errors: [],
    skipped: 1,
    divergence:
      'a Job of another API group (a CRD such as Volcano) is not a batch/v1 Job; kubectl refused it only because the testbed lacks the CRD',
  },
  'version-cronjob-batch-v1beta1.yaml': { errors: ['api-version', 'restart-policy'] },
  'version-cronjob-batch-v2alpha1.yaml': { errors: ['api-version', 'restart-policy'] },
  'version-extensions-v1beta1.yaml': { errors: ['api-version', 'restart-policy'] },
  'version-missing.yaml': { errors: ['api-version', 'restart-policy'] },
  'version-v1.yaml': { errors: ['api-version', 'restart-policy'] },
};

function lintCase(name: string) {
  const result = lintFile(readFileCapped(join(FIXTURES, 'kubectl-reading', name)), policy);
  const findings = result.results.flatMap((r) => r.findings.map((f) => ({ ...f, item: r.item, itemPath: r.itemPath })));
  return { result, findings, errors: findings.filter((f) => f.severity === 'error') };
}

describe(`reading manifests as kubectl ${recorded.kubectl} does`, () => {
  test('every recorded case has an expectation, and every expectation a recording', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(recorded.cases).sort());
  });

  test.each(Object.keys(EXPECTED))('%s', (name) => {
    const expected = EXPECTED[name]!;
    const kubectl = recorded.cases[name]!;
    const { result, errors } = lintCase(name);
    expect(errors.map((f) => f.ruleId)).toEqual(expected.errors);
    expect(result.skipped).toBe(expected.skipped ?? 0);
    // Where kubectl reached the API server's validation, so does lint; where it failed before, lint says why.
    const serverValidated = kubectl.output.some((line) => line.includes(SERVER_REFUSES));
    if (expected.divergence === undefined) {
      expect(kubectl.exitCode).toBe(1);
      expect(errors.length).toBeGreaterThan(0);
      const failsBeforeServer = errors.some((f) => f.origin === 'parser' || f.ruleId === 'api-version');
      expect(failsBeforeServer).toBe(!serverValidated);
    }
  });
});

describe('what the findings say', () => {
  const only = (name: string, ruleId: string) => lintCase(name).errors.find((f) => f.ruleId === ruleId)!;

  test.each([
    ['version-v1.yaml', 'apiVersion', 'no matches for kind "Job" in version "v1": Jobs are served as batch/v1 only'],
    [
      'version-cronjob-batch-v1beta1.yaml',
      'apiVersion',
      'no matches for kind "CronJob" in version "batch/v1beta1": CronJobs are served as batch/v1 only (batch/v1beta1 was removed in Kubernetes 1.25)',
    ],
    ['version-missing.yaml', 'apiVersion', 'apiVersion not set: kubectl refuses the object; use "batch/v1"'],
    [
      'kind-uppercase.yaml',
      'kind',
      'no matches for kind "JOB" in version "batch/v1": kind is case-sensitive; use "Job"',
    ],
    [
      'kind-lowercase.yaml',
      'kind',
      'no kind "job" is registered for version "batch/v1": kind is case-sensitive; use "Job"',
    ],
    [
      'kind-cronjob-lowercase.yaml',
      'kind',
      'no kind "cronjob" is registered for version "batch/v1": kind is case-sensitive; use "CronJob"',
    ],
    ['kind-missing.yaml', 'kind', 'kind not set: kubectl refuses the object; use "Job"'],
    ['kind-missing-cronjob.yaml', 'kind', 'kind not set: kubectl refuses the object; use "CronJob"'],
    [
      'kind-with-spaces.yaml',
      'kind',
      'no matches for kind "Job " in version "batch/v1": remove the spaces around it: "Job"',
    ],
  ])('%s: api-version at %j', (name, path, message) => {
    expect(only(name, 'api-version')).toMatchObject({ origin: 'apiserver', severity: 'error', path, message });
  });

  test('a CronJob spelled cronjob is still read as a CronJob (its findings are under spec.jobTemplate.spec)', () => {
    expect(only('kind-cronjob-lowercase.yaml', 'restart-policy').path).toBe(
      'spec.jobTemplate.spec.template.spec.restartPolicy',
    );
  });

  test('nested Lists: an error at each List inside a List, and the objects inside linted with their item path', () => {
    const { errors } = lintCase('list-nested-three-deep.yaml');
    expect(errors).toEqual([
      expect.objectContaining({
        ruleId: 'nested-list',
        origin: 'parser',
        line: 4,
        column: 3,
        message:
          'a List inside a List: kubectl fails on the whole document ("*unstructured.Unstructured is not a list"); put its items in the outer List',
      }),
      expect.objectContaining({ ruleId: 'nested-list', line: 7, column: 5 }),
      expect.objectContaining({ ruleId: 'restart-policy', line: 16, column: 13, item: 0, itemPath: [0, 0, 0] }),
    ]);
  });

  test('a stream of JSON objects (jq -c): each one a document, located in the whole file', () => {
    const { result } = lintCase('json-stream-of-objects.json');
    expect(result.results).toEqual([expect.objectContaining({ document: 1, kind: 'Job', name: 'bad' })]);
    expect(result.results[0]!.findings.find((f) => f.ruleId === 'restart-policy')).toMatchObject({
      line: 2,
      column: 93,
    });
  });

  test('a typed List (JobList) gives its kind and apiVersion to items that have neither, as kubectl does', () => {
    const { result } = lintCase('list-typed-items-without-kind.yaml');
    expect(result.results).toEqual([expect.objectContaining({ kind: 'Job', name: 'bad', item: 0 })]);
  });

  test.each([
    ['lookalike-fullwidth-colon.yaml', 7, 20, 'U+FF1A FULLWIDTH COLON where YAML needs ":" (a colon, then a space)'],
    ['lookalike-fullwidth-colon-before-block.yaml', 3, 9, 'U+FF1A FULLWIDTH COLON where YAML needs ":"'],
    ['lookalike-nbsp-indentation.yaml', 7, 1, 'U+00A0 NO-BREAK SPACE where YAML needs a plain space'],
  ])('%s: names the look-alike character and where it is', (name, line, column, says) => {
    const finding = only(name, 'yaml-syntax');
    expect(finding).toMatchObject({ line, column });
    expect(finding.message).toContain(says);
  });

  test('a control character: named, with its place', () => {
    const finding = only('encoding-control-character.yaml', 'yaml-syntax');
    expect(finding).toMatchObject({ line: 9, column: 9 });
    expect(finding.message).toBe(
      'control character U+001B is not allowed in YAML: kubectl fails on the file ("yaml: control characters are not allowed")',
    );
  });

  test('smart quotes that YAML reads as part of a value: a warning naming them', () => {
    const { findings } = lintCase('lookalike-smart-quotes.yaml');
    expect(findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'look-alike-quote',
        severity: 'warning',
        origin: 'parser',
        line: 8,
        column: 40,
      }),
    );
  });

  test('a sequence of Jobs as a document: kubectl cannot apply it', () => {
    expect(only('document-sequence-of-jobs.yaml', 'document-not-object')).toMatchObject({
      line: 1,
      column: 1,
      message:
        'the document is a sequence, not an object: kubectl refuses it ("invalid object to validate"); write each item as a document of its own (separated by ---) or put them in a kind: List',
    });
  });

  test('explain names the look-alike too, instead of "cannot read" with the parser\'s riddle', () => {
    const name = 'lookalike-fullwidth-colon.yaml';
    const text = readFileSync(join(FIXTURES, 'kubectl-reading', name), 'utf8');
    expect(explainManifest(name, text, policy).problems).toEqual([
      expect.objectContaining({ line: 7, column: 20, message: expect.stringMatching(/^U\+FF1A FULLWIDTH COLON/) }),
    ]);
  });
});
