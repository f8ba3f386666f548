import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from '@jest/globals';
import { readJunit } from '../../helpers/junit-shape.ts';

/** Issue 13: lint where manifests live (config discovery, excludes, fixes, baselines, outputs), through the real executable. */
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'kubectl-job_x.js');
const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: nightly # the comment stays
  labels: {team: "data"}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
`;
const POLICY = (rules: string) => `apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n${rules}`;

let repo: string;
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'job-x-repo-'));
  mkdirSync(join(repo, '.git'));
  mkdirSync(join(repo, 'team', 'jobs'), { recursive: true });
  writeFileSync(join(repo, 'team', 'jobs', 'job.yaml'), JOB);
});

const ruleIds = (stdout: string): string[] =>
  (JSON.parse(stdout) as { results: { findings: { ruleId: string }[] }[] }).results.flatMap((r) =>
    r.findings.map((f) => f.ruleId),
  );

describe('config discovery', () => {
  test("the README's policy example loads as a config (YAML 1.2: off is a string)", () => {
    const example = /```yaml\n(# policy\.yaml[\s\S]*?)```/.exec(README)![1]!;
    writeFileSync(join(repo, '.job-x.yaml'), example);
    const r = run(['lint', '-o', 'json', 'team'], repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // require-ttl: deny
    expect(ruleIds(r.stdout)).toEqual(['require-ttl']); // require-active-deadline: off
  });

  test('the nearest .job-x.yaml wins; discovery stops at the repository root; --no-config and --config', () => {
    writeFileSync(join(repo, '.job-x.yaml'), POLICY('  require-ttl: error\n'));
    writeFileSync(
      join(repo, 'team', '.job-x.yaml'),
      POLICY('  require-ttl: off\n  require-active-deadline: warning\n'),
    );
    expect(ruleIds(run(['lint', '-o', 'json', 'team/jobs/job.yaml'], repo).stdout)).toEqual([
      'require-active-deadline',
    ]);
    const noConfig = run(['lint', '-o', 'json', '--no-config', 'team'], repo);
    expect(ruleIds(noConfig.stdout).sort()).toEqual(['require-active-deadline', 'require-ttl']);
    const given = run(['lint', '-o', 'json', '--config', '.job-x.yaml', 'team'], repo);
    expect(given.code).toBe(1);
    // A config above the repository root is not read.
    const inner = join(repo, 'inner');
    mkdirSync(join(inner, '.git'), { recursive: true });
    writeFileSync(join(inner, 'job.yaml'), JOB);
    expect(run(['lint', 'inner/job.yaml'], repo).code).toBe(0);
  });

  test('a bad key names the key and hints at the fix', () => {
    writeFileSync(join(repo, '.job-x.yaml'), POLICY('  require-ttl: loud\n'));
    const r = run(['lint', 'team'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`policy file ${join(repo, '.job-x.yaml')}: rules.require-ttl`);
    expect(r.stderr).toContain('hint: a level is one of off, info, warn (or warning), deny (or error)');
  });

  test('lint: output and maxWarnings are defaults that flags override; --max-warnings says why it failed', () => {
    writeFileSync(
      join(repo, '.job-x.yaml'),
      `${POLICY('  require-active-deadline: off\n')}lint:\n  output: json\n  maxWarnings: 0\n`,
    );
    const r = run(['lint', 'team'], repo);
    expect(r.code).toBe(1);
    expect(ruleIds(r.stdout)).toEqual(['require-ttl']);
    expect(r.stderr).toBe(
      `error: 1 warning found, more than the limit of --max-warnings 0 (lint.maxWarnings in ${join(repo, '.job-x.yaml')})\n`,
    );
    const flags = run(['lint', '-o', 'text', '--max-warnings', '1', 'team'], repo);
    expect(flags.code).toBe(0);
    expect(flags.stdout).toContain('Job nightly');
  });
});

describe('excludes and globs', () => {
  beforeEach(() => {
    mkdirSync(join(repo, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(repo, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    writeFileSync(join(repo, 'chart', 'templates', 'job.yaml'), '{{ if .Values.x }}\nkind: Job\n{{ end }}\n');
    mkdirSync(join(repo, 'legacy'));
    writeFileSync(join(repo, 'legacy', 'old.yaml'), JOB.replace('restartPolicy: Never', 'restartPolicy: Always'));
  });

  test("a chart's templates are skipped with a note; --exclude and lint.exclude take .gitignore lines", () => {
    const all = run(['lint', '-o', 'json', '.'], repo);
    expect(all.stderr).toContain('note: skipped chart/templates: the templates of a Helm chart are not plain YAML');
    expect(all.code).toBe(1); // legacy/old.yaml
    expect(run(['lint', '--exclude', 'legacy/', '.'], repo).code).toBe(0);
    writeFileSync(
      join(repo, '.job-x.yaml'),
      `${POLICY('  require-ttl: off\n')}lint:\n  exclude: ["/legacy/*", "!/legacy/keep.yaml"]\n`,
    );
    expect(run(['lint', '.'], repo).code).toBe(0);
    // A file given by name (as pre-commit gives them) is excluded too, with a note.
    const named = run(['lint', 'legacy/old.yaml', 'chart/templates/job.yaml', 'team/jobs/job.yaml'], repo);
    expect(named.code).toBe(0);
    expect(named.stderr).toContain('skipped legacy/old.yaml: excluded by "/legacy/*"');
  });

  test('a quoted glob is expanded by lint', () => {
    const r = run(['lint', '-o', 'json', '--no-config', 'team/**/*.yaml'], repo);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { results: { file: string }[] }).results.map((x) => x.file)).toEqual([
      join('team', 'jobs', 'job.yaml'),
    ]);
    expect(run(['lint', 'nothing/*.yaml'], repo).stderr).toContain('no file matches nothing/*.yaml');
  });
});

describe('fixes', () => {
  test('text shows the fix and docs URL under each finding; --no-fix-hints hides them', () => {
    const r = run(['lint', '--no-config', 'team'], repo);
    expect(r.stdout).toMatch(
      /require-ttl\n\s+fix: Set spec\.ttlSecondsAfterFinished.*\n\s+docs: https:\/\/kubernetes\.io\//,
    );
    expect(run(['lint', '--no-config', '--no-fix-hints', 'team'], repo).stdout).not.toContain('fix:');
  });

  test('--fix-dry-run prints a diff and changes nothing; --fix edits in place keeping comments, and the file lints clean for the rule', () => {
    const file = join(repo, 'team', 'jobs', 'job.yaml');
    const dry = run(['lint', '--no-config', '--fix-dry-run', 'team'], repo);
    expect(dry.stdout).toContain('+++ b/team/jobs/job.yaml\n@@');
    expect(dry.stdout).toContain('+  ttlSecondsAfterFinished: 86400');
    expect(readFileSync(file, 'utf8')).toBe(JOB);
    const fixed = run(['lint', '--no-config', '--fix', '-o', 'json', 'team'], repo);
    expect(fixed.stderr).toContain('fixed team/jobs/job.yaml: Job nightly: require-ttl');
    expect(ruleIds(fixed.stdout)).not.toContain('require-ttl');
    expect(readFileSync(file, 'utf8')).toBe(`${JOB}  ttlSecondsAfterFinished: 86400\n`);
  });
});

describe('baseline', () => {
  test('recorded findings do not fail the run, new ones do, stale entries are reported; lines do not matter', () => {
    writeFileSync(join(repo, '.job-x.yaml'), POLICY('  require-ttl: deny\n'));
    expect(run(['lint', 'team'], repo).code).toBe(1);
    expect(run(['lint', '--baseline', 'baseline.json', '--write-baseline', 'team'], repo).code).toBe(0);
    const file = join(repo, 'team', 'jobs', 'job.yaml');
    writeFileSync(file, `# moved down a line\n${JOB}`);
    const matched = run(['lint', '--baseline', 'baseline.json', 'team'], repo);
    expect(matched.code).toBe(0);
    writeFileSync(file, `${JOB}---\n${JOB.replace('nightly', 'second')}`);
    const added = run(['lint', '-o', 'json', '--baseline', 'baseline.json', 'team'], repo);
    expect(added.code).toBe(1);
    writeFileSync(file, JOB.replace('nightly', 'renamed'));
    expect(run(['lint', '--baseline', 'baseline.json', 'team'], repo).stderr).toContain(
      'stale baseline entries in baseline.json',
    );
  });
});

describe('junit and tap', () => {
  test('well-formed, with everything escaped', () => {
    writeFileSync(join(repo, 'team', 'jobs', 'bad.yaml'), JOB.replace('nightly', 'a<b&"c"').replace('Never', 'Always'));
    const junit = run(['lint', '--no-config', '-o', 'junit', 'team'], repo);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="job-x lint">\n/);
    expect(junit.stdout).toContain(
      '<testsuite name="team/jobs/bad.yaml" tests="1" failures="1" errors="0" skipped="0">',
    );
    expect(junit.stdout).toContain('name="Job a&lt;b&amp;&quot;c&quot;"');
    expect(junit.stdout).toContain('<failure message="metadata.name: Invalid value: &quot;a&lt;b&amp;\\&quot;c');
    expect(junit.stdout.trimEnd().endsWith('</testsuites>')).toBe(true);
    const tap = run(['lint', '--no-config', '-o', 'tap', 'team'], repo);
    expect(tap.stdout.split('\n').filter((line) => /^(not )?ok /.test(line))).toEqual([
      'not ok 1 - team/jobs/bad.yaml: Job a<b&"c"',
      'ok 2 - team/jobs/job.yaml: Job nightly',
    ]);
    expect(tap.stdout).toMatch(/^TAP version 14\n[\s\S]*\n1\.\.2\n$/);
  });
});

describe('junit shape', () => {
  test('hostile names and messages give well-formed JUnit XML in the tree CI systems read', () => {
    const hostile = JOB.replace(
      'name: nightly # the comment stays',
      'name: "x]]></failure>&amp;\\u001b\\"<y>"',
    ).replace('Never', 'Always');
    writeFileSync(join(repo, 'team', 'jobs', 'hostile & <odd>.yaml'), hostile);
    const r = run(['lint', '--no-config', '-o', 'junit', 'team'], repo);
    expect(r.code).toBe(1);
    const root = readJunit(r.stdout);
    expect(root.name).toBe('testsuites');
    const suites = root.children;
    expect(suites.map((s) => s.attributes.name)).toEqual([
      join('team', 'jobs', 'hostile & <odd>.yaml'),
      join('team', 'jobs', 'job.yaml'),
    ]);
    const hostileCase = suites[0]!.children[0]!;
    expect(hostileCase.attributes.name).toBe('Job x]]></failure>&amp;\\u001b"<y>');
    expect(suites[0]!.attributes).toMatchObject({ tests: '1', failures: '1' });
    expect(hostileCase.children[0]!.name).toBe('failure');
    expect(suites[1]!.attributes).toMatchObject({ tests: '1', failures: '0' });
  });
});
