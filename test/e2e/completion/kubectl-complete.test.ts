// Completion of names from the cluster, through the real kubectl: `kubectl __complete job-x …`
// runs kubectl_complete-job_x from PATH (kubectl >= 1.26 plugin completion), which asks the plugin.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cluster, KUBECONFIG, kubectlPath } from '../helpers/cluster.ts';
import { createJob, loadJob, withOutcome } from '../helpers/jobs.ts';
import { JOBX_BIN } from '../helpers/job-x-cli.ts';
import { createNamespace, deleteNamespace } from '../helpers/namespace.ts';

let ns: string;
let bin: string;

beforeAll(async () => {
  ns = await createNamespace('completion');
  await createJob(ns, withOutcome(loadJob('pi'), { outcome: 'run' }));
  await cluster().batch.createNamespacedCronJob({
    namespace: ns,
    body: {
      metadata: { name: 'nightly' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: loadJob('pi').spec } },
    },
  });
  bin = mkdtempSync(join(tmpdir(), 'job-x-complete-'));
  // kubectl completes a plugin it finds on PATH, through the helper the archives ship beside it
  // (scripts/release/completion-helper.ts); the plugin is run by this Node here.
  const scripts = {
    'kubectl-job_x': `exec '${process.execPath}' '${JOBX_BIN}' "$@"`,
    'kubectl_complete-job_x': 'exec kubectl-job_x __complete "$@"',
  };
  for (const [name, line] of Object.entries(scripts)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${line}\n`);
    chmodSync(join(bin, name), 0o755);
  }
});

afterAll(async () => {
  await deleteNamespace(ns);
  rmSync(bin, { recursive: true, force: true });
});

const complete = (...words: string[]): string =>
  execFileSync(kubectlPath(), ['__complete', 'job-x', ...words], {
    encoding: 'utf8',
    env: { PATH: `${bin}:${dirname(kubectlPath())}:/usr/bin:/bin`, KUBECONFIG, HOME: bin },
  });

test('diagnose p<TAB> completes the Job pi of the namespace given with -n', () => {
  expect(complete('diagnose', '-n', ns, 'p')).toBe('pi\n:4\n');
  expect(complete('index-status', `--namespace=${ns}`, '')).toBe('pi\n:4\n');
});

test('cronjob/<TAB> completes CronJobs; -n <TAB> completes namespaces', () => {
  expect(complete('explain', '-n', ns, 'cronjob/')).toBe('cronjob/nightly\n:4\n');
  expect(complete('diagnose', '-n', ns.slice(0, -2)).split('\n')).toContain(ns);
});

test('subcommands and -o values, and the plugin answering nothing but the directive off a cluster', () => {
  expect(complete('ver')).toBe('version\n:4\n');
  expect(complete('explain', '-o', 'y')).toBe('yaml\n:4\n');
  const offline = execFileSync(kubectlPath(), ['__complete', 'job-x', 'diagnose', 'p'], {
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin`, KUBECONFIG: join(bin, 'missing'), HOME: bin },
  });
  expect(offline).toBe(':4\n');
});
