// `kubectl job-x diagnose` without a cluster: help, usage and configuration errors come before
// any request (the end-to-end tests in test/e2e/diagnose/ cover the rest on the testbed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';

const BIN = join(import.meta.dirname, '..', '..', '..', '..', 'bin', 'kubectl-job_x.js');
const home = mkdtempSync(join(tmpdir(), 'job-x-diagnose-home-'));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kubectl job-x diagnose (no cluster needed)', () => {
  test('--help shows the kubectl flags, the exit codes and examples', () => {
    const help = run(['diagnose', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: kubectl job-x diagnose [options] [name]');
    for (const flag of [
      '-n, --namespace <namespace>',
      '--kubeconfig <file>',
      '--context <name>',
      '--cluster <name>',
      '--user <name>',
      '-A, --all-namespaces',
      '--request-timeout <duration>',
      '-o, --output <format>',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('Exit codes: 0 the diagnosis ran');
    expect(help.stdout).toContain('kubectl job-x diagnose cronjob/nightly -n batch');
  });

  test('a reference that is not a Job or CronJob is a usage error, before the kubeconfig is read', () => {
    expect(run(['diagnose', 'deployment/web'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: "deployment/web": job-x works on Jobs and CronJobs, not "deployment" (use NAME, job/NAME or cronjob/NAME)\n',
    });
  });

  test('a bad --request-timeout or -o is a usage error', () => {
    expect(run(['diagnose', 'pi', '--request-timeout', 'soon']).code).toBe(2);
    expect(run(['diagnose', 'pi', '-o', 'wide']).code).toBe(2);
  });

  test('no kubeconfig anywhere: exit 2 saying where it looked', () => {
    const result = run(['diagnose', 'pi']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: no Kubernetes configuration found (looked at ${join(home, '.kube', 'config')}, and not running inside a cluster).\n` +
        'Point --kubeconfig or KUBECONFIG at a kubeconfig file, or choose a context with --context.\n',
    );
  });

  test('an unknown --context names the contexts there are', () => {
    const file = join(home, 'config');
    writeFileSync(
      file,
      'current-context: a\ncontexts: [{name: a, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\n',
    );
    expect(run(['diagnose', 'pi', '--context', 'prod'], { KUBECONFIG: file })).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: context "prod" does not exist in the kubeconfig (${file}); contexts: a\n`,
    });
  });
});
