/**
 * `npm run bench:sweep`: the sweep, `kubectl job-x diagnose -n NS -o json`, on a namespace of
 * --jobs Jobs (1,000) against `kubectl get jobs,pods,events -n NS -o json` (what a user would run
 * to look at the same objects), in the same run, on the running testbed (npm run testbed:up first).
 * A benchmark, not a test: it prints figures and exits 0 (1 when a tool or a sanity check fails,
 * 2 on bad arguments).
 *
 * The namespace (sweep-bench-*, deleted at the end unless --keep) holds Jobs written as their
 * controller would leave them (test/e2e/helpers/unmanaged-jobs.ts): --pods-per-job pods each (2),
 * every --failing-every-th Job (10) Failing with one failed pod, the others Complete; the
 * scheduler's, kubelets' and Job controller's Events.
 *
 * Sanity: the sweep lists exactly the failing Jobs, each with its pods; its requests are counted
 * (JOBX_KUBE_TRACE=1): four list calls whatever the number of Jobs (the target), in pages of 500.
 * Timed: --reps rounds (3), alternating the order, spawn to exit, median; peak RSS.
 * Options: --jobs N, --pods-per-job N, --failing-every N, --reps N, --keep, --namespace NS (reuse
 * one a --keep run left). Raw figures: bench/out/bench-sweep.json.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import { KUBECONFIG, kubectlPath } from '../../test/e2e/helpers/cluster.ts';
import { createNamespace } from '../../test/e2e/helpers/namespace.ts';
import { writeUnmanagedJobs } from '../../test/e2e/helpers/unmanaged-jobs.ts';
import { parseBenchOptions } from '../bench-options.ts';
import { BenchError, leaveNamespace, runBench, writeRawFigures } from '../cluster-bench-run.ts';
import { median } from '../statistics.ts';
import { timed, type TimedRun } from '../timed-process.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.JOBX_BIN ?? join(ROOT, 'bin', 'kubectl-job_x.js');
/** The Jobs, the pods, the Jobs' Events, the pods' Warning Events (plugin/kube/fetch-sweep.ts). */
const LIST_CALLS = 4;

const { values: argv, positiveInt } = parseBenchOptions(
  'bench-sweep',
  'bench-sweep.ts [--jobs N] [--pods-per-job N] [--failing-every N] [--reps N] [--keep] [--namespace NS]',
  {
    jobs: { type: 'string' },
    'pods-per-job': { type: 'string' },
    'failing-every': { type: 'string' },
    reps: { type: 'string' },
    keep: { type: 'boolean' },
    namespace: { type: 'string' },
  },
);
const JOBS = positiveInt('jobs', argv.jobs, 1000);
const PODS_PER_JOB = positiveInt('pods-per-job', argv['pods-per-job'], 2);
const FAILING_EVERY = positiveInt('failing-every', argv['failing-every'], 10);
const REPS = positiveInt('reps', argv.reps, 3);

const log = (line: string) => process.stdout.write(`${line}\n`);
const run = (command: string, args: string[], env?: NodeJS.ProcessEnv) => timed('bench-sweep', command, args, env);

async function main(): Promise<void> {
  let namespace = argv.namespace;
  const failing = new Set<string>();
  if (namespace) log(`reusing namespace ${namespace}`);
  else {
    namespace = await createNamespace('bench', { prefix: 'sweep' });
    log(`namespace ${namespace}: writing ${JOBS} Jobs with ${PODS_PER_JOB} pods each`);
    const started = Date.now();
    const written = await writeUnmanagedJobs(namespace, {
      jobs: JOBS,
      podsPerJob: PODS_PER_JOB,
      failingEvery: FAILING_EVERY,
      onJob: (n) => {
        if (n % 100 === 0) log(`  ${n} Jobs (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      },
    });
    for (const name of written.failing) failing.add(name);
    log(`  ${written.pods} pods, ${written.events} Events`);
  }
  try {
    const env = { ...process.env, JOBX_KUBE_TRACE: '' };
    const sweepArgs = [BIN, 'diagnose', '-n', namespace, '-o', 'json', '--kubeconfig', KUBECONFIG];
    const getArgs = ['--kubeconfig', KUBECONFIG, 'get', 'jobs,pods,events', '-n', namespace, '-o', 'json'];

    const traced = await run(process.execPath, sweepArgs, { ...env, JOBX_KUBE_TRACE: '1' });
    if (traced.code !== 0) throw new BenchError(`the sweep exited ${traced.code}:\n${traced.stderr}`);
    const outputs = JSON.parse(readFileSync(traced.outFile, 'utf8')) as DiagnoseOutput[];
    const expected = failing.size > 0 ? [...failing].sort() : null;
    if (expected && JSON.stringify(outputs.map((o) => o.job.name)) !== JSON.stringify(expected))
      throw new BenchError(`the sweep listed ${outputs.length} Jobs, not the ${expected.length} failing ones`);
    const short = outputs.filter((o) => o.progress.podsFound !== PODS_PER_JOB);
    if (short.length > 0) throw new BenchError(`${short.length} rows without their ${PODS_PER_JOB} pods`);
    const requests = traced.stderr
      .split('\n')
      .filter((l) => l.startsWith('job-x: GET '))
      .map((l) => l.slice('job-x: '.length));
    const listCalls = new Set(requests.map((r) => r.split(' ')[1]!.replace(/&continue=[^&]*/, ''))).size;

    await run(process.execPath, sweepArgs, env);
    await run(kubectlPath(), getArgs);
    const runs: Record<'sweep' | 'get', TimedRun[]> = { sweep: [], get: [] };
    const commands = { sweep: () => run(process.execPath, sweepArgs, env), get: () => run(kubectlPath(), getArgs) };
    for (let rep = 0; rep < REPS; rep++) {
      for (const which of rep % 2 === 0 ? (['sweep', 'get'] as const) : (['get', 'sweep'] as const)) {
        const result = await commands[which]();
        if (result.code !== 0) throw new BenchError(`${which} exited ${result.code}:\n${result.stderr}`);
        runs[which].push(result);
      }
    }
    const figures = (list: TimedRun[]) => ({
      medianMs: median(list.map((r) => r.wallMs)),
      peakRssMiB: Math.max(...list.map((r) => r.maxRssKiB)) / 1024,
      runsMs: list.map((r) => r.wallMs),
    });
    const sweep = figures(runs.sweep);
    const get = figures(runs.get);
    const met = listCalls === LIST_CALLS;
    log('');
    log(`namespace ${namespace}: ${JOBS} Jobs, ${outputs.length} rows (Failing or Failed)`);
    log(`median of ${REPS} (spawn to exit)                 wall      peak RSS`);
    log(
      `job-x diagnose -n NS -o json (sweep)     ${sweep.medianMs.toFixed(0).padStart(6)} ms  ${sweep.peakRssMiB.toFixed(0).padStart(6)} MiB  ${requests.length} requests, ${listCalls} list calls`,
    );
    log(
      `kubectl get jobs,pods,events -o json     ${get.medianMs.toFixed(0).padStart(6)} ms  ${get.peakRssMiB.toFixed(0).padStart(6)} MiB`,
    );
    log(`ratio sweep / kubectl get: ${(sweep.medianMs / get.medianMs).toFixed(2)}`);
    log(
      `load average (1, 5, 15 min): ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} on ${availableParallelism()} cores`,
    );
    log('job-x requests:');
    for (const r of requests) log(`  ${r.replace(/continue=[^& ]*/, 'continue=…')}`);
    log(`${LIST_CALLS} list calls whatever the number of Jobs: ${met ? 'TARGET MET' : 'TARGET NOT MET'}`);
    writeRawFigures('bench-sweep', {
      date: new Date().toISOString(),
      jobs: JOBS,
      podsPerJob: PODS_PER_JOB,
      failingEvery: FAILING_EVERY,
      reps: REPS,
      rows: outputs.length,
      requests,
      listCalls,
      sweep,
      get,
      ratio: sweep.medianMs / get.medianMs,
      loadAverage: loadavg(),
      met,
    });
  } finally {
    await leaveNamespace(namespace, argv.keep === true, log);
  }
}

runBench('bench-sweep', main);
