// What a short run loads. Start-up is most of a lint of one file (a pre-commit hook runs it once per
// commit), and each of these was once loaded by every run through a static import somewhere:
// node:http(s) and node:zlib by the cluster client, ajv by the shipped policy's self-check, the
// admission-policy exporter by its command's format list, client-node's bundle. Commands that talk
// to a cluster still load them, when they first do. The built CLI (dist/cli) is run with a hook
// that records every module it requires; the speed itself is measured by bench:lint's cold start.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';

const REPO = join(import.meta.dirname, '..', '..', '..', '..');
const BIN = join(REPO, 'bin', 'kubectl-job_x.js');
const HEAVY = [
  'node:http',
  'node:https',
  'node:zlib',
  './vendor-ajv.cjs',
  './vendor-client-node.cjs',
  './vendor-yaml.cjs',
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-loaded-'));
  // Records each request of Module._load (the bundle's vendor files), and at exit every built-in
  // module the process loaded by any route (an import() of a built-in bypasses Module._load).
  writeFileSync(
    join(dir, 'record.cjs'),
    [
      "const Module = require('node:module');",
      "const fs = require('node:fs');",
      'const load = Module._load;',
      'Module._load = function (request, ...rest) {',
      "  fs.appendFileSync(process.env.JOBX_LOADED_LOG, request + '\\n');",
      '  return load.call(this, request, ...rest);',
      '};',
      "process.on('exit', () => {",
      '  const builtIns = process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => "node:" + m.slice(13));',
      "  fs.appendFileSync(process.env.JOBX_LOADED_LOG, builtIns.join('\\n') + '\\n');",
      '});',
    ].join('\n'),
  );
});

function loadedBy(args: string[], stdin?: string): string[] {
  const log = join(dir, `loaded-${args.join('-').replace(/\W+/g, '_')}.log`);
  const result = spawnSync(process.execPath, ['--require', join(dir, 'record.cjs'), BIN, ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, JOBX_LOADED_LOG: log, NO_COLOR: '1' },
  });
  expect({ args, status: result.status, stderr: result.stderr }).toMatchObject({
    status: expect.any(Number),
    stderr: '',
  });
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const JOB = [
  'apiVersion: batch/v1',
  'kind: Job',
  'metadata: { name: pi }',
  'spec:',
  '  template:',
  '    spec:',
  '      restartPolicy: Never',
  '      containers: [{ name: pi, image: perl:5.34 }]',
  '',
].join('\n');
const CRONJOB = [
  'apiVersion: batch/v1',
  'kind: CronJob',
  'metadata: { name: nightly }',
  'spec:',
  '  schedule: "0 2 * * *"',
  '  timeZone: Europe/Berlin',
  '  jobTemplate:',
  '    spec:',
  '      template:',
  '        spec:',
  '          restartPolicy: Never',
  '          containers: [{ name: main, image: busybox:1.36 }]',
  '',
].join('\n');

describe('a short run loads only what it uses', () => {
  test.each([
    ['lint of a Job file', ['lint', 'job.yaml'], JOB],
    ['lint of a CronJob on standard input', ['lint', '-'], CRONJOB],
    ['explain -f', ['explain', '-f', '-'], JOB],
    ['version', ['version'], undefined],
  ])('%s: none of the cluster client, ajv, client-node or the full YAML parser', (_, args, manifest) => {
    if (args.includes('job.yaml')) writeFileSync(join(dir, 'job.yaml'), manifest!);
    const loaded = loadedBy(
      args.map((a) => (a === 'job.yaml' ? join(dir, 'job.yaml') : a)),
      args.includes('-') ? manifest : undefined,
    );
    expect(loaded).toContain('../dist/cli/main.cjs');
    expect(loaded.filter((request) => HEAVY.includes(request))).toEqual([]);
  });

  test('the hook sees what a run loads: lint --policy loads ajv, a cluster command node:https', () => {
    writeFileSync(join(dir, 'policy.yaml'), 'apiVersion: job-x.dev/v1alpha1\nkind: Policy\n');
    expect(loadedBy(['lint', '--policy', join(dir, 'policy.yaml'), '-'], JOB)).toContain('./vendor-ajv.cjs');
    writeFileSync(
      join(dir, 'kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:9" } }]',
        'users: [{ name: u, user: { token: t } }]',
        'contexts: [{ name: x, context: { cluster: c, user: u } }]',
        'current-context: x',
        '',
      ].join('\n'),
    );
    const log = join(dir, 'cluster.log');
    spawnSync(
      process.execPath,
      ['--require', join(dir, 'record.cjs'), BIN, 'diagnose', 'pi', '--kubeconfig', join(dir, 'kubeconfig')],
      {
        encoding: 'utf8',
        env: { ...process.env, JOBX_LOADED_LOG: log },
      },
    );
    expect(readFileSync(log, 'utf8').split('\n')).toContain('node:https');
  });
});
