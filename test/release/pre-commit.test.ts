// .pre-commit-hooks.yaml used from another repository, with the real pre-commit
// (test/tools/pre-commit/install.sh): a temporary repository refers to a local clone of this one,
// and the job-x-lint hook (language: system) runs the release executable found on PATH.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../e2e/helpers/cluster.ts';

const ARCHIVE = join(REPO_ROOT, 'dist', 'release', 'kubectl-job_x_0.1.0_linux_amd64.tar.gz');
const GOOD_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: good
spec:
  activeDeadlineSeconds: 600
  ttlSecondsAfterFinished: 3600
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: c
          image: busybox:1.37
`;
const BAD_JOB = GOOD_JOB.replace('restartPolicy: Never', 'restartPolicy: Always').replace('name: good', 'name: bad');

let dir: string;
let repo: string;
let env: Record<string, string>;

const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
const commit = (file: string, text: string) => {
  writeFileSync(join(repo, file), text);
  git('add', file);
  const started = process.hrtime.bigint();
  const result = spawnSync('git', ['commit', '-m', `add ${file}`], { cwd: repo, env, encoding: 'utf8' });
  // git runs the hook with its stdout sent to stderr.
  return {
    status: result.status,
    output: result.stdout + result.stderr,
    ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
  };
};

beforeAll(() => {
  const preCommit = execFileSync('bash', [join(REPO_ROOT, 'test', 'tools', 'pre-commit', 'install.sh')], {
    encoding: 'utf8',
  }).trim();
  dir = mkdtempSync(join(tmpdir(), 'job-x-pre-commit-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  execFileSync('tar', ['-xzf', ARCHIVE, '-C', bin, 'kubectl-job_x']);
  env = {
    PATH: `${bin}:/usr/bin:/bin`,
    HOME: dir,
    PRE_COMMIT_HOME: join(dir, 'cache'),
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  // The hooks as committed: a clone of this checkout's HEAD.
  const clone = join(dir, 'job-x');
  execFileSync('git', ['clone', '--quiet', REPO_ROOT, clone], { env });
  const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim();
  repo = join(dir, 'user-repo');
  mkdirSync(repo);
  git('init', '--quiet');
  writeFileSync(
    join(repo, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${clone}\n    rev: ${rev}\n    hooks:\n      - id: job-x-lint\n`,
  );
  git('add', '.pre-commit-config.yaml');
  git('commit', '--quiet', '-m', 'pre-commit config');
  execFileSync(preCommit, ['install'], { cwd: repo, env });
  copyFileSync(join(REPO_ROOT, 'LICENSE'), join(repo, 'LICENSE'));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a bad Job blocks the commit with the finding; a good one passes', () => {
  const bad = commit('bad-job.yaml', BAD_JOB);
  expect(bad.status).not.toBe(0);
  expect(bad.output).toContain('spec.template.spec.restartPolicy: Required value');
  expect(bad.output).toMatch(/job-x lint \(Kubernetes Jobs and CronJobs\)\.+Failed/);
  expect(git('log', '--format=%s')).not.toContain('add bad-job.yaml');

  git('rm', '--cached', '--quiet', 'bad-job.yaml');
  const good = commit('good-job.yaml', GOOD_JOB);
  expect(good.output).toMatch(/job-x lint \(Kubernetes Jobs and CronJobs\)\.+Passed/);
  expect(good.status).toBe(0);
  expect(git('log', '--format=%s')).toContain('add good-job.yaml');
  process.stderr.write(`pre-commit: a commit of one good Job took ${good.ms} ms (hook and git)\n`);
});

test('files that are not YAML or JSON are not linted', () => {
  const other = commit('LICENSE', 'changed\n');
  expect(other.output).toMatch(/job-x lint \(Kubernetes Jobs and CronJobs\)\.+\(no files to check\)Skipped/);
  expect(other.status).toBe(0);
});
