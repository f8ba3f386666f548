// `kubectl job-x explain` as users run it: the real executable (bin/ + dist/, built by npm run
// build), on files and standard input, without a cluster.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const BIN = join(ROOT, 'bin', 'kubectl-job_x.js');
const MANIFESTS = join(ROOT, 'test', 'e2e', 'manifests');

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-explain-'));
  writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: x\n');
  writeFileSync(join(dir, 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n');
  writeFileSync(
    join(dir, 'two.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\n' +
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec: {parallelism: 4, template: {spec: {restartPolicy: Never, containers: [{name: c, image: i:1}]}}}\n---\n' +
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: b}\nspec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: i:1}]}}}}}\n',
  );
});

describe('kubectl job-x explain -f (the executable)', () => {
  test('text for a seed manifest, exit 0', () => {
    const r = run(['explain', '-f', join(MANIFESTS, 'job-pod-failure-policy-example.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Job job-pod-failure-policy-example {2}\(/);
    expect(r.stdout).toContain('Pattern: FixedCompletions — 12 completions, up to 3 pods at once');
    expect(r.stdout).toMatch(
      /Rule 0: if container main exits with code 42, the whole Job fails at once \(reason\s+PodFailurePolicy\)/,
    );
    expect(r.stdout.includes('\u001b[')).toBe(false);
  });

  test('-f - reads standard input', () => {
    const r = run(['explain', '-f', '-', '-o', 'json'], {
      input:
        'apiVersion: batch/v1\nkind: Job\nmetadata: {name: s}\nspec: {backoffLimit: 2, template: {spec: {restartPolicy: Never, containers: [{name: c, image: i:1}]}}}\n',
    });
    expect(r.code).toBe(0);
    const output = JSON.parse(r.stdout);
    expect(output).toMatchObject({
      kind: 'Job',
      name: 's',
      source: { type: 'manifest', file: '<stdin>', document: 0 },
      pattern: 'NonParallel',
      retries: { budget: 2, failsAfter: 3, schedule: [10, 20] },
    });
  });

  test('-o json: one Job gives one object with the contract fields', () => {
    const r = run(['explain', '-f', join(MANIFESTS, 'pi.yaml'), '-o', 'json']);
    const output = JSON.parse(r.stdout);
    expect(output.pattern).toBe('NonParallel');
    expect(output.effective).toEqual({
      completions: 1,
      parallelism: 1,
      completionMode: 'NonIndexed',
      backoffLimit: 4,
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
    expect(output.retries).toMatchObject({ budget: 4, schedule: [10, 20, 40, 80] });
  });

  test('several documents: a List in json and yaml, one block each in text, skipped kinds noted on stderr', () => {
    const json = run(['explain', '-f', join(dir, 'two.yaml'), '-o', 'json']);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout);
    expect(list.kind).toBe('List');
    expect(
      list.items.map((item: { kind: string; name: string; pattern: string }) => [item.kind, item.name, item.pattern]),
    ).toEqual([
      ['Job', 'a', 'WorkQueue'],
      ['CronJob', 'b', 'NonParallel'],
    ]);
    expect(json.stderr).toBe(
      `note: skipped ConfigMap "settings" (${join(dir, 'two.yaml')}, document 1): explain reads Jobs and CronJobs only\n`,
    );
    expect(parse(run(['explain', '-f', join(dir, 'two.yaml'), '-o', 'yaml']).stdout)).toEqual(list);
    const text = run(['explain', '-f', join(dir, 'two.yaml')]).stdout;
    expect(text.split('\n').filter((line) => /^(Job|CronJob) /.test(line))).toEqual([
      `Job a  (${join(dir, 'two.yaml')}, document 2)`,
      `CronJob b  (${join(dir, 'two.yaml')}, document 3)`,
    ]);
  });

  test('--color always colours the text, even off a terminal', () => {
    expect(run(['explain', '-f', join(MANIFESTS, 'pi.yaml'), '--color', 'always']).stdout).toContain('\u001b[1m');
  });

  test('a missing file: exit 2, naming it', () => {
    const r = run(['explain', '-f', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: cannot read ${join(dir, 'missing.yaml')}: no such file or directory\n`);
  });

  test('malformed YAML: exit 2 with the position', () => {
    const r = run(['explain', '-f', join(dir, 'broken.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: cannot read ${join(dir, 'broken.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 4, column 1: `,
      ),
    );
    expect(r.stderr).not.toMatch(/at .*\.(ts|js|cjs):\d+/);
  });

  test('no Job or CronJob in the input: exit 2', () => {
    const r = run(['explain', '-f', join(dir, 'configmap.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: no Job or CronJob to explain in ${join(dir, 'configmap.yaml')} (1 other object skipped)\n`,
    );
  });

  test('neither NAME nor -f, or both: usage errors', () => {
    const neither = run(['explain']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/^error: nothing to explain: give the NAME of a Job/);
    const both = run(['explain', 'pi', '-f', join(MANIFESTS, 'pi.yaml')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('error: give either NAME or -f FILE, not both\n');
  });

  test('an unknown output format is refused by the option parser', () => {
    const r = run(['explain', '-f', join(MANIFESTS, 'pi.yaml'), '-o', 'wide']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'wide' is invalid/);
  });

  test('--help shows the forms and examples', () => {
    const r = run(['explain', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: kubectl job-x explain \[options\] \[name\]/);
    expect(r.stdout).toContain('kubectl job-x explain -f job.yaml');
    expect(r.stdout).toContain('--kubeconfig <file>');
  });

  test('a manifest the API server would reject: still explained, rejections first, exit 0', () => {
    const r = run(['explain', '-f', '-', '-o', 'json'], {
      input:
        'apiVersion: batch/v1\nkind: Job\nmetadata: {name: r}\nspec: {template: {spec: {containers: [{name: c, image: i:1}]}}}\n',
    });
    expect(r.code).toBe(0);
    const output = JSON.parse(r.stdout);
    expect(output.rejected).toBe(true);
    expect(output.findings[0]).toMatchObject({
      ruleId: 'restart-policy',
      origin: 'apiserver',
      severity: 'error',
      path: 'spec.template.spec.restartPolicy',
    });
  });
});
