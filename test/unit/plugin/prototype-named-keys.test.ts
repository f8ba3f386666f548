import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { lintSource } from '../../../plugin/lint/lint-source.ts';
import { explainManifest } from '../../../plugin/explain/explain-manifest.ts';

/**
 * Keys named after Object.prototype's members, and values that carry a `toString` key, in
 * manifests: they are ordinary keys to kubectl and the API server. Each case goes through both
 * YAML readers (the fast reader, and the yaml package, which a `!!str` tag hands the text to).
 */
const policy = resolvePolicy(RULES, undefined);
const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'] as const;
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'kubectl-job_x.js');

/** A clean Job, with `extra` lines inserted after a line that ends with `at`. */
function job(at?: string, extra: string[] = []): string {
  const lines = [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: pi',
    'spec:',
    '  ttlSecondsAfterFinished: 600',
    '  activeDeadlineSeconds: 600',
    '  selector:',
    '    matchExpressions:',
    '    - key: app',
    '      operator: Exists',
    '  manualSelector: true',
    '  completionMode: Indexed',
    '  completions: 3',
    '  podFailurePolicy:',
    '    rules:',
    '    - action: FailJob',
    '      onExitCodes:',
    '        operator: In',
    '        values: [42]',
    '  successPolicy:',
    '    rules:',
    '    - succeededCount: 1',
    '  template:',
    '    metadata:',
    '      labels: {app: pi}',
    '    spec:',
    '      containers:',
    '      - name: pi',
    '        image: perl:5.34.0',
    '      restartPolicy: Never',
  ];
  if (at === undefined) return `${lines.join('\n')}\n`;
  const index = lines.findIndex((line) => line.trimEnd().endsWith(at));
  if (index < 0) throw new Error(`no line ends with ${at}`);
  lines.splice(index + 1, 0, ...extra);
  return `${lines.join('\n')}\n`;
}

/**
 * The Job without a selector: the API server generates one from the name (and job-x's defaulting
 * with it, where a name that was a mapping used to crash the run).
 */
const generatedSelectorJob = (): string =>
  job().replace(
    '  selector:\n    matchExpressions:\n    - key: app\n      operator: Exists\n  manualSelector: true\n',
    '',
  );

/** The same text, read by the full parser: the fast reader leaves tags to it. */
const viaFullParser = (text: string): string => text.replace('kind: Job', 'kind: !!str Job');
const READERS = [
  ['fast reader', (text: string) => text],
  ['full parser', viaFullParser],
] as const;

const lint = (text: string) => lintSource('f.yaml', text, policy);
const findingsOf = (text: string) => lint(text).results.flatMap((r) => r.findings);

test('the base Jobs are clean in both readers (so every finding below comes from what is added)', () => {
  expect(generatedSelectorJob()).not.toContain('selector');
  for (const text of [job(), generatedSelectorJob()])
    for (const [, read] of READERS)
      expect(findingsOf(read(text)).filter((f) => f.severity === 'error' || f.ruleId === 'internal-error')).toEqual([]);
});

describe('unknown fields named after Object.prototype members are unknown fields, at every depth', () => {
  // [line the key goes under, its indentation, the path of the object that holds it]
  const PLACES: [string, string, string][] = [
    ['kind: Job', '', ''],
    ['spec:', '  ', 'spec'],
    ['podFailurePolicy:', '    ', 'spec.podFailurePolicy'],
    ['- action: FailJob', '      ', 'spec.podFailurePolicy.rules[0]'],
    ['onExitCodes:', '        ', 'spec.podFailurePolicy.rules[0].onExitCodes'],
    ['- succeededCount: 1', '      ', 'spec.successPolicy.rules[0]'],
    ['selector:', '    ', 'spec.selector'],
    ['operator: Exists', '      ', 'spec.selector.matchExpressions[0]'],
    ['template:', '    ', 'spec.template'],
  ];
  for (const name of PROTOTYPE_NAMES) {
    for (const [readerName, read] of READERS) {
      test.each(PLACES)(`${name} under %s (${readerName})`, (at, indent, parent) => {
        const path = parent === '' ? name : `${parent}.${name}`;
        const findings = findingsOf(read(job(at, [`${indent}${name}: 1`])));
        expect(findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
        expect(findings.filter((f) => f.severity === 'error')).toEqual([
          expect.objectContaining({
            ruleId: 'unknown-fields',
            path,
            message: `strict decoding error: unknown field "${path}"`,
          }),
        ]);
      });
    }
  }

  test.each(PROTOTYPE_NAMES)('%s in a CronJob spec and its jobTemplate', (name) => {
    const cronJob = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: nightly}',
      'spec:',
      `  ${name}: 1`,
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      `    ${name}: 1`,
      '    spec:',
      `      ${name}: 1`,
      '      ttlSecondsAfterFinished: 600',
      '      activeDeadlineSeconds: 600',
      '      template:',
      '        spec:',
      '          restartPolicy: Never',
      '          containers: [{name: main, image: busybox:1.36}]',
      '',
    ].join('\n');
    const errors = findingsOf(cronJob).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.ruleId, f.path])).toEqual(
      [`spec.${name}`, `spec.jobTemplate.${name}`, `spec.jobTemplate.spec.${name}`].map((p) => ['unknown-fields', p]),
    );
  });

  test.each(PROTOTYPE_NAMES)('%s in metadata, the pod spec and a container is unknown; in maps no finding', (name) => {
    const text = job('image: perl:5.34.0', [`        ${name}: x`])
      .replace('  name: pi\n', `  name: pi\n  ${name}: x\n  labels: {${name}: x}\n  annotations: {${name}: x}\n`)
      .replace(
        '      restartPolicy: Never',
        `      restartPolicy: Never\n      ${name}: x\n      nodeSelector: {${name}: x}`,
      );
    // Every struct of the pinned Go types is closed under strict decoding: the keys are unknown
    // fields in the metadata, the pod spec and the container, and nothing in the maps. The API
    // server refuses the unknown fields before it validates anything, so the invalid `__proto__`
    // label key is never reached.
    const expected = [`metadata.${name}`, `spec.template.spec.containers[0].${name}`, `spec.template.spec.${name}`].map(
      (path) => ['unknown-fields', path],
    );
    for (const [, read] of READERS) {
      const findings = findingsOf(read(text)).filter((f) => f.severity === 'error' || f.ruleId === 'internal-error');
      expect(findings.map((f) => [f.ruleId, f.path])).toEqual(expected);
    }
  });
});

describe('values that carry a toString key are values of the wrong type, never a crash', () => {
  const NAME_VALUES = [
    ['a mapping with a toString key', '{toString: x}'],
    ['an array holding one', '[{toString: 1}]'],
    ['a mapping with toString, valueOf and constructor', '{toString: 1, valueOf: 2, constructor: 3}'],
    ['a mapping with a __proto__ key', '{__proto__: {toString: 1}}'],
  ];

  test.each(NAME_VALUES)('metadata.name as %s: a field-types error at metadata.name', (_, value) => {
    for (const [, read] of READERS) {
      const result = lint(read(generatedSelectorJob().replace('  name: pi', `  name: ${value}`)));
      expect(result.results).toHaveLength(1);
      const findings = result.results[0]!.findings;
      expect(findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
      expect(findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.path])).toEqual([
        ['field-types', 'metadata.name'],
      ]);
    }
  });

  test.each([
    ['metadata.namespace', '  name: pi', '  name: pi\n  namespace: {toString: x}'],
    ['metadata.generateName', '  name: pi', '  generateName: [{toString: x}]'],
    ['a label value', 'labels: {app: pi}', 'labels: {app: pi, tier: {toString: x}}'],
    ['completions', 'completions: 3', 'completions: {toString: 3}'],
    ['a podFailurePolicy action', 'action: FailJob', 'action: {toString: FailJob}'],
    ['an exit code', 'values: [42]', 'values: [{toString: 42}]'],
    ['a container name', '- name: pi', '- name: {toString: pi}'],
    ['a resource limit', 'image: perl:5.34.0', 'image: perl:5.34.0\n        resources: {limits: {cpu: {toString: 1}}}'],
    ['restartPolicy', 'restartPolicy: Never', 'restartPolicy: {toString: Never}'],
  ])('%s: findings, no internal error', (_, from, to) => {
    const text = generatedSelectorJob().replace(from, to);
    expect(text).not.toBe(generatedSelectorJob());
    for (const [, read] of READERS) {
      const findings = findingsOf(read(text));
      expect(findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
      expect(findings.some((f) => f.severity === 'error')).toBe(true);
    }
  });

  test('explain reads the same documents without failing', () => {
    for (const [, value] of NAME_VALUES) {
      const explained = explainManifest(
        'f.yaml',
        generatedSelectorJob().replace('  name: pi', `  name: ${value}`),
        policy,
      );
      expect(explained.problems).toEqual([]);
      expect(explained.explanations).toHaveLength(1);
      expect(explained.explanations[0]).toMatchObject({ name: null, rejected: true });
    }
  });
});

describe('the executable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'job-x-prototype-keys-'));
  const files = {
    first: join(dir, 'a-first.yaml'),
    hostile: join(dir, 'b-hostile.yaml'),
    array: join(dir, 'c-array.yaml'),
    last: join(dir, 'd-last.yaml'),
  };
  writeFileSync(files.first, generatedSelectorJob());
  writeFileSync(files.hostile, generatedSelectorJob().replace('  name: pi', '  name:\n    toString: x'));
  writeFileSync(files.array, generatedSelectorJob().replace('  name: pi', '  name: [{toString: 1}]'));
  writeFileSync(files.last, generatedSelectorJob().replace('name: pi', 'name: last'));
  const run = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  test('lint reports the bad name in every file and goes on to the others: exit 1, no stack trace', () => {
    const r = run(['lint', '-o', 'json', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { results: { file: string; name: string | null; findings: unknown[] }[] };
    expect(report.results.map((x) => [x.file, x.name])).toEqual([
      [files.first, 'pi'],
      [files.hostile, null],
      [files.array, null],
      [files.last, 'last'],
    ]);
    expect(report.results[1]!.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'field-types', path: 'metadata.name' }),
    );
  });

  test('explain -f explains it: no stack trace', () => {
    const r = run(['explain', '-f', files.hostile]);
    expect(r.stderr).not.toMatch(/internal error|\n {4}at /);
    expect(r.stdout).toContain(
      'metadata.name: json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name',
    );
  });
});
