/**
 * `npm run bench:audit`: `kubectl job-x audit -A` over --jobs Jobs and --cronjobs CronJobs on the
 * running testbed (npm run testbed:up first), against `kubectl get jobs,cronjobs -A -o json`
 * alone (the testbed's kubectl, v1.36.4) in the same run. A benchmark, not a test: it prints
 * figures, says whether the target (job-x at most 1.5 times kubectl get) is met, and exits 0
 * either way (1 when a tool or a sanity check fails, 2 on bad arguments).
 *
 * The objects go into --namespaces dedicated namespaces audit-bench-<hex>-<i> (deleted at the end
 * unless --keep). Jobs carry `spec.managedBy: example.com/job-x-bench`, so the built-in Job
 * controller leaves them alone (no pods, no status writes on the shared testbed), and CronJobs are
 * suspended. A tenth of them have findings under the shipped policy (no TTL: defaulted; an exit
 * code of 300: denied; parallelism 0: warned), the rest are clean.
 *
 * Timed, --reps rounds alternating the order, spawn to exit, median:
 *   job-x    kubectl-job_x audit -A -o json    (the bundle, as installed)
 *   job-x    kubectl-job_x audit -A            (text, for information)
 *   kubectl  kubectl get jobs,cronjobs -A -o json
 * Peak RSS from /usr/bin/time. Raw figures: bench/out/bench-audit.json.
 *
 * Options: --jobs N (10000), --cronjobs N (2000), --namespaces N (10), --reps N (5), --keep,
 * --reuse PREFIX (the namespaces a --keep run left).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cluster, KUBECONFIG, kubectlPath } from '../../test/e2e/helpers/cluster.ts';
import { deleteNamespace } from '../../test/e2e/helpers/namespace.ts';
import { parseBenchOptions } from '../bench-options.ts';
import { median } from '../statistics.ts';
import { pool, timed as timedRun, type TimedRun } from '../timed-process.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.JOBX_BIN ?? join(ROOT, 'bin', 'kubectl-job_x.js');
const TARGET_RATIO = 1.5;

const { values: argv, positiveInt } = parseBenchOptions(
  'bench-audit',
  'bench-audit.ts [--jobs N] [--cronjobs N] [--namespaces N] [--reps N] [--keep] [--reuse PREFIX]',
  {
    jobs: { type: 'string' },
    cronjobs: { type: 'string' },
    namespaces: { type: 'string' },
    reps: { type: 'string' },
    keep: { type: 'boolean' },
    reuse: { type: 'string' },
  },
);
const JOBS = positiveInt('jobs', argv.jobs, 10_000);
const CRONJOBS = positiveInt('cronjobs', argv.cronjobs, 2000);
const NAMESPACES = positiveInt('namespaces', argv.namespaces, 10);
const REPS = positiveInt('reps', argv.reps, 5);

class BenchError extends Error {
  override name = 'BenchError';
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const timed = (command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<TimedRun> =>
  timedRun('bench-audit', command, args, env);

const POD_SPEC = {
  restartPolicy: 'Never',
  containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello'] }],
};

/** The Job spec of the i-th object: a tenth of them with a finding, in turn defaulted, denied, warned. */
function jobSpec(i: number): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    ttlSecondsAfterFinished: 3600,
    backoffLimit: 3,
    template: { spec: POD_SPEC },
  };
  if (i % 10 !== 0) return spec;
  switch ((i / 10) % 3) {
    case 0:
      delete spec.ttlSecondsAfterFinished;
      break;
    case 1:
      spec.podFailurePolicy = {
        rules: [
          { action: 'FailJob', onExitCodes: { operator: 'In', values: [300] } },
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
        ],
      };
      break;
    default:
      spec.parallelism = 0;
  }
  return spec;
}

async function setUp(prefix: string): Promise<string[]> {
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `${prefix}-${i}`);
  for (const name of namespaces)
    await cluster().core.createNamespace({
      body: { metadata: { name, labels: { 'testbed.job-x.dev/bench': 'audit' } } },
    });
  const started = Date.now();
  let created = 0;
  const progress = () => {
    if (++created % 2000 === 0) log(`  created ${created} objects (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  };
  await pool(
    Array.from({ length: JOBS }, (_, i) => i),
    16,
    async (i) => {
      await cluster().batch.createNamespacedJob({
        namespace: namespaces[i % NAMESPACES]!,
        body: {
          metadata: { name: `job-${i}` },
          spec: { ...jobSpec(i), managedBy: 'example.com/job-x-bench' } as never,
        },
      });
      progress();
    },
  );
  await pool(
    Array.from({ length: CRONJOBS }, (_, i) => i),
    16,
    async (i) => {
      await cluster().batch.createNamespacedCronJob({
        namespace: namespaces[i % NAMESPACES]!,
        body: {
          metadata: { name: `cron-${i}` },
          spec: { schedule: '0 3 * * *', suspend: true, jobTemplate: { spec: jobSpec(i) as never } },
        },
      });
      progress();
    },
  );
  return namespaces;
}

async function main(): Promise<void> {
  const kubectl = kubectlPath();
  const prefix = argv.reuse ?? `audit-bench-${randomBytes(3).toString('hex')}`;
  let namespaces: string[];
  if (argv.reuse) {
    namespaces = Array.from({ length: NAMESPACES }, (_, i) => `${prefix}-${i}`);
    log(`reusing namespaces ${prefix}-*`);
  } else {
    log(`namespaces ${prefix}-0..${NAMESPACES - 1}: creating ${JOBS} Jobs and ${CRONJOBS} CronJobs`);
    namespaces = await setUp(prefix);
  }
  try {
    const jobxJson = [BIN, 'audit', '-A', '-o', 'json', '--kubeconfig', KUBECONFIG];
    const jobxText = [BIN, 'audit', '-A', '--kubeconfig', KUBECONFIG];
    const getArgs = ['--kubeconfig', KUBECONFIG, 'get', 'jobs,cronjobs', '-A', '-o', 'json'];
    const env = { ...process.env, JOBX_KUBE_TRACE: '', NO_COLOR: '1' };

    // Sanity: every object seen, the findings where they were put.
    const first = await timed(process.execPath, jobxJson, env);
    if (first.code !== 1) throw new BenchError(`job-x audit exited ${first.code} (1 expected):\n${first.stderr}`);
    const output = JSON.parse(readFileSync(first.outFile, 'utf8')) as {
      results: { namespace: string }[];
      summary: { jobs: number; cronJobs: number; withFindings: number; byAdmission: Record<string, number> };
    };
    const ours = output.results.filter((r) => r.namespace.startsWith(`${prefix}-`)).length;
    if (output.summary.jobs < JOBS || output.summary.cronJobs < CRONJOBS)
      throw new BenchError(`audit judged ${JSON.stringify(output.summary)}, fewer than were created`);
    // Every tenth Job has a finding; CronJobs too, but for a missing TTL (require-ttl is for Jobs alone).
    const expectedWithFindings = Math.ceil(JOBS / 10);
    if (ours < expectedWithFindings)
      throw new BenchError(
        `audit found ${ours} objects with findings in ${prefix}-*, expected ${expectedWithFindings}`,
      );

    await timed(kubectl, getArgs);
    const runs: Record<'json' | 'text' | 'get', TimedRun[]> = { json: [], text: [], get: [] };
    const commands = {
      json: () => timed(process.execPath, jobxJson, env),
      text: () => timed(process.execPath, jobxText, env),
      get: () => timed(kubectl, getArgs),
    };
    for (let rep = 0; rep < REPS; rep++) {
      const order = (['json', 'get', 'text'] as const).map((_, i, all) => all[(i + rep) % all.length]!);
      for (const which of order) {
        const run = await commands[which]();
        if (run.code !== (which === 'get' ? 0 : 1)) throw new BenchError(`${which} exited ${run.code}:\n${run.stderr}`);
        runs[which].push(run);
      }
    }
    const ms = (r: TimedRun[]) => median(r.map((x) => x.wallMs));
    const rss = (r: TimedRun[]) => Math.max(...r.map((x) => x.maxRssKiB)) / 1024;
    const [jsonMs, textMs, getMs] = [ms(runs.json), ms(runs.text), ms(runs.get)];
    log('');
    log(
      `${output.summary.jobs} Jobs and ${output.summary.cronJobs} CronJobs in the cluster; ${output.summary.withFindings} with findings (${JSON.stringify(output.summary.byAdmission)})`,
    );
    log(`median of ${REPS} (spawn to exit)                wall      peak RSS   stdout`);
    const row = (name: string, wall: number, r: TimedRun[]) =>
      log(
        `${name.padEnd(40)} ${wall.toFixed(0).padStart(6)} ms  ${rss(r).toFixed(0).padStart(6)} MiB  ${(r[0]!.stdoutBytes / 1024).toFixed(0)} KiB`,
      );
    row('job-x audit -A -o json', jsonMs, runs.json);
    row('job-x audit -A (text)', textMs, runs.text);
    row('kubectl get jobs,cronjobs -A -o json', getMs, runs.get);
    const ratio = jsonMs / getMs;
    log(`ratio job-x audit -o json / kubectl get: ${ratio.toFixed(2)} (text: ${(textMs / getMs).toFixed(2)})`);
    log(`at most ${TARGET_RATIO}x kubectl get: ${ratio <= TARGET_RATIO ? 'TARGET MET' : 'TARGET NOT MET'}`);
    mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench', 'out', 'bench-audit.json'),
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          jobs: JOBS,
          cronJobs: CRONJOBS,
          reps: REPS,
          summary: output.summary,
          jobxJson: { medianMs: jsonMs, peakRssMiB: rss(runs.json), runsMs: runs.json.map((r) => r.wallMs) },
          jobxText: { medianMs: textMs, peakRssMiB: rss(runs.text), runsMs: runs.text.map((r) => r.wallMs) },
          kubectlGet: { medianMs: getMs, peakRssMiB: rss(runs.get), runsMs: runs.get.map((r) => r.wallMs) },
          ratio,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    if (argv.keep) log(`kept namespaces ${prefix}-* (rerun with --reuse ${prefix})`);
    else {
      log(`deleting namespaces ${prefix}-*`);
      await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench-audit: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
