/**
 * `node bench/webhook/profile-webhook.ts [--scenario validate-create|validate-update|mutate-create]
 * [--duration S] [--node-flags="…"] [--top N]`: where the webhook's CPU time goes under the load of
 * bench-webhook.ts. Starts the webhook from its sources (webhook/main.ts, what the bundle is built
 * from) with `--cpu-prof`, loads one scenario with autocannon (HTTPS keep-alive, 10 connections, pinned as the
 * bench pins them), stops it with SIGTERM and prints the functions with the most self time, and the
 * same grouped by where they live (node internals, express, the webhook, the rule engine, ...).
 * The .cpuprofile stays in bench/out/ for Chrome DevTools.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  openSync,
  closeSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchOptions } from '../bench-options.ts';
import { makeCertificate } from '../../test/helpers/self-signed-certificate.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'admission');
const SCENARIOS: Record<string, { path: string; fixture: string }> = {
  'validate-create': { path: '/validate', fixture: 'job-create-clean' },
  'validate-update': { path: '/validate', fixture: 'job-update-label' },
  'mutate-create': { path: '/mutate', fixture: 'job-create-mutate' },
};

const { values: argv, positiveInt } = parseBenchOptions(
  'profile-webhook',
  'profile-webhook.ts [--scenario NAME] [--duration S] [--node-flags=...] [--top N]',
  {
    scenario: { type: 'string' },
    duration: { type: 'string' },
    'node-flags': { type: 'string' },
    top: { type: 'string' },
  },
);
const SCENARIO = argv.scenario ?? 'validate-create';
const scenario = SCENARIOS[SCENARIO];
if (!scenario) {
  process.stderr.write(`profile-webhook: --scenario must be one of ${Object.keys(SCENARIOS).join(', ')}\n`);
  process.exit(2);
}
const DURATION = positiveInt('duration', argv.duration, 10);
const TOP = positiveInt('top', argv.top, 25);
const NODE_FLAGS = (argv['node-flags'] ?? '--max-semi-space-size=4').split(' ').filter((f) => f !== '');
const PIN = spawnSync('taskset', ['-c', '0', 'true']).status === 0 && os.availableParallelism() >= 2;
const pinned = (cpu: number, command: string[]): [string, string[]] =>
  PIN ? ['taskset', ['-c', String(cpu), ...command]] : [command[0]!, command.slice(1)];

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a function lives, for the grouped view. */
function area(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : '(native/V8 builtins)';
  if (url.startsWith('node:')) return 'node internals';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return `npm ${match[1]}`;
  return url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'profile-webhook-'));
  const { certFile, keyFile } = makeCertificate(dir, 'localhost');
  const logFile = join(dir, 'webhook.log');
  const log = openSync(logFile, 'w');
  // The sources, not the minified bundle bin/job-x-webhook.js runs: the same code, with names and
  // files a profile can be read by (Node strips the types).
  const entry = join(dir, 'webhook-from-source.mjs');
  writeFileSync(
    entry,
    `const { main } = await import(${JSON.stringify(join(ROOT, 'webhook', 'main.ts'))});\nprocess.exit(await main(process.argv));\n`,
  );
  const [command, args] = pinned(0, [
    process.execPath,
    ...NODE_FLAGS,
    '--cpu-prof',
    '--cpu-prof-dir',
    dir,
    entry,
    ...['--tls-cert-file', certFile, '--tls-private-key-file', keyFile, '--port', '0', '--host', '127.0.0.1'],
    ...['--shutdown-delay', '0'],
  ]);
  const child = spawn(command, args, { stdio: ['ignore', log, 'inherit'], env: { ...process.env, JOBX_POLICY: '' } });
  closeSync(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let port: number | undefined;
  for (let i = 0; i < 300 && port === undefined; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const line = readFileSync(logFile, 'utf8')
      .split('\n')
      .find((l) => l.includes('"msg":"listening"'));
    if (line) port = (JSON.parse(line) as { port: number }).port;
  }
  if (port === undefined) throw new Error(`the webhook did not listen (log: ${logFile})`);
  const runLoad = (duration: number): { requestsPerSecond: number; total: number } => {
    const [loadCommand, loadArgs] = pinned(1, [
      process.execPath,
      join(ROOT, 'bench', 'webhook', 'load.ts'),
      JSON.stringify({
        url: `https://127.0.0.1:${port}${scenario!.path}`,
        caFile: certFile,
        bodyFile: join(FIXTURES, `${scenario!.fixture}.json`),
        connections: 10,
        duration,
      }),
    ]);
    const load = spawnSync(loadCommand, loadArgs, { encoding: 'utf8' });
    if (load.status !== 0) throw new Error(`the load generator failed: ${load.stderr}`);
    return JSON.parse(load.stdout) as { requestsPerSecond: number; total: number };
  };
  // Start-up (loading and stripping the sources) and the warm-up are left out of the figures: only
  // samples taken while the measured load ran count (the profile's clock is CLOCK_MONOTONIC, as hrtime).
  runLoad(2);
  const from = process.hrtime.bigint() / 1000n;
  const result = runLoad(DURATION);
  const to = process.hrtime.bigint() / 1000n;
  child.kill('SIGTERM');
  await exited;

  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('the webhook wrote no .cpuprofile');
  const out = join(ROOT, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  const saved = join(out, `webhook-${SCENARIO}.cpuprofile`);
  renameSync(join(dir, file), saved);
  rmSync(dir, { recursive: true, force: true });

  const profile = JSON.parse(readFileSync(saved, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= Number(from) && at <= Number(to)) self.set(id, (self.get(id) ?? 0) + delta);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self.entries()]
    .filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)')
    .reduce((a, [, t]) => a + t, 0);
  const busy = total - idle;
  // Total (inclusive) time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = (id: number): string => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url === '' ? '' : ` ${url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '')}:${lineNumber + 1}`;
    return `${functionName || '(anonymous)'}${where}`;
  };
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const key = nameOf(id);
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
    const group = area(url, functionName);
    byArea.set(group, (byArea.get(group) ?? 0) + time);
  }
  const inclusive = new Map<string, number>();
  for (const [id, time] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) names.add(nameOf(at));
    for (const name of names) inclusive.set(name, (inclusive.get(name) ?? 0) + time);
  }
  const share = (t: number): string => `${((t / busy) * 100).toFixed(1).padStart(5)}%`;
  const lines = [
    `profile-webhook ${SCENARIO}: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.total} requests in ${DURATION} s; ` +
      `${(busy / 1e6).toFixed(2)} s busy of ${(total / 1e6).toFixed(2)} s sampled under that load (${((busy / result.total) | 0).toString()} µs per request); ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; profile: ${saved.replace(`${ROOT}/`, '')}`,
    '',
    'self time by function (share of busy time):',
    ...[...byFunction.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([name, t]) => `  ${share(t)}  ${name}`),
    '',
    'total time (self and callees) by function, job-x code and HTTP handling:',
    ...[...inclusive.entries()]
      .filter(([name]) => !name.includes('node:internal/modules') && !name.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([name, t]) => `  ${share(t)}  ${name}`),
    '',
    'self time by where the code lives:',
    ...[...byArea.entries()].sort((a, b) => b[1] - a[1]).map(([name, t]) => `  ${share(t)}  ${name}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`profile-webhook: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
