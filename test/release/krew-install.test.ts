// The release archives as a krew user gets them (npm run test:release builds the linux/amd64 one
// first): real krew (test/tools/krew/build.sh) installs the plugin into a temporary KREW_ROOT, and
// the plugin runs through the testbed's kubectl with no Node.js on PATH.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlPath, REPO_ROOT } from '../e2e/helpers/cluster.ts';

const VERSION = '0.1.0';
/** In the machine image (and Debian's strace package). */
const STRACE = '/usr/bin/strace';
const ARCHIVE = join(REPO_ROOT, 'dist', 'release', `kubectl-job_x_${VERSION}_linux_amd64.tar.gz`);
const MANIFEST = join(REPO_ROOT, 'plugins', 'job-x.yaml');
const BAD_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: bad
spec:
  backoffLimit: -1
  template:
    spec:
      restartPolicy: Always
      containers:
        - name: c
          image: busybox
`;

let dir: string;
let env: Record<string, string>;

const run = (args: string[]) => spawnSync('kubectl', args, { env, cwd: dir, encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-krew-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const krew = execFileSync('bash', [join(REPO_ROOT, 'test', 'tools', 'krew', 'build.sh')], { encoding: 'utf8' });
  symlinkSync(krew.trim(), join(bin, 'kubectl-krew'));
  symlinkSync(kubectlPath(), join(bin, 'kubectl'));
  const krewRoot = join(dir, 'krew');
  // Only these two folders: no node, no npm, no /usr/bin.
  env = { PATH: `${join(krewRoot, 'bin')}:${bin}`, KREW_ROOT: krewRoot, HOME: dir, KUBECONFIG: join(dir, 'none') };
  writeFileSync(join(dir, 'bad.yaml'), BAD_JOB);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('krew installs the plugin from the linux/amd64 archive; version, lint, explain -f and completion run without Node.js', () => {
  const install = run(['krew', 'install', `--manifest=${MANIFEST}`, `--archive=${ARCHIVE}`]);
  expect(install.stderr).toContain('Installed plugin: job-x');
  expect(install.status).toBe(0);
  expect(spawnSync('node', ['--version'], { env }).error).toMatchObject({ code: 'ENOENT' });

  const version = run(['job-x', 'version', '-o', 'json']);
  expect(version.status).toBe(0);
  expect(JSON.parse(version.stdout)).toMatchObject({ version: VERSION, kubernetes: '1.36.4', node: 'v24.21.0' });
  expect(JSON.parse(version.stdout).commit).toMatch(/^[0-9a-f]{40}(-dirty)?$/);

  const lint = run(['job-x', 'lint', 'bad.yaml']);
  expect(lint.status).toBe(1);
  expect(lint.stdout).toContain('spec.template.spec.restartPolicy: Required value');
  expect(lint.stdout).toContain('spec.backoffLimit: Invalid value: -1');

  const explain = run(['job-x', 'explain', '-f', 'bad.yaml', '-o', 'json']);
  expect(explain.status).toBe(0);
  expect(JSON.parse(explain.stdout)).toMatchObject({ pattern: 'NonParallel' });

  const completion = run(['job-x', 'completion', 'bash']);
  expect(completion.status).toBe(0);
  expect(completion.stdout).toContain('complete -o filenames -F _kubectl_job_x kubectl-job_x');
});

test('kubectl __complete job-x asks the plugin through kubectl_complete-job_x, shipped in the archive', () => {
  const store = join(env.KREW_ROOT!, 'store', 'job-x', `v${VERSION}`);
  expect(readdirSync(store).sort()).toEqual(['LICENSE', 'kubectl-job_x', 'kubectl_complete-job_x']);
  const before = run(['__complete', 'job-x', 'di']);
  expect(before.stdout).not.toContain('diagnose');
  // krew links only `bin`: the README has users link the helper beside it, as done here.
  symlinkSync(join(store, 'kubectl_complete-job_x'), join(env.KREW_ROOT!, 'bin', 'kubectl_complete-job_x'));
  expect(run(['__complete', 'job-x', 'di']).stdout).toBe('diagnose\n:4\n');
  expect(run(['__complete', 'job-x', 'lint', '-o', 's']).stdout).toBe('sarif\n:4\n');
  expect(run(['__complete', 'job-x', 'rules', 'restart-policy-o']).stdout).toBe('restart-policy-on-failure\n:4\n');
});

test('a kubeconfig with proxy-url goes through client-node, loaded from inside the executable', async () => {
  // The proxy answers every CONNECT with 502: reaching it at all shows that client-node built the
  // proxy agent. strace shows where it came from: a module resolved by a path would find this
  // checkout's node_modules (the bundle's path at build time), which a user's machine lacks.
  let tunnels = 0;
  const proxy = createServer();
  proxy.on('connect', (_request, socket) => {
    tunnels++;
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = proxy.address() as { port: number };
    const kubeconfig = join(dir, 'proxied-kubeconfig');
    const trace = join(dir, 'openat.trace');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          { name: 'c', cluster: { server: 'https://127.0.0.1:6443', 'proxy-url': `http://127.0.0.1:${port}` } },
        ],
        users: [{ name: 'u', user: { token: 'x' } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      }),
    );
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const args = ['-f', '-qq', '-e', 'trace=openat', '-o', trace, 'kubectl', 'job-x', 'diagnose', 'pi'];
      const child = execFile(STRACE, [...args, '--kubeconfig', kubeconfig], { env, cwd: dir });
      let stderr = '';
      child.stderr!.on('data', (chunk: string) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(tunnels).toBeGreaterThan(0);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).not.toMatch(/Cannot find|internal error|\n\s+at /);
    const opened = readFileSync(trace, 'utf8');
    expect(opened).toContain('kubectl-job_x');
    expect(opened.split('\n').filter((line) => line.includes('node_modules'))).toEqual([]);
  } finally {
    await new Promise((resolve) => proxy.close(resolve));
  }
});

test('lint of 250 files with a policy file: worker threads, the YAML parser and ajv, all from inside the executable', () => {
  // 250 files start the lint workers (plugin/lint/lint-pool.ts), whose code is an asset of the
  // executable; --policy loads the YAML package and ajv. strace lists every file opened.
  const files = join(dir, 'many');
  mkdirSync(files);
  for (let i = 0; i < 250; i++)
    writeFileSync(join(files, `job-${i}.yaml`), BAD_JOB.replace('name: bad', `name: bad-${i}`));
  writeFileSync(
    join(dir, 'policy.yaml'),
    'apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n  require-ttl: "off"\n',
  );
  const trace = join(dir, 'lint.trace');
  const result = spawnSync(
    STRACE,
    [
      '-f',
      '-qq',
      '-e',
      'trace=openat',
      '-o',
      trace,
      'kubectl',
      'job-x',
      'lint',
      '-o',
      'json',
      '--policy',
      'policy.yaml',
      'many',
    ],
    { env, cwd: dir, encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(1);
  const results = (JSON.parse(result.stdout) as { results: { findings: { ruleId: string }[] }[] }).results;
  expect(results).toHaveLength(250);
  for (const file of results) {
    expect(file.findings.map((f) => f.ruleId)).toContain('restart-policy');
    expect(file.findings.map((f) => f.ruleId)).not.toContain('require-ttl');
  }
  const opened = readFileSync(trace, 'utf8');
  expect(opened).toContain('job-249.yaml');
  // A worker that cannot start leaves its files to the main thread: count the threads that read them.
  const readers = new Set(
    opened.split('\n').flatMap((line) => (/job-\d+\.yaml/.test(line) ? [line.split(' ')[0]] : [])),
  );
  if (availableParallelism() > 1) expect(readers.size).toBeGreaterThan(1);
  expect(opened.split('\n').filter((line) => line.includes('node_modules'))).toEqual([]);
});
