/**
 * `npm run bench:lint`: job-x lint against kubeconform -strict on the same generated corpus of Job
 * and CronJob manifests, in the same run. A benchmark, not a test: it prints figures, says whether
 * the throughput target (at least kubeconform's resources/second) is met, and exits 0 either way.
 * It exits 1 when a tool fails to run or the sanity checks fail (a tool missed or invented
 * invalid files, or did not see every resource), 2 on bad arguments.
 *
 * Steps: build kubeconform if missing (bench/tools/build-kubeconform.sh), generate strict JSON
 * schemas for Job and CronJob from the Kubernetes OpenAPI document (openapi-to-jsonschema.ts),
 * check that kubeconform uses them, generate the corpus (generate-corpus.ts), then
 *   - throughput: `kubectl-job_x lint -o json <dir>` (one process), `kubeconform -strict -summary
 *     -output json <dir>` with its default workers and with -n 1; --reps rounds, order rotated each
 *     round; medians;
 *   - cold start: one small Job file, each tool --cold-runs times, alternating, after one
 *     untimed warm-up each; median and p90.
 * Wall time is measured here (spawn to exit); peak RSS and CPU time come from /usr/bin/time.
 * Both tools write to files, not pipes, so this process does no work while they run.
 *
 * Options: --count N (10000), --seed N, --reps N (3), --cold-runs N (15).
 * Cache: ${JOBX_CACHE:-~/.cache/job-x}/bench/ (kubeconform, schemas, corpus, raw outputs).
 * Raw figures: bench/out/bench-lint.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_COUNT, DEFAULT_SEED, INVALID_CATEGORIES, generateCorpus, type CorpusFile } from './generate-corpus.ts';
import { DEFAULT_DEFINITIONS, writeJsonSchemas } from './openapi-to-jsonschema.ts';
import { parseBenchOptions } from '../bench-options.ts';
import { kubernetesVersion, swaggerPath } from '../../scripts/kubernetes-module.ts';
import { median, percentile } from '../statistics.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(process.env.JOBX_CACHE ?? join(os.homedir(), '.cache', 'job-x'), 'bench');
const JOBX = join(ROOT, 'bin', 'kubectl-job_x.js');
const TIME = '/usr/bin/time';

class BenchError extends Error {
  override name = 'BenchError';
}

// ---------------------------------------------------------------- options

const { values: argv, positiveInt } = parseBenchOptions(
  'bench-lint',
  'bench-lint.ts [--count N] [--seed N] [--reps N] [--cold-runs N]',
  { count: { type: 'string' }, seed: { type: 'string' }, reps: { type: 'string' }, 'cold-runs': { type: 'string' } },
);
const COUNT = positiveInt('count', argv.count, DEFAULT_COUNT);
const SEED = positiveInt('seed', argv.seed, DEFAULT_SEED);
const REPS = positiveInt('reps', argv.reps, 3);
const COLD_RUNS = positiveInt('cold-runs', argv['cold-runs'], 15);

// ---------------------------------------------------------------- processes

interface Run {
  readonly wallMs: number;
  readonly exitCode: number;
  /** From /usr/bin/time, when available. */
  readonly peakRssKb?: number;
  readonly cpuS?: number;
  readonly stdout: string;
  readonly stderr: string;
}

const haveTime = existsSync(TIME);

/** Runs a command with stdout and stderr to files; wall time from spawn to exit. */
async function run(command: string, args: readonly string[], outBase: string): Promise<Run> {
  const stdout = `${outBase}.out`;
  const stderr = `${outBase}.err`;
  const timeFile = `${outBase}.time`;
  const out = openSync(stdout, 'w');
  const err = openSync(stderr, 'w');
  const [file, fileArgs] = haveTime
    ? [TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]]
    : [command, [...args]];
  const start = performance.now();
  const exitCode = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(file, fileArgs, { stdio: ['ignore', out, err] });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 128 : 1)));
  }).finally(() => {
    closeSync(out);
    closeSync(err);
  });
  const wallMs = performance.now() - start;
  let peakRssKb: number | undefined;
  let cpuS: number | undefined;
  if (haveTime && existsSync(timeFile)) {
    // With a non-zero exit, time writes "Command exited with non-zero status N" first.
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
    const [rss, user, sys] = last.split(' ').map(Number);
    if (Number.isFinite(rss)) peakRssKb = rss;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuS = user! + sys!;
  }
  return { wallMs, exitCode, peakRssKb, cpuS, stdout, stderr };
}

/** Exit 0 (clean) and 1 (findings) are normal for both tools; anything else is a failure. */
function expectRan(name: string, result: Run): void {
  if (result.exitCode === 0 || result.exitCode === 1) return;
  const stderr = readFileSync(result.stderr, 'utf8').trim().split('\n').slice(-15).join('\n');
  throw new BenchError(`${name} failed with exit code ${result.exitCode}:\n${stderr}`);
}

function capture(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new BenchError(`cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new BenchError(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr.trim()}`);
  return result.stdout;
}

// ---------------------------------------------------------------- setup

function buildKubeconform(): { bin: string; version: string } {
  process.stderr.write('bench-lint: kubeconform (builds only when missing)\n');
  const result = spawnSync('bash', [join(ROOT, 'bench', 'tools', 'build-kubeconform.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0)
    throw new BenchError(`bench/tools/build-kubeconform.sh failed (exit ${result.status ?? result.signal})`);
  const bin = result.stdout.trim().split('\n').at(-1) ?? '';
  const version = capture(bin, ['-v']).trim();
  return { bin, version };
}

const COLD_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
  namespace: default
spec:
  backoffLimit: 4
  ttlSecondsAfterFinished: 600
  activeDeadlineSeconds: 300
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: pi
          image: perl:5.34
          command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: 500m, memory: 128Mi }
`;

const COLD_CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "30 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: main
              image: busybox:1.37
`;

/** kubeconform must accept valid objects and reject unknown fields with the generated schemas. */
async function checkSchemas(kubeconform: string, location: string, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const cases = [
    { file: 'job-valid.yaml', text: COLD_JOB, valid: true },
    {
      file: 'job-unknown-field.yaml',
      text: COLD_JOB.replace('  backoffLimit: 4', '  backoffLimit: 4\n  backofLimit: 4'),
      valid: false,
    },
    { file: 'cronjob-valid.yaml', text: COLD_CRONJOB, valid: true },
    {
      file: 'cronjob-unknown-field.yaml',
      text: COLD_CRONJOB.replace(
        '              image: busybox:1.37',
        '              image: busybox:1.37\n              imagePullPolicyy: Always',
      ),
      valid: false,
    },
  ];
  for (const c of cases) {
    await writeFile(join(dir, c.file), c.text);
    const result = spawnSync(
      kubeconform,
      ['-strict', '-summary', '-output', 'json', '-schema-location', location, join(dir, c.file)],
      { encoding: 'utf8' },
    );
    const summary = (
      JSON.parse(result.stdout || '{}') as { summary?: { valid: number; invalid: number; errors: number } }
    ).summary;
    const ok = c.valid ? result.status === 0 && summary?.valid === 1 : result.status === 1 && summary?.invalid === 1;
    if (!ok)
      throw new BenchError(
        `schema self-check: kubeconform on ${c.file} (expected ${c.valid ? 'valid' : 'invalid'}): exit ${result.status}\n${result.stdout}${result.stderr}`,
      );
  }
}

// ---------------------------------------------------------------- outputs

interface JobxReport {
  readonly results: readonly { file: string; findings: readonly { severity: string }[] }[];
  readonly summary: { files: number; linted: number; errors: number; warnings: number; infos: number };
}

interface KubeconformReport {
  readonly resources?: readonly { filename: string; status: string; validationErrors?: readonly unknown[] }[];
  readonly summary: { valid: number; invalid: number; errors: number; skipped: number };
}

interface Analysis {
  /** Resources the tool reports having processed. */
  readonly resources: number;
  readonly findings: number;
  readonly detail: string;
  /** Files with at least one error (job-x) or an invalid/error resource (kubeconform). */
  readonly flagged: ReadonlySet<string>;
}

function analyzeJobx(path: string, count: number): Analysis {
  const report = JSON.parse(readFileSync(path, 'utf8')) as JobxReport;
  const { summary } = report;
  if (summary.files !== count) throw new BenchError(`job-x read ${summary.files} files, expected ${count}`);
  const flagged = new Set<string>();
  for (const r of report.results) if (r.findings.some((f) => f.severity === 'error')) flagged.add(basename(r.file));
  return {
    resources: summary.files,
    findings: summary.errors + summary.warnings + summary.infos,
    detail: `${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos; ${summary.linted} objects linted, ${count - summary.linted} refused at parse`,
    flagged,
  };
}

function analyzeKubeconform(path: string, count: number): Analysis {
  const report = JSON.parse(readFileSync(path, 'utf8')) as KubeconformReport;
  const { summary } = report;
  const resources = summary.valid + summary.invalid + summary.errors + summary.skipped;
  if (resources !== count || summary.skipped !== 0)
    throw new BenchError(`kubeconform saw ${resources} resources (${summary.skipped} skipped), expected ${count}`);
  const flagged = new Set<string>();
  let validationErrors = 0;
  for (const r of report.resources ?? []) {
    if (r.status === 'statusInvalid' || r.status === 'statusError') flagged.add(basename(r.filename));
    validationErrors += r.validationErrors?.length ?? (r.status === 'statusError' ? 1 : 0);
  }
  return {
    resources,
    findings: validationErrors,
    detail: `${summary.invalid} invalid + ${summary.errors} errors (unparsable), ${validationErrors} validation errors`,
    flagged,
  };
}

// ---------------------------------------------------------------- statistics and printing

/** Nearest-rank percentile. */
function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    `  ${r.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(rows[0]!), `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`, ...rows.slice(1).map(line)].join('\n');
}

/** `['a', 'b', 'a']` → `['2 a', '1 b']`. */
function tally(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} ${v}`);
}

const mib = (kb: number | undefined) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MiB`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(0)} ms`;
const maybe = (values: readonly (number | undefined)[]) =>
  values.every((v) => v !== undefined) ? median(values as number[]) : undefined;

// ---------------------------------------------------------------- main

interface Tool {
  readonly id: string;
  readonly label: string;
  readonly command: string;
  readonly args: (path: string) => string[];
  readonly analyze: (path: string, count: number) => Analysis;
}

async function main(): Promise<number> {
  const started = new Date();
  const load0 = os.loadavg();
  const nodeVersion = process.version;
  if (!existsSync(join(ROOT, 'dist', 'plugin', 'main.js')))
    throw new BenchError('dist/ is missing: run `npm run build` first (npm run bench:lint does)');
  const jobxVersion = capture(process.execPath, [JOBX, '--version']).trim();
  const rules = JSON.parse(capture(process.execPath, [JOBX, 'rules', '-o', 'json'])) as { origin: string }[];
  const ruleOrigins = tally(rules.map((r) => r.origin));

  const kubeconform = buildKubeconform();
  let k8s: string;
  let swagger: string;
  try {
    k8s = kubernetesVersion();
    swagger = swaggerPath(k8s);
  } catch (error) {
    throw new BenchError((error as Error).message);
  }
  const schemaDir = join(CACHE, `schemas-${k8s}`);
  const schemaLocation = `${schemaDir}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
  let t = performance.now();
  await rm(schemaDir, { recursive: true, force: true });
  const schemas = await writeJsonSchemas(swagger, schemaDir, DEFAULT_DEFINITIONS);
  const schemaMs = performance.now() - t;
  await checkSchemas(kubeconform.bin, schemaLocation, join(CACHE, 'selfcheck'));

  process.stderr.write(`bench-lint: generating ${COUNT} manifests (seed ${SEED})\n`);
  t = performance.now();
  const corpus = await generateCorpus(join(CACHE, 'corpus'), { count: COUNT, seed: SEED });
  const corpusMs = performance.now() - t;
  const bytes = corpus.files.reduce((n, f) => n + f.bytes, 0);
  const invalid = corpus.files.filter((f) => f.invalid);
  const jobs = corpus.files.filter((f) => f.kind === 'Job').length;
  const sizes = tally(corpus.files.map((f) => f.size));

  const outDir = join(CACHE, 'runs');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const tools: Tool[] = [
    {
      id: 'jobx',
      label: 'job-x lint -o json',
      command: process.execPath,
      args: (p) => [JOBX, 'lint', '-o', 'json', p],
      analyze: analyzeJobx,
    },
    {
      id: 'kc',
      label: 'kubeconform -strict (-n 4, default)',
      command: kubeconform.bin,
      args: (p) => ['-strict', '-summary', '-output', 'json', '-schema-location', schemaLocation, p],
      analyze: analyzeKubeconform,
    },
    {
      id: 'kc1',
      label: 'kubeconform -strict -n 1',
      command: kubeconform.bin,
      args: (p) => ['-strict', '-summary', '-output', 'json', '-n', '1', '-schema-location', schemaLocation, p],
      analyze: analyzeKubeconform,
    },
  ];

  // Throughput: rounds over the three commands, starting with a different one each round.
  const runs = new Map<string, Run[]>(tools.map((tool) => [tool.id, []]));
  const analyses = new Map<string, Analysis>();
  for (let rep = 0; rep < REPS; rep++) {
    for (let k = 0; k < tools.length; k++) {
      const tool = tools[(rep + k) % tools.length]!;
      process.stderr.write(`bench-lint: throughput round ${rep + 1}/${REPS}: ${tool.label}\n`);
      const result = await run(tool.command, tool.args(corpus.manifests), join(outDir, `${tool.id}-${rep}`));
      expectRan(tool.label, result);
      const analysis = tool.analyze(result.stdout, COUNT);
      const previous = analyses.get(tool.id);
      if (previous && (previous.findings !== analysis.findings || previous.flagged.size !== analysis.flagged.size)) {
        throw new BenchError(`${tool.label} gave different results across rounds`);
      }
      analyses.set(tool.id, analysis);
      runs.get(tool.id)!.push(result);
    }
  }

  // Cold start: one small file, alternating, one warm-up each.
  const coldFile = join(CACHE, 'selfcheck', 'job-valid.yaml');
  const coldTools = [tools[0]!, tools[1]!];
  const cold = new Map<string, Run[]>(coldTools.map((tool) => [tool.id, []]));
  process.stderr.write(`bench-lint: cold start, ${COLD_RUNS} runs each\n`);
  for (const tool of coldTools)
    expectRan(tool.label, await run(tool.command, tool.args(coldFile), join(outDir, `cold-${tool.id}-warmup`)));
  for (let i = 0; i < COLD_RUNS; i++) {
    for (let k = 0; k < coldTools.length; k++) {
      const tool = coldTools[(i + k) % coldTools.length]!;
      const result = await run(tool.command, tool.args(coldFile), join(outDir, `cold-${tool.id}-${i}`));
      expectRan(tool.label, result);
      cold.get(tool.id)!.push(result);
    }
  }
  const load1 = os.loadavg();

  // ------------------------------------------------------------ report
  const cpus = os.cpus();
  const out: string[] = [];
  const say = (text = '') => out.push(text);
  say(`job-x lint vs kubeconform — ${started.toISOString()}`);
  say(
    `machine: ${os.availableParallelism()} logical cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
  );
  say(
    `load average (1 min) before ${load0[0]!.toFixed(2)}, after ${load1[0]!.toFixed(2)} (other processes on the machine count; both tools suffer alike)`,
  );
  say(
    `job-x ${jobxVersion} on Node.js ${nodeVersion} (worker threads over files from 200 files on, one per extra core); ${rules.length} rules: ${ruleOrigins.join(', ')}`,
  );
  say(
    `kubeconform ${kubeconform.version} (Go module proxy, ${runtimeGoVersion()}); strict standalone schemas for ${DEFAULT_DEFINITIONS.join(', ')} from k8s.io/kubernetes@${k8s} api/openapi-spec/swagger.json (${schemas.map((s) => basename(s)).join(', ')}, ${millis(schemaMs)})`,
  );
  say(
    `corpus: ${COUNT} files, one object each (${jobs} Jobs, ${COUNT - jobs} CronJobs; ${sizes.join(', ')}), ${(bytes / 2 ** 20).toFixed(1)} MiB, ${invalid.length} invalid (${((invalid.length / COUNT) * 100).toFixed(1)}%), seed ${SEED}, generated in ${secs(corpusMs)}`,
  );
  say(`        ${corpus.manifests}`);
  say();

  say(`Throughput over the ${COUNT} files (median of ${REPS} runs, order rotated each round)`);
  const jobxWall = median(runs.get('jobx')!.map((r) => r.wallMs));
  const rows: string[][] = [
    ['tool', 'wall', 'resources/s', 'MiB/s', 'CPU (user+sys)', 'peak RSS', 'job-x/this res/s', 'runs (wall)'],
  ];
  const rate = new Map<string, number>();
  for (const tool of tools) {
    const list = runs.get(tool.id)!;
    const wall = median(list.map((r) => r.wallMs));
    rate.set(tool.id, COUNT / (wall / 1000));
    const cpu = maybe(list.map((r) => r.cpuS));
    const rss = maybe(list.map((r) => r.peakRssKb));
    rows.push([
      tool.label,
      secs(wall),
      (COUNT / (wall / 1000)).toFixed(0),
      (bytes / 2 ** 20 / (wall / 1000)).toFixed(2),
      cpu === undefined ? 'n/a' : `${cpu.toFixed(2)} s`,
      mib(rss),
      tool.id === 'jobx' ? '' : (wall / jobxWall).toFixed(2),
      list.map((r) => (r.wallMs / 1000).toFixed(2)).join(' / '),
    ]);
  }
  say(table(rows, new Set([1, 2, 3, 4, 5, 6])));
  const jobxRate = rate.get('jobx')!;
  const kcRate = rate.get('kc')!;
  const kc1Rate = rate.get('kc1')!;
  say(
    `  ratio job-x/kubeconform resources/s: ${(jobxRate / kcRate).toFixed(2)} (default workers), ${(jobxRate / kc1Rate).toFixed(2)} (-n 1)`,
  );
  say();

  say('Findings (same files; a file is flagged when it gets an error)');
  const frows: string[][] = [['tool', 'resources', 'findings', 'flagged files', 'detail']];
  for (const tool of tools.slice(0, 2)) {
    const a = analyses.get(tool.id)!;
    frows.push([tool.label, String(a.resources), String(a.findings), String(a.flagged.size), a.detail]);
  }
  say(table(frows, new Set([1, 2, 3])));
  say();
  const sanity = detection(corpus.files, analyses.get('jobx')!.flagged, analyses.get('kc')!.flagged, say);
  say();

  say(`Cold start: one small Job file (${coldFile}), ${COLD_RUNS} runs each, alternating, after one warm-up`);
  const crows: string[][] = [['tool', 'median', 'p90', 'min', 'max', 'peak RSS']];
  const coldMedian = new Map<string, number>();
  for (const tool of coldTools) {
    const walls = cold.get(tool.id)!.map((r) => r.wallMs);
    coldMedian.set(tool.id, median(walls));
    crows.push([
      tool.label,
      millis(median(walls)),
      millis(percentile(walls, 90)),
      millis(Math.min(...walls)),
      millis(Math.max(...walls)),
      mib(maybe(cold.get(tool.id)!.map((r) => r.peakRssKb))),
    ]);
  }
  say(table(crows, new Set([1, 2, 3, 4, 5])));
  const jobxCold = cold.get('jobx')!.map((r) => r.wallMs);
  const kcCold = cold.get('kc')!.map((r) => r.wallMs);
  say(
    `  ratio job-x/kubeconform: median ${(median(jobxCold) / median(kcCold)).toFixed(2)}, p90 ${(percentile(jobxCold, 90) / percentile(kcCold, 90)).toFixed(2)} (above 1: job-x slower)`,
  );
  say();

  const met = jobxRate >= kcRate;
  say(
    met
      ? `TARGET MET: job-x lints ${jobxRate.toFixed(0)} resources/s, at least kubeconform's ${kcRate.toFixed(0)} (${(jobxRate / kcRate).toFixed(2)}×), with ${rules.length} rules against a structural schema.`
      : `TARGET NOT MET: job-x lints ${jobxRate.toFixed(0)} resources/s, kubeconform ${kcRate.toFixed(0)} (default workers) — job-x at ${(jobxRate / kcRate).toFixed(2)}× kubeconform's throughput (${(jobxRate / kc1Rate).toFixed(2)}× of -n 1).`,
  );
  say(
    sanity
      ? 'SANITY OK: job-x flags exactly the invalid files, kubeconform exactly the schema-detectable ones, neither flags a valid file.'
      : 'SANITY FAILED: see the detection table above.',
  );

  const text = out.join('\n');
  process.stdout.write(`\n${text}\n`);
  const resultsDir = join(ROOT, 'bench', 'out');
  await mkdir(resultsDir, { recursive: true });
  await writeFile(
    join(resultsDir, 'bench-lint.json'),
    `${JSON.stringify(
      {
        started: started.toISOString(),
        machine: { cores: os.availableParallelism(), cpu: cpus[0]?.model.trim(), loadBefore: load0, loadAfter: load1 },
        versions: { jobx: jobxVersion, node: nodeVersion, kubeconform: kubeconform.version, kubernetes: k8s },
        corpus: { count: COUNT, seed: SEED, bytes, invalid: invalid.length },
        throughput: Object.fromEntries(
          tools.map((tool) => [
            tool.id,
            runs.get(tool.id)!.map(({ wallMs, peakRssKb, cpuS, exitCode }) => ({ wallMs, peakRssKb, cpuS, exitCode })),
          ]),
        ),
        coldStart: Object.fromEntries(
          coldTools.map((tool) => [
            tool.id,
            cold.get(tool.id)!.map(({ wallMs, peakRssKb }) => ({ wallMs, peakRssKb })),
          ]),
        ),
        targetMet: met,
        sanity,
      },
      null,
      2,
    )}\n`,
  );
  await writeFile(join(resultsDir, 'bench-lint.txt'), `${text}\n`);
  process.stderr.write(`bench-lint: raw figures in ${join(resultsDir, 'bench-lint.json')}\n`);
  return sanity ? 0 : 1;
}

/** Prints detection by category; true when both tools flag exactly what they should. */
function detection(
  files: readonly CorpusFile[],
  jobx: ReadonlySet<string>,
  kc: ReadonlySet<string>,
  say: (text?: string) => void,
): boolean {
  const rows: string[][] = [['category', 'files', 'job-x flagged', 'kubeconform flagged', 'schema-detectable']];
  const mismatches: string[] = [];
  for (const category of ['valid', ...INVALID_CATEGORIES] as const) {
    const list = files.filter((f) => (f.invalid?.category ?? 'valid') === category);
    const j = list.filter((f) => jobx.has(f.file)).length;
    const k = list.filter((f) => kc.has(f.file)).length;
    const s = list.filter((f) => f.invalid?.schemaDetectable).length;
    rows.push([category, String(list.length), String(j), String(k), String(s)]);
    for (const f of list) {
      const shouldJ = f.invalid !== null;
      const shouldK = f.invalid?.schemaDetectable === true;
      if (jobx.has(f.file) !== shouldJ)
        mismatches.push(
          `job-x ${shouldJ ? 'missed' : 'wrongly flagged'} ${f.file} (${category}${f.invalid ? ` ${f.invalid.variant}` : ''})`,
        );
      if (kc.has(f.file) !== shouldK)
        mismatches.push(
          `kubeconform ${shouldK ? 'missed' : 'unexpectedly flagged'} ${f.file} (${category}${f.invalid ? ` ${f.invalid.variant}` : ''})`,
        );
    }
  }
  say('Detection by defect category (schema-detectable: what a structural JSON schema can see)');
  say(table(rows, new Set([1, 2, 3, 4])));
  const both = [...kc].filter((file) => jobx.has(file)).length;
  const lintOnly = [...jobx].filter((file) => !kc.has(file)).length;
  say(
    `kubeconform -strict flagged ${kc.size} files; job-x flagged ${both} of them (${kc.size === 0 ? '-' : ((100 * both) / kc.size).toFixed(1)}%), and ${lintOnly} files kubeconform did not flag.`,
  );
  for (const m of mismatches.slice(0, 20)) say(`  MISMATCH ${m}`);
  if (mismatches.length > 20) say(`  ... ${mismatches.length - 20} more mismatches`);
  return mismatches.length === 0;
}

function runtimeGoVersion(): string {
  const result = spawnSync('go', ['version'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } });
  return result.status === 0 ? result.stdout.trim().replace(/^go version /, '') : 'Go';
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof BenchError)) throw error;
  process.stderr.write(`bench-lint: ${error.message}\n`);
  process.exitCode = 1;
}
