import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { lintSource } from '../../../plugin/lint/lint-source.ts';

const policy = resolvePolicy(RULES, undefined);
const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  ttlSecondsAfterFinished: 600
  activeDeadlineSeconds: 600
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
      restartPolicy: Never
`;

const lint = (text: string) => lintSource('f.yaml', text, policy);
const errorsOf = (text: string) => lint(text).results.flatMap((r) => r.findings.filter((f) => f.severity === 'error'));

describe('lintSource', () => {
  test('a clean Job has no findings', () => {
    const result = lint(JOB);
    expect(result.results).toEqual([expect.objectContaining({ kind: 'Job', name: 'pi', document: 0, findings: [] })]);
  });

  test('findings carry line and column of the offending field', () => {
    const text = JOB.replace('restartPolicy: Never', 'restartPolicy: Always');
    const finding = lint(text).results[0]?.findings.find((f) => f.ruleId === 'restart-policy');
    expect(finding).toMatchObject({
      path: 'spec.template.spec.restartPolicy',
      line: 13,
      column: 7,
      origin: 'apiserver',
      severity: 'error',
      type: 'Required',
    });
  });

  test('a missing field points at its nearest written parent', () => {
    const text = JOB.replace('      restartPolicy: Never\n', '');
    const finding = lint(text).results[0]?.findings.find((f) => f.ruleId === 'restart-policy');
    expect(finding).toMatchObject({ line: 9, column: 5 });
  });

  test('multi-document streams: a syntax error is reported with its line, the other documents are still linted', () => {
    const text = `${JOB}---\nkind: [oops\n---\n${JOB.replace('name: pi', 'name: second')}`;
    const result = lint(text);
    expect(result.results.map((r) => [r.document, r.kind, r.name])).toEqual([
      [0, 'Job', 'pi'],
      [1, null, null],
      [2, 'Job', 'second'],
    ]);
    expect(result.results[1]?.findings[0]).toMatchObject({
      ruleId: 'yaml-syntax',
      origin: 'parser',
      severity: 'error',
      line: 16,
    });
    // The parser notices the unclosed [ where the next document starts.
  });

  test('documents that are not Jobs or CronJobs are skipped and counted; empty documents are ignored', () => {
    const result = lint(
      `---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\nfoo: bar\n---\n${JOB}`,
    );
    expect(result.skipped).toBe(2);
    expect(result.results.map((r) => r.kind)).toEqual(['Job']);
  });

  test('JSON input is read, with positions', () => {
    const json = JSON.stringify(
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j' },
        spec: {
          parallelism: -1,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } },
        },
      },
      null,
      2,
    );
    const finding = lint(json).results[0]?.findings.find((f) => f.ruleId === 'non-negative-fields');
    expect(finding).toMatchObject({ path: 'spec.parallelism', line: 8, column: 5 });
  });

  test('kind: List and typed lists are expanded into their items', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: batch/v1\n  kind: Job\n  metadata: {name: a}\n  spec:\n    parallelism: -2\n    template: {spec: {restartPolicy: Never, containers: [{name: c, image: i}]}}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n`;
    const result = lint(list);
    expect(result.skipped).toBe(1);
    expect(result.results).toHaveLength(1);
    expect(result.results[0]).toMatchObject({ item: 0, name: 'a' });
    expect(result.results[0]?.findings.find((f) => f.ruleId === 'non-negative-fields')).toMatchObject({
      line: 8,
      column: 5,
    });
    expect(lint(list.replace('kind: List', 'kind: JobList')).results).toHaveLength(1);
  });

  test('YAML 1.1 scalars are read as kubectl reads them', () => {
    // kubectl reads `suspend: yes` as true; YAML 1.2 tools read the string "yes" (a type error).
    expect(errorsOf(JOB.replace('spec:\n  ttl', 'spec:\n  suspend: yes\n  ttl'))).toEqual([]);
    // 0644 is octal 420 in YAML 1.1, which is a valid int32.
    expect(errorsOf(JOB.replace('ttlSecondsAfterFinished: 600', 'ttlSecondsAfterFinished: 0644'))).toEqual([]);
  });

  test('duplicate keys are refused, as kubectl refuses them', () => {
    const findings = errorsOf(
      JOB.replace('  activeDeadlineSeconds: 600\n', '  activeDeadlineSeconds: 600\n  activeDeadlineSeconds: 60\n'),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'duplicate-key',
        line: 8,
        message: expect.stringContaining('activeDeadlineSeconds'),
      }),
    ]);
  });

  test('a CRLF file has the same findings as LF', () => {
    const crlf = JOB.replace('restartPolicy: Never', 'restartPolicy: Always').replace(/\n/g, '\r\n');
    expect(lint(crlf).results[0]?.findings.find((f) => f.ruleId === 'restart-policy')).toMatchObject({
      line: 13,
      column: 7,
    });
  });
});

describe('hostile input ends in a clear error, never a crash', () => {
  test('an alias bomb', () => {
    let text = 'a: &a [x,x,x,x,x,x,x,x,x]\n';
    for (let i = 0; i < 9; i++)
      text += `l${i}: &l${i} [${Array(9)
        .fill(`*${i ? `l${i - 1}` : 'a'}`)
        .join(',')}]\n`;
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({ ruleId: 'yaml-syntax', message: expect.stringMatching(/alias/i) }),
    ]);
  });

  test('10,000 levels of nesting', () => {
    const text = `apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    expect(errorsOf(text)).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', origin: 'parser' })]);
  });

  test('50,000 keys in one mapping are read (and the unknown ones reported) without a quadratic blow-up', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `  k${i}: ${i}`).join('\n');
    const text = `apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n${keys}\n  template: {spec: {restartPolicy: Never, containers: [{name: c, image: i}]}}\n`;
    const unknown = lint(text).results[0]?.findings.filter((f) => f.ruleId === 'unknown-fields') ?? [];
    expect(unknown).toHaveLength(50_000);
  });

  test('a document over 3 MiB is refused as the API server would', () => {
    const text = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\n  annotations:\n    big: "${'a'.repeat(3 * 1024 * 1024)}"\n`;
    expect(errorsOf(text)).toEqual([expect.objectContaining({ ruleId: 'document-too-large' })]);
  });

  test('top-level scalars, sequences and nulls are skipped, not crashed on', () => {
    const result = lint('42\n---\n- a\n- b\n---\nnull\n---\n"text"\n');
    expect(result.results).toEqual([]);
    expect(result.skipped).toBe(3);
  });
});
