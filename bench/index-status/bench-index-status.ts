/**
 * `npm run bench:index-status`: how long `kubectl job-x index-status` takes to turn a fetched
 * snapshot of a big Indexed Job into its output. A benchmark, not a test: it prints figures, says
 * whether the target is met, and exits 0 either way (1 if a sanity check fails, 2 on bad arguments).
 *
 * The Job: 100,000 completions (--completions), status strings as fragmented as the controller
 * ever writes them: every even index succeeded (completedIndexes "0,2,4,...", 50,000 fragments,
 * ~290 KB), a scattered set of failed odd indexes (failedIndexes), a few thousand pods (running
 * ones on odd indexes, the failed last attempts of the failed indexes), backoffLimitPerIndex,
 * maxFailedIndexes and a success policy.
 *
 * Timed in this process, after warm-up runs (the pure path a CLI run takes after the fetch):
 *   analyse   toIndexStatus(snapshot): parse the strings, classify pods, interval sets, budgets
 *   text      formatIndexStatusText (the grid included), 120 columns
 *   json      toIndexStatusOutput + JSON.stringify (-o json)
 *   details   --index of 1,000 indexes: toIndexDetails + its text table
 * Target: analyse + text and analyse + json each under 300 ms (median wall time). The CPU time of
 * the same spans is printed too: on a busy machine it is the steadier figure.
 * Separately, the CLI's start-up: `kubectl-job_x index-status --help` spawned --startup-runs times
 * (bin/kubectl-job_x.js and the dist/cli bundle, as installed), next to `node -e 0`.
 *
 * Options: --completions N (100000), --pods N (3000), --failed N (2000), --runs N (15), --startup-runs N (10).
 * Raw figures: bench/out/bench-index-status.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { countIndexes } from '../../kubernetes/index.ts';
import { createColors } from '../../plugin/format/colors.ts';
import { formatIndexStatusText } from '../../plugin/format/format-index-status-text.ts';
import { toIndexDetails } from '../../plugin/index-status/index-details.ts';
import { toIndexStatus, type IndexStatus } from '../../plugin/index-status/index-status.ts';
import { toIndexStatusOutput } from '../../plugin/index-status/index-status-output.ts';
import type { RawPod } from '../../kubernetes/objects.ts';
import type { JobSnapshot } from '../../plugin/job-snapshot.ts';
import { parseBenchOptions } from '../bench-options.ts';
import { seededRandom } from '../../test/helpers/seeded-random.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin', 'kubectl-job_x.js');
const TARGET_MS = 300;

const { values: argv, positiveInt } = parseBenchOptions(
  'bench-index-status',
  'bench-index-status.ts [--completions N] [--pods N] [--failed N] [--runs N] [--startup-runs N]',
  {
    completions: { type: 'string' },
    pods: { type: 'string' },
    failed: { type: 'string' },
    runs: { type: 'string' },
    'startup-runs': { type: 'string' },
  },
);
const COMPLETIONS = positiveInt('completions', argv.completions, 100_000);
const PODS = positiveInt('pods', argv.pods, 3000);
const FAILED = positiveInt('failed', argv.failed, 2000);
const RUNS = positiveInt('runs', argv.runs, 15);
const STARTUP_RUNS = positiveInt('startup-runs', argv['startup-runs'], 10);

// ---------------------------------------------------------------- the Job

function pod(index: number, phase: 'Running' | 'Failed', failureCount: number, n: number): RawPod {
  return {
    metadata: {
      name: `render-${index}-${n.toString(36)}`,
      namespace: 'bench',
      creationTimestamp: '2026-11-23T16:00:00Z',
      labels: { 'batch.kubernetes.io/job-completion-index': String(index), 'batch.kubernetes.io/job-name': 'render' },
      annotations: {
        'batch.kubernetes.io/job-completion-index': String(index),
        'batch.kubernetes.io/job-index-failure-count': String(failureCount),
      },
      ...(phase === 'Running' ? { finalizers: ['batch.kubernetes.io/job-tracking'] } : {}),
    },
    spec: { nodeName: `node-${index % 50}` },
    status: {
      phase,
      containerStatuses: [
        {
          name: 'main',
          state:
            phase === 'Running'
              ? { running: { startedAt: '2026-11-23T16:00:02Z' } }
              : { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-11-23T16:01:00Z' } },
        },
      ],
    },
  };
}

function buildSnapshot(): JobSnapshot {
  // Seeded: every run measures the same Job.
  const next = seededRandom(20261123);
  const odd = (): number => Math.floor(next() * Math.floor(COMPLETIONS / 2)) * 2 + 1;
  const failed = new Set<number>();
  while (failed.size < Math.min(FAILED, Math.floor(COMPLETIONS / 4))) failed.add(odd());
  const running = new Set<number>();
  while (running.size < Math.min(PODS, Math.floor(COMPLETIONS / 4))) {
    const index = odd();
    if (!failed.has(index)) running.add(index);
  }
  const even: string[] = [];
  for (let i = 0; i < COMPLETIONS; i += 2) even.push(String(i));
  const pods: RawPod[] = [];
  let n = 0;
  for (const index of running) pods.push(pod(index, 'Running', index % 3 === 0 ? 2 : 0, n++));
  // The last failed attempt of a sample of the failed indexes (older pods were deleted).
  for (const index of [...failed].slice(0, 1000)) pods.push(pod(index, 'Failed', 2, n++));
  return {
    job: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'render', namespace: 'bench', uid: 'bench-uid' },
      spec: {
        completionMode: 'Indexed',
        completions: COMPLETIONS,
        parallelism: Math.min(PODS, 10_000),
        backoffLimit: 2147483647,
        backoffLimitPerIndex: 2,
        maxFailedIndexes: Math.min(10_000, COMPLETIONS),
        podReplacementPolicy: 'TerminatingOrFailed',
        successPolicy: {
          rules: [
            { succeededIndexes: `0-${Math.floor(COMPLETIONS / 2) - 1}`, succeededCount: Math.floor(COMPLETIONS / 4) },
            { succeededCount: COMPLETIONS },
          ],
        },
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'render:1' }] } },
      },
      status: {
        active: running.size,
        succeeded: even.length,
        failed: failed.size * 3,
        completedIndexes: even.join(','),
        failedIndexes: [...failed].sort((a, b) => a - b).join(','),
        startTime: '2026-11-23T16:00:00Z',
      },
    },
    pods,
    events: [],
    now: '2026-11-23T16:30:00Z',
    logTail: null,
  };
}

// ---------------------------------------------------------------- timing

interface Stats {
  median: number;
  p90: number;
  min: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), min: sorted[0]! };
}

/**
 * Wall time, and the process's CPU time (user + system) over the same span: on a busy machine
 * the wall time includes waiting for a core, the CPU time does not (V8's GC helper threads count).
 */
function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

const colors = createColors(false);
const snapshot = buildSnapshot();
const analyse = (): IndexStatus => {
  const result = toIndexStatus(snapshot);
  if (!result.indexed) throw new Error('the bench Job must be Indexed');
  return result.status;
};
const selection = [{ first: 1, last: 1999 }];

// Sanity: the analysis sees the Job that was built.
{
  const status = analyse();
  const output = toIndexStatusOutput(status);
  const problems: string[] = [];
  if (output.intervals.succeeded !== snapshot.job.status!.completedIndexes)
    problems.push('succeeded set differs from completedIndexes');
  if (output.intervals.failed !== snapshot.job.status!.failedIndexes)
    problems.push('failed set differs from failedIndexes');
  if (output.counts.active !== snapshot.job.status!.active)
    problems.push(`active ${output.counts.active} != ${snapshot.job.status!.active}`);
  if (output.counts.succeeded + output.counts.failed + output.counts.active + output.counts.pending !== COMPLETIONS)
    problems.push('counts do not add up');
  const text = formatIndexStatusText(status, { colors, width: 120 });
  if (text.split('\n').length > 80) problems.push('text output longer than 80 lines');
  if (problems.length > 0) {
    process.stderr.write(`bench-index-status: sanity check failed: ${problems.join('; ')}\n`);
    process.exit(1);
  }
}

const samples = {
  analyse: [] as number[],
  text: [] as number[],
  json: [] as number[],
  details: [] as number[],
  analyseText: [] as number[],
  analyseJson: [] as number[],
  cpuAnalyseText: [] as number[],
  cpuAnalyseJson: [] as number[],
};
let outputBytes = { text: 0, json: 0 };
for (let run = -3; run < RUNS; run++) {
  const a = time(analyse);
  const t = time(() => formatIndexStatusText(a.value, { colors, width: 120 }));
  const j = time(() => JSON.stringify(toIndexStatusOutput(a.value), null, 2));
  const d = time(() =>
    formatIndexStatusText(a.value, { colors, width: 120, details: toIndexDetails(a.value, selection) }),
  );
  if (run < 0) continue; // warm-up
  samples.analyse.push(a.ms);
  samples.text.push(t.ms);
  samples.json.push(j.ms);
  samples.details.push(d.ms);
  samples.analyseText.push(a.ms + t.ms);
  samples.analyseJson.push(a.ms + j.ms);
  samples.cpuAnalyseText.push(a.cpuMs + t.cpuMs);
  samples.cpuAnalyseJson.push(a.cpuMs + j.cpuMs);
  outputBytes = { text: Buffer.byteLength(t.value), json: Buffer.byteLength(j.value) };
}

// ---------------------------------------------------------------- start-up

function wallMs(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    process.stderr.write(`bench-index-status: ${args.join(' ')} exited ${result.status}: ${result.stderr}\n`);
    process.exit(1);
  }
  return ms;
}

const startup = { cli: [] as number[], node: [] as number[] };
wallMs([BIN, 'index-status', '--help']); // fills the compile cache, as any earlier run would have
for (let i = 0; i < STARTUP_RUNS; i++) {
  startup.node.push(wallMs(['-e', '0']));
  startup.cli.push(wallMs([BIN, 'index-status', '--help']));
}

// ---------------------------------------------------------------- report

const status = analyse();
const fmt = (s: Stats) =>
  `${s.median.toFixed(1).padStart(7)} ms   p90 ${s.p90.toFixed(1).padStart(7)} ms   min ${s.min.toFixed(1).padStart(7)} ms`;
const results = {
  job: {
    completions: COMPLETIONS,
    completedIndexesBytes: snapshot.job.status!.completedIndexes!.length,
    failedIndexes: countIndexes(status.sets.failed),
    pods: snapshot.pods.length,
    intervals: {
      succeeded: status.sets.succeeded.length,
      pending: status.sets.pending.length,
      active: status.sets.active.length,
    },
  },
  runs: RUNS,
  analyse: stats(samples.analyse),
  text: stats(samples.text),
  json: stats(samples.json),
  details: stats(samples.details),
  analyseText: stats(samples.analyseText),
  analyseJson: stats(samples.analyseJson),
  cpu: { analyseText: stats(samples.cpuAnalyseText), analyseJson: stats(samples.cpuAnalyseJson) },
  loadAverage: os.loadavg()[0] ?? 0,
  cores: os.availableParallelism(),
  outputBytes,
  startup: { cli: stats(startup.cli), node: stats(startup.node), runs: STARTUP_RUNS },
  node: process.version,
};
const lines = [
  `index-status on a Job with ${COMPLETIONS} completions: completedIndexes ${results.job.completedIndexesBytes} bytes (${results.job.intervals.succeeded} intervals), ` +
    `${results.job.failedIndexes} failed indexes, ${results.job.pods} pods; ${RUNS} runs after 3 warm-up runs (${process.version})`,
  '',
  `analyse (toIndexStatus)           ${fmt(results.analyse)}`,
  `text (formatIndexStatusText)      ${fmt(results.text)}   ${outputBytes.text} bytes`,
  `json (output + JSON.stringify)    ${fmt(results.json)}   ${outputBytes.json} bytes`,
  `--index of ${selection[0]!.last - selection[0]!.first + 1} indexes (text)     ${fmt(results.details)}`,
  `analyse + text                    ${fmt(results.analyseText)}`,
  `analyse + json                    ${fmt(results.analyseJson)}`,
  `  CPU time, analyse + text         ${fmt(results.cpu.analyseText)}`,
  `  CPU time, analyse + json         ${fmt(results.cpu.analyseJson)}`,
  `  (load average ${results.loadAverage.toFixed(1)} on ${results.cores} cores: wall times include waiting for a core)`,
  '',
  `CLI start-up, index-status --help ${fmt(results.startup.cli)}   (node -e 0: median ${results.startup.node.median.toFixed(1)} ms; ${STARTUP_RUNS} runs)`,
  '',
  Math.max(results.analyseText.median, results.analyseJson.median) < TARGET_MS
    ? `TARGET MET: the pure path takes ${Math.max(results.analyseText.median, results.analyseJson.median).toFixed(1)} ms (median), under ${TARGET_MS} ms`
    : `TARGET NOT MET: the pure path takes ${Math.max(results.analyseText.median, results.analyseJson.median).toFixed(1)} ms (median), over ${TARGET_MS} ms`,
];
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'out', 'bench-index-status.json'), `${JSON.stringify(results, null, 2)}\n`);
