/**
 * `npm run bench:webhook`: the admission webhook against a bare node:https server, in one run.
 * A benchmark, not a test: it prints figures, says whether the targets are met, and exits 0 either
 * way; 1 when a server fails or answers wrongly (errors, non-2xx, a wrong review), 2 on bad
 * arguments.
 *
 * Targets (issue 16): requests/s of /validate CREATE, /validate UPDATE and /mutate each at least
 * 0.8× the bare-parse server's in the same run; in the webhook, 99% of requests handled within
 * 0.5 ms from the body decoded to the answer written (jobx_webhook_handler_duration_seconds, at the
 * fixed rate); resident memory under 128 MiB. Also shown (issue 4's): /validate and /mutate at
 * least 50% of the bare server's, p99 under 5 ms at a fixed 1,000 requests/s.
 *
 * Setup: a throwaway ECDSA P-256 certificate (openssl); the webhook is the real executable
 * (bin/job-x-webhook.js, built by `npm run build`, default policy, logs to a file as a container
 * runtime would collect them); the floors are bench/webhook/bare-server.ts (no framework: one
 * reads each body and answers a fixed allowed review, the other also decodes it to echo its uid).
 * The servers share CPU 0 (one runs at a time: the idle ones cost nothing); the load generator
 * (bench/webhook/load.ts, autocannon, HTTPS keep-alive) runs pinned to CPU 1, in its own process.
 * --no-pin leaves scheduling to the kernel.
 *
 * Scenarios, all with reviews recorded from the testbed (test/fixtures/admission):
 *   bare             the floor of the target, fed the Job CREATE review of validate-create;
 *   bare-parse       the least a correct webhook does (decode, echo the uid), same review;
 *   bare-parse-update, bare-parse-mutate  the same server fed the review of validate-update (twice
 *                    the bytes: two objects) and of mutate-create: each webhook scenario is
 *                    compared with decoding the same body (the "same body" column and targets);
 *   validate-create  POST /validate, Job CREATE (job-create-clean.json: allowed);
 *   validate-update  POST /validate, Job UPDATE with a finding on both objects (the ratchet path);
 *   mutate-create    POST /mutate, Job CREATE without a TTL (a JSON patch is returned).
 * Each saturated run: --connections connections for --duration seconds, after a 2 s warm-up;
 * --reps rounds with the order rotated; medians. Besides requests/s the table shows the server's
 * CPU time per request (from /proc/<pid>/stat), which other load on the machine disturbs less.
 * Then /validate at a fixed --rate requests/s (latency corrected for coordinated omission), the
 * bare server at the same rate (what the machine and the client add to any server), the
 * webhook's own latency histogram read from /metrics, and the webhook's RSS (steady after the
 * runs, and its peak, VmHWM).
 *
 * Options: --duration S (10), --connections N (10), --reps N (3), --rate N (1000), --no-pin,
 * --node-flags="…" (V8/Node flags for the webhook process, e.g. --node-flags=--max-semi-space-size=4: on a
 * machine with much memory V8 lets the young generation grow to 128 MB under a high allocation
 * rate, which a container's memory limit would prevent).
 * Raw figures: bench/out/bench-webhook.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync, openSync, closeSync } from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from './load.ts';
import { parseBenchOptions } from '../bench-options.ts';
import { makeCertificate } from '../../test/helpers/self-signed-certificate.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'admission');
const NODE = process.execPath;
const CLOCK_TICKS = 100;

class BenchError extends Error {
  override name = 'BenchError';
}

// ---------------------------------------------------------------- options

const { values: argv, positiveInt } = parseBenchOptions(
  'bench-webhook',
  'bench-webhook.ts [--duration S] [--connections N] [--reps N] [--rate N] [--no-pin] [--node-flags=...]',
  {
    duration: { type: 'string' },
    connections: { type: 'string' },
    reps: { type: 'string' },
    rate: { type: 'string' },
    'no-pin': { type: 'boolean' },
    'node-flags': { type: 'string' },
  },
);

const DURATION = positiveInt('duration', argv.duration, 10);
const CONNECTIONS = positiveInt('connections', argv.connections, 10);
const REPS = positiveInt('reps', argv.reps, 3);
const RATE = positiveInt('rate', argv.rate, 1000);
const NODE_FLAGS = (argv['node-flags'] ?? '').split(' ').filter((f) => f !== '');
const PIN = !argv['no-pin'] && spawnSync('taskset', ['-c', '0', 'true']).status === 0 && os.availableParallelism() >= 2;
const pinned = (cpu: number, command: string[]): [string, string[]] =>
  PIN ? ['taskset', ['-c', String(cpu), ...command]] : [command[0]!, command.slice(1)];

// ---------------------------------------------------------------- processes

/** Every server started, stopped whatever happens. */
const started: ChildProcess[] = [];

interface Server {
  readonly name: string;
  readonly child: ChildProcess;
  readonly port: number;
}

function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function memoryKiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: read('VmRSS'), hwm: read('VmHWM') };
}

async function waitFor<T>(what: string, read: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new BenchError(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startBare(mode: 'fixed' | 'parse', certFile: string, keyFile: string): Promise<Server> {
  const [command, args] = pinned(0, [NODE, join(ROOT, 'bench', 'webhook', 'bare-server.ts'), mode, certFile, keyFile]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const port = await waitFor('the bare server', () =>
    out.includes('\n') ? (JSON.parse(out) as { port: number }).port : undefined,
  );
  return { name: `bare-${mode}`, child, port };
}

async function startWebhook(certFile: string, keyFile: string, logFile: string): Promise<Server> {
  const log = openSync(logFile, 'w');
  const [command, args] = pinned(0, [
    NODE,
    ...NODE_FLAGS,
    join(ROOT, 'bin', 'job-x-webhook.js'),
    '--tls-cert-file',
    certFile,
    '--tls-private-key-file',
    keyFile,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--shutdown-delay',
    '0',
  ]);
  const child = spawn(command, args, { stdio: ['ignore', log, 'inherit'], env: { ...process.env, JOBX_POLICY: '' } });
  closeSync(log);
  started.push(child);
  const port = await waitFor('the webhook to listen', () => {
    if (child.exitCode !== null)
      throw new BenchError(`the webhook exited with ${child.exitCode} before listening (log: ${logFile})`);
    const line = readFileSync(logFile, 'utf8')
      .split('\n')
      .find((l) => l.includes('"msg":"listening"'));
    return line ? (JSON.parse(line) as { port: number }).port : undefined;
  });
  return { name: 'job-x-webhook', child, port };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function post(port: number, ca: string, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // A connection of its own each time: nothing idles between the checks and the runs.
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: path === '/metrics' ? 'GET' : 'POST',
        ca,
        servername: 'localhost',
        agent: false,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    req.end(path === '/metrics' ? undefined : body);
  });
}

async function load(options: LoadOptions): Promise<LoadResult> {
  const [command, args] = pinned(1, [NODE, join(ROOT, 'bench', 'webhook', 'load.ts'), JSON.stringify(options)]);
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new BenchError(`the load generator failed (${result.status}): ${result.stderr}`);
  const output = JSON.parse(result.stdout) as LoadResult;
  if (output.errors > 0 || output.timeouts > 0 || output.non2xx > 0) {
    throw new BenchError(
      `${options.url}: ${output.errors} errors, ${output.timeouts} timeouts, ${output.non2xx} non-2xx answers`,
    );
  }
  return output;
}

// ---------------------------------------------------------------- scenarios

interface Scenario {
  readonly name: string;
  readonly server: 'bare' | 'bareParse' | 'webhook';
  readonly path: string;
  readonly fixture: string;
  /** What a correct answer holds (checked once before measuring). */
  readonly check: (response: { uid: string; allowed: boolean; patch?: string }) => boolean;
  /** For a webhook scenario: the bare-parse scenario fed the same review. */
  readonly sameBody?: string;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'bare', server: 'bare', path: '/validate', fixture: 'job-create-clean', check: (r) => r.allowed },
  { name: 'bare-parse', server: 'bareParse', path: '/validate', fixture: 'job-create-clean', check: (r) => r.allowed },
  {
    name: 'bare-parse-update',
    server: 'bareParse',
    path: '/validate',
    fixture: 'job-update-label',
    check: (r) => r.allowed,
  },
  {
    name: 'bare-parse-mutate',
    server: 'bareParse',
    path: '/mutate',
    fixture: 'job-create-mutate',
    check: (r) => r.allowed,
  },
  {
    name: 'validate-create',
    server: 'webhook',
    path: '/validate',
    fixture: 'job-create-clean',
    check: (r) => r.allowed && r.patch === undefined,
    sameBody: 'bare-parse',
  },
  {
    name: 'validate-update',
    server: 'webhook',
    path: '/validate',
    fixture: 'job-update-label',
    check: (r) => r.allowed,
    sameBody: 'bare-parse-update',
  },
  {
    name: 'mutate-create',
    server: 'webhook',
    path: '/mutate',
    fixture: 'job-create-mutate',
    check: (r) => r.allowed && typeof r.patch === 'string',
    sameBody: 'bare-parse-mutate',
  },
];

interface Measured {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMicrosPerRequest: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A bucket bound of a histogram in milliseconds, for the report. */
const bucketMs = (bound: string): string =>
  bound === '+Inf' ? 'more than the largest bucket' : `${Number(bound) * 1000} ms`;

/** The smallest histogram bucket bound below which `quantile` of the observations fall. */
function histogramQuantile(
  before: string,
  after: string,
  series: string,
  quantile: number,
): { bound: string; count: number } {
  const buckets = (text: string): Map<string, number> =>
    new Map(
      [...text.matchAll(new RegExp(`^${series}_bucket\\{endpoint="validate",le="([^"]+)"\\} (\\d+)$`, 'gm'))].map(
        (m) => [m[1]!, Number(m[2])],
      ),
    );
  const a = buckets(before);
  const b = buckets(after);
  const entries = [...b.entries()].map(([le, n]) => [le, n - (a.get(le) ?? 0)] as const);
  const total = entries.find(([le]) => le === '+Inf')?.[1] ?? 0;
  const hit = entries.find(([, n]) => n >= quantile * total);
  return { bound: hit?.[0] ?? '+Inf', count: total };
}

async function main(): Promise<number> {
  const dist = join(ROOT, 'dist', 'webhook', 'server.cjs');
  try {
    readFileSync(dist);
  } catch {
    throw new BenchError(`${dist} is missing: run npm run build (npm run bench:webhook does)`);
  }
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-webhook-'));
  const { certFile, keyFile, pem: ca } = makeCertificate(dir, 'localhost');

  const cpus = os.cpus();
  process.stdout.write(
    `bench-webhook: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, Node ${process.version}; ${PIN ? 'servers on CPU 0, load generator on CPU 1' : 'not pinned'}; ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n` +
      `saturated: ${CONNECTIONS} keep-alive connections × ${DURATION} s, ${REPS} rounds; fixed rate: ${RATE} req/s × ${DURATION} s; webhook: node ${[...NODE_FLAGS, 'bin/job-x-webhook.js'].join(' ')}\n\n`,
  );

  const results = new Map<string, Measured[]>(SCENARIOS.map((s) => [s.name, []]));
  try {
    const bare = await startBare('fixed', certFile, keyFile);
    const bareParse = await startBare('parse', certFile, keyFile);
    const webhook = await startWebhook(certFile, keyFile, join(dir, 'webhook.log'));
    const servers = { bare, bareParse, webhook };
    for (const scenario of SCENARIOS) {
      const server = servers[scenario.server];
      const body = readFileSync(join(FIXTURES, `${scenario.fixture}.json`), 'utf8');
      const answer = await post(server.port, ca, scenario.path, body);
      const review = JSON.parse(answer.text) as { response: { uid: string; allowed: boolean; patch?: string } };
      const uid = (JSON.parse(body) as { request: { uid: string } }).request.uid;
      if (answer.status !== 200 || review.response.uid !== uid || !scenario.check(review.response))
        throw new BenchError(`${scenario.name}: unexpected answer ${answer.status} ${answer.text.slice(0, 300)}`);
      // Warm-up: JIT, connection pools, caches.
      await load({
        url: `https://127.0.0.1:${server.port}${scenario.path}`,
        caFile: certFile,
        bodyFile: join(FIXTURES, `${scenario.fixture}.json`),
        connections: CONNECTIONS,
        duration: 2,
      });
    }
    for (let round = 0; round < REPS; round++) {
      const order = SCENARIOS.map((_, i) => SCENARIOS[(i + round) % SCENARIOS.length]!);
      for (const scenario of order) {
        const server = servers[scenario.server];
        const cpuBefore = cpuSeconds(server.child.pid!);
        const result = await load({
          url: `https://127.0.0.1:${server.port}${scenario.path}`,
          caFile: certFile,
          bodyFile: join(FIXTURES, `${scenario.fixture}.json`),
          connections: CONNECTIONS,
          duration: DURATION,
        });
        const cpu = cpuSeconds(server.child.pid!) - cpuBefore;
        results.get(scenario.name)!.push({
          requestsPerSecond: result.requestsPerSecond,
          p50: result.latencyMs.p50,
          p99: result.latencyMs.p99,
          cpuMicrosPerRequest: (cpu * 1e6) / result.total,
        });
        process.stdout.write(
          `  round ${round + 1} ${scenario.name.padEnd(16)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms\n`,
        );
      }
    }
    // The same fixed rate against the floor: what the machine and the client add to any server.
    const fixedBare = await load({
      url: `https://127.0.0.1:${bare.port}/validate`,
      caFile: certFile,
      bodyFile: join(FIXTURES, 'job-create-clean.json'),
      connections: CONNECTIONS,
      duration: DURATION,
      overallRate: RATE,
    });
    const metricsBefore = (await post(webhook.port, ca, '/metrics', '')).text;
    const fixed = await load({
      url: `https://127.0.0.1:${webhook.port}/validate`,
      caFile: certFile,
      bodyFile: join(FIXTURES, 'job-create-clean.json'),
      connections: CONNECTIONS,
      duration: DURATION,
      overallRate: RATE,
    });
    const metricsAfter = (await post(webhook.port, ca, '/metrics', '')).text;
    const inRequest = histogramQuantile(metricsBefore, metricsAfter, 'jobx_webhook_request_duration_seconds', 0.99);
    const inHandler = histogramQuantile(metricsBefore, metricsAfter, 'jobx_webhook_handler_duration_seconds', 0.99);
    await new Promise((r) => setTimeout(r, 1000));
    const memory = memoryKiB(webhook.child.pid!);

    // ------------------------------------------------------------ report
    const summary = SCENARIOS.map((s) => {
      const runs = results.get(s.name)!;
      return {
        scenario: s.name,
        ...(s.sameBody ? { sameBody: s.sameBody } : {}),
        requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        cpuMicrosPerRequest: median(runs.map((r) => r.cpuMicrosPerRequest)),
        runs,
      };
    });
    const floor = summary[0]!;
    const parseFloor = summary[1]!;
    const rps = (name: string): number => summary.find((s) => s.scenario === name)!.requestsPerSecond;
    /** requests/s of a webhook scenario over bare-parse's on the same review. */
    const ofSameBody = (name: string): number => rps(name) / rps(SCENARIOS.find((s) => s.name === name)!.sameBody!);
    const percent = (a: number, b: number): string => `${((a / b) * 100).toFixed(0)}%`;
    const lines = [
      '',
      `${'scenario'.padEnd(17)} ${'req/s'.padStart(7)} ${'of bare'.padStart(8)} ${'of bare-parse'.padStart(14)} ${'same body'.padStart(10)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'CPU/req'.padStart(9)} ${'bare CPU ÷ this'.padStart(16)}`,
      ...summary.map(
        (s) =>
          `${s.scenario.padEnd(17)} ${s.requestsPerSecond.toFixed(0).padStart(7)} ${percent(s.requestsPerSecond, floor.requestsPerSecond).padStart(8)} ${percent(s.requestsPerSecond, parseFloor.requestsPerSecond).padStart(14)} ${(s.sameBody ? `${ofSameBody(s.scenario).toFixed(2)}×` : '').padStart(10)} ${`${s.p50} ms`.padStart(6)} ${`${s.p99} ms`.padStart(6)} ${`${s.cpuMicrosPerRequest.toFixed(0)} µs`.padStart(9)} ${percent(floor.cpuMicrosPerRequest, s.cpuMicrosPerRequest).padStart(16)}`,
      ),
      '',
      `fixed rate ${RATE} req/s on /validate (client side, HTTPS round trip, corrected for coordinated omission):`,
      `  webhook: achieved ${fixed.requestsPerSecond.toFixed(0)} req/s, p50 ${fixed.latencyMs.p50} ms, p90 ${fixed.latencyMs.p90} ms, p99 ${fixed.latencyMs.p99} ms, max ${fixed.latencyMs.max} ms`,
      `  bare:    achieved ${fixedBare.requestsPerSecond.toFixed(0)} req/s, p50 ${fixedBare.latencyMs.p50} ms, p90 ${fixedBare.latencyMs.p90} ms, p99 ${fixedBare.latencyMs.p99} ms, max ${fixedBare.latencyMs.max} ms (what the machine and the client add)`,
      `  the webhook's own histograms: 99% of ${inRequest.count} requests took at most ${bucketMs(inRequest.bound)} from headers in to answer out, ${bucketMs(inHandler.bound)} from the body decoded to the answer written`,
      `webhook memory: RSS ${(memory.rss / 1024).toFixed(1)} MiB after the runs, peak ${(memory.hwm / 1024).toFixed(1)} MiB`,
      '',
    ];
    const ratio = (name: string): number =>
      summary.find((s) => s.scenario === name)!.requestsPerSecond / floor.requestsPerSecond;
    const targets = [
      ...(['validate-create', 'validate-update', 'mutate-create'] as const).map(
        (name) =>
          [
            `${name} ≥ 0.8× bare-parse on the same body (${ofSameBody(name).toFixed(2)}×; of bare-parse on the CREATE body ${(ratio(name) / ratio('bare-parse')).toFixed(2)}×)`,
            ofSameBody(name) >= 0.8,
          ] as const,
      ),
      [
        `in-handler p99 ≤ 0.5 ms at ${RATE} req/s (≤ ${bucketMs(inHandler.bound)})`,
        inHandler.bound !== '+Inf' && Number(inHandler.bound) <= 0.0005,
      ] as const,
      [
        `/validate throughput ≥ 50% of bare (${(ratio('validate-create') * 100).toFixed(0)}%)`,
        ratio('validate-create') >= 0.5,
      ],
      [
        `/mutate throughput ≥ 50% of bare (${(ratio('mutate-create') * 100).toFixed(0)}%)`,
        ratio('mutate-create') >= 0.5,
      ],
      [
        `p99 < 5 ms at ${RATE} req/s, client side (${fixed.latencyMs.p99} ms; bare ${fixedBare.latencyMs.p99} ms)`,
        fixed.latencyMs.p99 < 5,
      ],
      [
        `p99 < 5 ms at ${RATE} req/s, in the webhook from headers in (≤ ${bucketMs(inRequest.bound)})`,
        inRequest.bound !== '+Inf' && Number(inRequest.bound) <= 0.005,
      ],
      [`RSS < 128 MiB (peak ${(memory.hwm / 1024).toFixed(1)} MiB)`, memory.hwm < 128 * 1024],
    ] as const;
    for (const [text, met] of targets) lines.push(`${met ? 'TARGET MET    ' : 'TARGET NOT MET'}  ${text}`);
    process.stdout.write(`${lines.join('\n')}\n`);

    const out = join(ROOT, 'bench', 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'bench-webhook.json'),
      `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus.length, model: cpus[0]?.model, node: process.version, loadAverage: os.loadavg(), pinned: PIN }, options: { duration: DURATION, connections: CONNECTIONS, reps: REPS, rate: RATE, nodeFlags: NODE_FLAGS }, summary, fixedRate: { rate: RATE, webhook: fixed, bare: fixedBare, inRequestP99BucketSeconds: inRequest.bound, inHandlerP99BucketSeconds: inHandler.bound }, memoryKiB: memory, targets: targets.map(([text, met]) => ({ text, met })) }, null, 2)}\n`,
    );
    return 0;
  } catch (error) {
    // The webhook's own account of what happened, before its directory goes.
    const log = join(dir, 'webhook.log');
    const tail = (() => {
      try {
        return readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n');
      } catch {
        return '(no log)';
      }
    })();
    process.stderr.write(`bench-webhook: the webhook's last log lines:\n${tail}\n`);
    throw error;
  } finally {
    await Promise.all(started.map(stop));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench-webhook: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
