// The npm package as a user installs it: `npm pack`, `npm install -g` of the tarball into a clean
// prefix, then the plugin found by kubectl's plugin discovery, once with Node.js 22 (the `node@22`
// npm package, cached in ~/.cache/job-x/node-22) and once with this Node.js 24. PATH holds that
// prefix, that Node.js and kubectl only: not the machine's own Node.js 20.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { kubectlPath, REPO_ROOT } from '../e2e/helpers/cluster.ts';

const CACHE = process.env.JOBX_CACHE ?? join(homedir(), '.cache', 'job-x');
const BAD_JOB =
  'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bad\nspec:\n  backoffLimit: -1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: c\n          image: busybox\n';

let dir: string;
let tarball: string;

/** Node.js 22 from the npm registry's `node` package, installed once into the cache. */
function node22(): string {
  const prefix = join(CACHE, 'node-22');
  const node = join(prefix, 'node_modules', '.bin', 'node');
  if (!existsSync(node)) {
    mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', 'node@22'], {
      cwd: prefix,
      stdio: 'ignore',
    });
  }
  return node;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-npm-'));
  // test:release built dist/ first; --ignore-scripts skips `prepare` building it again.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }),
  ) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  tarball = join(dir, packed[0]!.filename);
  const paths = packed[0]!.files.map((f) => f.path);
  expect(
    paths.filter(
      (p) => p.endsWith('.map') || p.endsWith('.d.ts') || /^dist\/(kubernetes|policy|edge|plugin)\//.test(p),
    ),
  ).toEqual([]);
  process.stderr.write(
    `npm pack: ${packed[0]!.size} bytes, ${packed[0]!.unpackedSize} unpacked, ${paths.length} files\n`,
  );
  writeFileSync(join(dir, 'bad.yaml'), BAD_JOB);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['22', () => node22()],
  ['24', () => process.execPath],
])('Node.js %s', (major, nodeBinary) => {
  test('npm install -g of the tarball, then kubectl job-x through plugin discovery', () => {
    const node = nodeBinary();
    const prefix = join(dir, `prefix-${major}`);
    const started = Date.now();
    // npm itself runs on this Node.js 24; the package runs on the Node.js under test.
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { stdio: 'ignore' });
    const installMs = Date.now() - started;
    const size = execFileSync('du', ['-sb', prefix], { encoding: 'utf8' }).split('\t')[0];
    process.stderr.write(`Node.js ${major}: npm install -g took ${installMs} ms, ${size} bytes installed\n`);
    const bin = join(dir, `kubectl-${major}`);
    mkdirSync(bin);
    execFileSync('ln', ['-s', kubectlPath(), join(bin, 'kubectl')]);
    const env = { PATH: `${join(prefix, 'bin')}:${dirname(node)}:${bin}`, HOME: dir, KUBECONFIG: join(dir, 'none') };
    const run = (args: string[]) => spawnSync('kubectl', args, { env, cwd: dir, encoding: 'utf8' });

    expect(run(['plugin', 'list', '--name-only']).stdout).toContain('kubectl-job_x');
    const version = run(['job-x', 'version', '-o', 'json']);
    expect(version.stderr).toBe('');
    expect(JSON.parse(version.stdout)).toMatchObject({
      node: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim(),
    });
    expect(JSON.parse(version.stdout).node).toMatch(new RegExp(`^v${major}\\.`));
    const lint = run(['job-x', 'lint', 'bad.yaml']);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain('spec.backoffLimit: Invalid value: -1');
  }, 600_000);
});
