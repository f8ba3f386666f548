import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';

/** The executable under test; JOBX_BIN points at another build. */
const BIN = process.env.JOBX_BIN ?? join(import.meta.dirname, '..', '..', '..', 'bin', 'kubectl-job_x.js');

function lint(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'lint', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const JOB = `apiVersion: batch/v1
kind: Job
metadata: {name: v}
spec:
  ttlSecondsAfterFinished: 60
  activeDeadlineSeconds: 60
  template:
    spec:
      restartPolicy: Never
      hostnameOverride: worker
      containers: [{name: c, image: busybox:1.36}]
`;

let dir: string;
let many: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-kube-version-'));
  writeFileSync(join(dir, 'job.yaml'), JOB);
  // Enough files for the worker threads (lint-pool.ts): each must apply the version too.
  many = join(dir, 'many');
  mkdirSync(many);
  for (let i = 0; i < 240; i++) writeFileSync(join(many, `job-${String(i).padStart(3, '0')}.yaml`), JOB);
});

const ruleIds = (stdout: string): string[] =>
  (JSON.parse(stdout) as { results: { findings: { ruleId: string }[] }[] }).results.flatMap((r) =>
    r.findings.map((f) => f.ruleId),
  );

describe('lint --kube-version', () => {
  test('1.33: a field it does not serve is an error (exit 1)', () => {
    const r = lint(['--kube-version', '1.33', '-o', 'json', join(dir, 'job.yaml')]);
    expect(r.code).toBe(1);
    expect(ruleIds(r.stdout)).toEqual(['field-not-served']);
  });

  test('1.34: the same field is ignored (HostnameOverride off): a warning, exit 0', () => {
    const r = lint(['--kube-version', 'v1.34.2', join(dir, 'job.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ignored by 1.34: the API server drops this field in silence');
    expect(r.stdout).toContain('field-ignored-by-version');
  });

  test('1.35 and no version: clean', () => {
    expect(lint(['--kube-version', '1.35', join(dir, 'job.yaml')]).code).toBe(0);
    expect(ruleIds(lint(['-o', 'json', join(dir, 'job.yaml')]).stdout)).toEqual([]);
  });

  test('the worker threads lint at the version too', () => {
    const r = lint(['--kube-version', '1.33', '-o', 'json', many]);
    const ids = ruleIds(r.stdout);
    expect(ids).toHaveLength(240);
    expect(new Set(ids)).toEqual(new Set(['field-not-served']));
  });

  test('a version outside the tables is a usage error naming the ones known', () => {
    const r = lint(['--kube-version', '1.30', join(dir, 'job.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('job-x knows Kubernetes 1.33 to 1.36');
    const bad = lint(['--kube-version', 'latest', join(dir, 'job.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be a Kubernetes version such as 1.33');
  });

  test('-o sarif describes the version findings', () => {
    const r = lint(['--kube-version', '1.33', '-o', 'sarif', join(dir, 'job.yaml')]);
    const sarif = JSON.parse(r.stdout) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleIndex?: number }[] }[];
    };
    const ruleIdsInDriver = sarif.runs[0]!.tool.driver.rules.map((rule) => rule.id);
    expect(ruleIdsInDriver).toContain('field-not-served');
    expect(sarif.runs[0]!.results[0]!.ruleIndex).toBe(ruleIdsInDriver.indexOf('field-not-served'));
  });
});
