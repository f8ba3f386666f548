import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';

/** The real executable, as `npx kubectl-job_x` runs it after `npm ci` (which builds dist/). */
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'kubectl-job_x.js');

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const GOOD_JOB = `apiVersion: batch/v1
kind: Job
metadata: {name: good}
spec:
  ttlSecondsAfterFinished: 3600
  activeDeadlineSeconds: 600
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox:1.36}]
`;
const WARNING_JOB = GOOD_JOB.replace('name: good', 'name: warned').replace('  ttlSecondsAfterFinished: 3600\n', '');
const BAD_JOB = GOOD_JOB.replace('name: good', 'name: bad').replace('restartPolicy: Never', 'restartPolicy: Always');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-cli-'));
  mkdirSync(join(dir, 'tree', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'good.yaml'), GOOD_JOB);
  writeFileSync(join(dir, 'warning.yaml'), WARNING_JOB);
  writeFileSync(join(dir, 'bad.yaml'), BAD_JOB);
  writeFileSync(join(dir, 'tree', 'a.yml'), GOOD_JOB);
  writeFileSync(
    join(dir, 'tree', 'nested', 'b.json'),
    JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
  );
  writeFileSync(join(dir, 'tree', 'nested', 'notes.txt'), 'not a manifest');
  writeFileSync(
    join(dir, 'bad-policy.yaml'),
    'apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n  require-ttl: loud\n',
  );
  writeFileSync(
    join(dir, 'policy.yaml'),
    'apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n  require-ttl: deny\n',
  );
});

describe('kubectl job-x lint (the executable)', () => {
  test('exit 0 and a clean summary for a clean file', () => {
    const r = run(['lint', join(dir, 'good.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no problems (1 Job/CronJob in 1 file)');
  });

  test('exit 1 with the rule id, path and position of an error', () => {
    const r = run(['lint', join(dir, 'bad.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /9:7\s+error\s+spec\.template\.spec\.restartPolicy: Required value: valid values: "OnFailure", "Never"\s+restart-policy/,
    );
  });

  test('a manifest cannot write a workflow command or an escape sequence into the text output', () => {
    const hostile = BAD_JOB.replace('name: bad', 'name: "x\\n::error file=ci.yml::pwned\\e[2J"');
    const r = run(['lint', '-'], hostile);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Job x\\n::error file=ci.yml::pwned\\u001b[2J');
    expect(r.stdout.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
    expect(r.stdout).not.toContain('\u001b');
  });

  test('an error message escapes the escape sequences and carriage returns of the path it names', () => {
    const r = run(['lint', join(dir, 'no-such\r\u001b]0;title\u0007\u001b[31m.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such\\r\\u001b]0;title\\u0007\\u001b[31m.yaml');
    for (const control of ['\r', '\u001b', '\u0007']) expect(r.stderr).not.toContain(control);
  });

  test('warnings alone exit 0, unless --max-warnings is exceeded', () => {
    expect(run(['lint', join(dir, 'warning.yaml')]).code).toBe(0);
    const over = run(['lint', '--max-warnings', '0', join(dir, 'warning.yaml')]);
    expect(over.code).toBe(1);
    // It says why (it used to exit 1 with nothing on stderr).
    expect(over.stderr).toBe('error: 1 warning found, more than the limit of --max-warnings 0\n');
    expect(run(['lint', '--max-warnings', '1', join(dir, 'warning.yaml')]).code).toBe(0);
  });

  test('-o json follows the contract', () => {
    const r = run(['lint', '-o', 'json', join(dir, 'bad.yaml'), join(dir, 'good.yaml')]);
    const report = JSON.parse(r.stdout) as { results: Record<string, unknown>[]; summary: Record<string, number> };
    expect(report.results).toHaveLength(2);
    expect(report.results[0]).toEqual(
      expect.objectContaining({
        file: join(dir, 'bad.yaml'),
        document: 0,
        kind: 'Job',
        namespace: null,
        name: 'bad',
        findings: expect.any(Array),
      }),
    );
    expect((report.results[0]?.findings as Record<string, unknown>[])[0]).toEqual({
      ruleId: 'restart-policy',
      severity: 'error',
      origin: 'apiserver',
      path: 'spec.template.spec.restartPolicy',
      line: 9,
      column: 7,
      message: 'Required value: valid values: "OnFailure", "Never"',
      type: 'Required',
      remediation: expect.stringContaining('restartPolicy'),
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template',
    });
    expect(report.summary).toEqual({ files: 2, linted: 2, skipped: 0, errors: 1, warnings: 0, infos: 0 });
  });

  test('directories are walked recursively for *.yaml, *.yml and *.json; other kinds are skipped and counted', () => {
    const r = run(['lint', '-o', 'json', join(dir, 'tree')]);
    const report = JSON.parse(r.stdout) as { results: { file: string }[]; summary: Record<string, number> };
    expect(report.results.map((x) => x.file)).toEqual([join(dir, 'tree', 'a.yml')]);
    expect(report.summary).toMatchObject({ files: 2, linted: 1, skipped: 1 });
  });

  test('reads standard input with -', () => {
    const r = run(['lint', '-o', 'json', '-'], BAD_JOB);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results[0].file).toBe('<stdin>');
  });

  test('-o github prints workflow annotations', () => {
    const r = run(['lint', '-o', 'github', join(dir, 'bad.yaml')]);
    expect(r.stdout).toContain(
      `::error file=${join(dir, 'bad.yaml')},line=9,col=7,title=job-x restart-policy::spec.template.spec.restartPolicy: Required value`,
    );
  });

  test('-o sarif is SARIF 2.1.0 with rule help and a located result', () => {
    const sarif = JSON.parse(run(['lint', '-o', 'sarif', join(dir, 'bad.yaml')]).stdout);
    expect(sarif.version).toBe('2.1.0');
    const driver = sarif.runs[0].tool.driver;
    const restartPolicy = driver.rules.find((r: { id: string }) => r.id === 'restart-policy');
    expect(restartPolicy).toMatchObject({
      helpUri: expect.stringMatching(/^https:/),
      help: { text: expect.any(String), markdown: expect.any(String) },
    });
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'restart-policy');
    expect(result).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { region: { startLine: 9, startColumn: 7 } } }],
    });
    expect(driver.rules[result.ruleIndex].id).toBe('restart-policy');
  });

  test('--policy changes levels; a bad policy is exit 2 naming the key', () => {
    expect(run(['lint', '--policy', join(dir, 'policy.yaml'), join(dir, 'warning.yaml')]).code).toBe(1);
    const bad = run(['lint', '--policy', join(dir, 'bad-policy.yaml'), join(dir, 'good.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rules.require-ttl');
    expect(bad.stdout).toBe('');
  });

  test('a path that cannot be read is exit 2 naming the path, without a stack trace', () => {
    const r = run(['lint', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: cannot read ${join(dir, 'missing.yaml')}: no such file or directory\n`);
  });

  test('usage errors are exit 2', () => {
    expect(run(['lint', '-o', 'xml', join(dir, 'good.yaml')]).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
  });

  test('malformed YAML is a finding with its line, not a crash', () => {
    const r = run(['lint', '-o', 'json', '-'], `${GOOD_JOB}---\nspec: [unclosed\n`);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).results;
    expect(results[1].findings[0]).toMatchObject({ ruleId: 'yaml-syntax', origin: 'parser', severity: 'error' });
  });

  test('rules lists the registry and explains one rule', () => {
    expect(run(['rules']).stdout).toMatch(/^RULE\s+ORIGIN\s+SEVERITY\s+STAGE\s+SUMMARY/);
    const one = run(['rules', 'require-ttl']);
    expect(one.stdout).toContain('Fix: Set spec.ttlSecondsAfterFinished');
    expect(run(['rules', 'require']).code).toBe(2);
  });

  test('--help speaks kubectl job-x', () => {
    expect(run(['lint', '--help']).stdout).toContain('Usage: kubectl job-x lint');
  });
});

describe('machine-readable output', () => {
  test('lint -o json validates against schemas/lint-output.schema.json', async () => {
    const { default: AjvModule } = await import('ajv');
    const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', '..', 'schemas', 'lint-output.schema.json'), 'utf8'),
    );
    const validate = new (
      Ajv as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } }
    )({ allErrors: true }).compile(schema);
    for (const args of [[join(dir, 'bad.yaml'), join(dir, 'tree')], ['-']]) {
      const output = JSON.parse(run(['lint', '-o', 'json', ...args], `${BAD_JOB}---\n: [\n`).stdout);
      expect({ valid: validate(output), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
    }
  });

  test('the version printed is the package version', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8'));
    expect(run(['--version']).stdout.trim()).toBe(pkg.version);
  });
});
