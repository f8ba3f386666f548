/**
 * `npm run bench:diagnose`: `kubectl job-x diagnose` on a Job with 5,000 pods against the
 * testbed's own `kubectl describe job` (v1.36.4), in the same run, on the running testbed
 * (npm run testbed:up first). A benchmark, not a test: it prints figures, says whether the
 * targets are met, and exits 0 either way (1 when a tool fails or a sanity check fails, 2 on bad
 * arguments).
 *
 * The Job (in its own namespace diag-bench-*, deleted at the end unless --keep): completions and
 * parallelism --pods, `spec.managedBy: example.com/job-x-bench` so that the built-in Job
 * controller leaves it alone, and --pods pods written here as its controller, the scheduler and
 * the kubelets would leave them: generateName NAME-, the Job's pod template, the controller-uid /
 * job-name labels and a controlling ownerReference; each pod's status copied from the statuses
 * the node simulator wrote in the recorded fixtures, with mixed outcomes (90 % succeeded, 6 %
 * exit 1, 2 % OOMKilled, 1 % evicted, 1 % Pending on an image that cannot be pulled); each pod's
 * Events (Scheduled, Pulling, Pulled, Created, Started; Warnings for pulls and evictions: about
 * 25,000 in all, as many as a real 5,000-pod Job leaves), the Job's aggregated SuccessfulCreate
 * Events, the Events of one pod in a hundred already gone (evicted and deleted: diagnose names them
 * from their Warning Events alone), and the status the controller would count. Why not let the
 * real controller and the node simulator do it: creating 5,000 pods takes the controller many
 * minutes here, and 5,000 pods at once overwhelm the simulator the other testbed users share
 * (tried: its requests started failing). The pods use a scheduler nobody runs, so the simulator
 * never touches them. What diagnose and describe read is the same either way.
 *
 * Timed, --reps rounds alternating the order, spawn to exit, median:
 *   job-x   kubectl-job_x diagnose NAME -n NS -o json  (the bundle, as installed)
 *   kubectl kubectl describe job NAME -n NS             (the testbed's kubectl)
 *   and, for information, `kubectl get pods -l controller-uid=... -o json`: what kubectl needs on
 *   top of describe to show the attempts (exit codes, reasons) diagnose shows.
 * Peak RSS from /usr/bin/time; API requests counted once for each: job-x with JOBX_KUBE_TRACE=1,
 * kubectl with -v=6 (one log line per request).
 *   bare    diagnose's own requests replayed with nothing parsed (bare-requests.ts): what the API
 *           server's serving time allows, the floor of the ratio.
 * Same answer: the diagnosis printed must equal, byte for byte, the one computed offline from
 * complete lists fetched apart (same-diagnosis.ts); a difference fails the run (exit 1).
 * Targets: job-x at most 2x kubectl describe (median; issue 17), a number of list requests that
 * does not grow with the pods (pages of 500 do), peak RSS under 200 MiB.
 *
 * Options: --pods N (5000), --reps N (5), --keep (leave the namespace), --namespace NS (reuse
 * one a --keep run left).
 * Raw figures: bench/out/bench-diagnose.json.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { V1Container, V1Job, V1Pod } from '@kubernetes/client-node';
import { cluster, KUBECONFIG, kubectlPath } from '../../test/e2e/helpers/cluster.ts';
import { loadJob, withSpec } from '../../test/e2e/helpers/jobs.ts';
import { parseBenchOptions } from '../bench-options.ts';
import { BenchError, leaveNamespace, runBench, writeRawFigures } from '../cluster-bench-run.ts';
import { median } from '../statistics.ts';
import { pool, timed as timedRun, type TimedRun } from '../timed-process.ts';
import { replayBare } from './bare-requests.ts';
import { checkSameDiagnosis } from './same-diagnosis.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The executable measured; JOBX_BIN points at a copy (e.g. while others rebuild dist/). */
const BIN = process.env.JOBX_BIN ?? join(ROOT, 'bin', 'kubectl-job_x.js');
const JOB = 'render-frames';
const RSS_TARGET_MIB = 200;
/** Issue 17: diagnose at 5,000 pods in at most twice the time of kubectl describe job. */
const SPEED_TARGET = 2;

const { values: argv, positiveInt } = parseBenchOptions(
  'bench-diagnose',
  'bench-diagnose.ts [--pods N] [--reps N] [--keep] [--namespace NS]',
  { pods: { type: 'string' }, reps: { type: 'string' }, keep: { type: 'boolean' }, namespace: { type: 'string' } },
);
const PODS = positiveInt('pods', argv.pods, 5000);
const REPS = positiveInt('reps', argv.reps, 5);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The simulator outcome of the i-th pod: 90 % succeed, 6 % exit 1, 2 % OOM, 1 % evicted, 1 % image pull failing. */
function outcomeOf(i: number): string {
  const slot = i % 100;
  if (slot < 6) return 'exit=1';
  if (slot < 8) return 'oom';
  if (slot < 9) return 'evict';
  if (slot < 10) return 'image-pull-error';
  return 'succeed';
}

async function createNamespace(): Promise<string> {
  const name = `diag-bench-${randomBytes(3).toString('hex')}`;
  await cluster().core.createNamespace({
    body: { metadata: { name, labels: { 'testbed.job-x.dev/bench': 'diagnose' } } },
  });
  for (let i = 0; i < 100; i++) {
    const ok = await cluster()
      .core.readNamespacedServiceAccount({ name: 'default', namespace: name })
      .then(
        () => true,
        () => false,
      );
    if (ok) return name;
    await sleep(100);
  }
  throw new BenchError(`ServiceAccount default never appeared in ${name}`);
}

type Outcome = ReturnType<typeof outcomeOf>;
type Json = Record<string, unknown>;

/** A pod status of each outcome as the node simulator writes it (the recorded fixtures), times set to `now`. */
function statusTemplates(container: string, now: string): Record<Outcome, Json> {
  const fixture = (scenario: string, pick: (pod: { status?: Json }) => boolean): Json => {
    const pods = JSON.parse(
      readFileSync(join(ROOT, 'test', 'fixtures', 'snapshots', scenario, 'pods.json'), 'utf8'),
    ) as { status?: Json }[];
    const status = pods.find(pick)?.status;
    if (!status) throw new BenchError(`fixture ${scenario} has no pod to copy a status from`);
    const text = JSON.stringify(status).replace(/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"/g, JSON.stringify(now));
    const copy = JSON.parse(text) as { containerStatuses?: { name: string }[] } & Json;
    for (const c of copy.containerStatuses ?? []) c.name = container;
    return copy;
  };
  const waiting = (reason: string) => (pod: { status?: Json }) =>
    JSON.stringify(pod.status).includes(`"reason":"${reason}"`);
  return {
    succeed: fixture('complete', () => true),
    'exit=1': fixture('backoff-limit-exceeded', () => true),
    oom: fixture('oom-backoff-limit-exceeded', () => true),
    evict: fixture('evicted-ignored', (pod) => pod.status?.reason === 'Evicted'),
    'image-pull-error': fixture('image-pull-error', waiting('ImagePullBackOff')),
  };
}

/** The Events a kubelet and scheduler leave for a pod of this outcome. */
function podEvents(pod: V1Pod, outcome: Outcome, now: string): Json[] {
  const ref = {
    apiVersion: 'v1',
    kind: 'Pod',
    name: pod.metadata!.name,
    namespace: pod.metadata!.namespace,
    uid: pod.metadata!.uid,
  };
  const container = `spec.containers{${pod.spec!.containers[0]!.name}}`;
  const event = (
    reason: string,
    message: string,
    type = 'Normal',
    component = 'kubelet',
    fieldPath?: string,
  ): Json => ({
    metadata: { name: `${pod.metadata!.name}.${randomBytes(8).toString('hex')}`, namespace: pod.metadata!.namespace },
    involvedObject: { ...ref, ...(fieldPath ? { fieldPath } : {}) },
    reason,
    message,
    type,
    source: { component, ...(component === 'kubelet' ? { host: 'testbed-node-1' } : {}) },
    reportingComponent: component,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  });
  const image = pod.spec!.containers[0]!.image;
  const events = [
    event(
      'Scheduled',
      `Successfully assigned ${ref.namespace}/${ref.name} to testbed-node-1`,
      'Normal',
      'default-scheduler',
    ),
    event('Pulling', `Pulling image "${image}"`, 'Normal', 'kubelet', container),
  ];
  if (outcome === 'image-pull-error') {
    events.push(
      event(
        'Failed',
        `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`,
        'Warning',
        'kubelet',
        container,
      ),
    );
    events.push(event('BackOff', `Back-off pulling image "${image}"`, 'Normal', 'kubelet', container));
    events.push(event('Failed', 'Error: ImagePullBackOff', 'Warning', 'kubelet', container));
    return events;
  }
  events.push(
    event('Pulled', `Successfully pulled image "${image}"`, 'Normal', 'kubelet', container),
    event('Created', 'Container created', 'Normal', 'kubelet', container),
    event('Started', 'Container started', 'Normal', 'kubelet', container),
  );
  if (outcome === 'evict') {
    events.push(
      event('Evicted', 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi.', 'Warning'),
      event('Killing', `Stopping container ${pod.spec!.containers[0]!.name}`, 'Normal', 'kubelet', container),
    );
  }
  return events;
}

/**
 * The traces of pods already gone (one per hundred pods): evicted, then deleted by the pod garbage
 * collector, with only their Events left (Scheduled, and the kubelet's Warning). diagnose names
 * them under evidenceGone from the Warning Events alone (their "Created pod" Events were
 * aggregated away), so a fetch that left pod Warning Events out would change the answer, and the
 * same-answer check (same-diagnosis.ts) would see it.
 */
function gonePodEvents(namespace: string, container: V1Container, now: string): Json[] {
  const events: Json[] = [];
  for (let i = 0; i < Math.ceil(PODS / 100); i++) {
    const suffix = Array.from(randomBytes(5), (b) => 'bcdfghjklmnpqrstvwxz2456789'[b % 27]).join('');
    const pod = {
      metadata: { name: `${JOB}-${suffix}`, namespace, uid: randomUUID() },
      spec: { containers: [container] },
    } as V1Pod;
    events.push(...podEvents(pod, 'evict', now).filter((e) => e.reason === 'Scheduled' || e.type === 'Warning'));
  }
  return events;
}

/**
 * The Job (managedBy another controller, so the built-in one leaves it alone) and its pods, their
 * statuses and Events, written here. The pods use a scheduler nobody runs, so the node simulator
 * (shared by everyone using the testbed) never sees them: driving 5,000 pods at once overwhelms it.
 */
async function setUp(namespace: string): Promise<V1Job> {
  const template = withSpec(loadJob('pi'), {
    completions: PODS,
    parallelism: PODS,
    backoffLimit: PODS,
    managedBy: 'example.com/job-x-bench',
    template: { spec: { schedulerName: 'job-x-bench' } },
  });
  template.metadata = { name: JOB };
  const job = await cluster().batch.createNamespacedJob({ namespace, body: template });
  const uid = job.metadata!.uid!;
  const podTemplate = job.spec!.template;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const statuses = statusTemplates(podTemplate.spec!.containers[0]!.name, now);
  const started = Date.now();
  let created = 0;
  const events: Json[] = [];
  await pool(
    Array.from({ length: PODS }, (_, i) => i),
    16,
    async (i) => {
      const outcome = outcomeOf(i);
      const pod = await cluster().core.createNamespacedPod({
        namespace,
        body: {
          metadata: {
            generateName: `${JOB}-`,
            labels: { ...podTemplate.metadata?.labels },
            annotations: { ...podTemplate.metadata?.annotations },
            ownerReferences: [
              { apiVersion: 'batch/v1', kind: 'Job', name: JOB, uid, controller: true, blockOwnerDeletion: true },
            ],
          },
          spec: podTemplate.spec!,
        },
      });
      await cluster().core.replaceNamespacedPodStatus({
        name: pod.metadata!.name!,
        namespace,
        body: { ...pod, status: statuses[outcome] as V1Pod['status'] },
      });
      events.push(...podEvents(pod, outcome, now));
      if (++created % 1000 === 0) log(`  created ${created} pods (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    },
  );
  events.push(...gonePodEvents(namespace, podTemplate.spec!.containers[0]!, now));
  const jobRef = { apiVersion: 'batch/v1', kind: 'Job', name: JOB, namespace, uid };
  for (let i = 0; i < 11; i++) {
    // The controller's recorder aggregates: ten SuccessfulCreate Events, then one combined.
    events.push({
      metadata: { name: `${JOB}.${randomBytes(8).toString('hex')}`, namespace },
      involvedObject: jobRef,
      reason: 'SuccessfulCreate',
      message: `${i === 10 ? '(combined from similar events): ' : ''}Created pod: ${JOB}-${randomBytes(3).toString('hex').slice(0, 5)}`,
      type: 'Normal',
      source: { component: 'job-controller' },
      reportingComponent: 'job-controller',
      firstTimestamp: now,
      lastTimestamp: now,
      count: i === 10 ? PODS - 10 : 1,
    });
  }
  let written = 0;
  await pool(events, 16, async (body) => {
    await cluster().core.createNamespacedEvent({ namespace, body: body as never });
    if (++written % 5000 === 0)
      log(`  wrote ${written} of ${events.length} events (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  });
  return job;
}

interface Census {
  succeeded: number;
  failed: number;
  pending: number;
  running: number;
}

async function census(namespace: string, uid: string): Promise<Census> {
  const counts: Census = { succeeded: 0, failed: 0, pending: 0, running: 0 };
  let token: string | undefined;
  do {
    const page = await cluster().core.listNamespacedPod({
      namespace,
      labelSelector: `batch.kubernetes.io/controller-uid=${uid}`,
      limit: 1000,
      _continue: token,
    });
    for (const pod of page.items) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded') counts.succeeded++;
      else if (phase === 'Failed') counts.failed++;
      else if (phase === 'Running') counts.running++;
      else counts.pending++;
    }
    token = page.metadata?._continue;
  } while (token);
  return counts;
}

/** Writes the status the Job controller would have counted (with managedBy, the built-in one never does). */
async function writeStatus(namespace: string, job: V1Job, counts: Census): Promise<void> {
  const status = {
    startTime: job.metadata!.creationTimestamp,
    active: counts.pending,
    ready: 0,
    succeeded: counts.succeeded,
    failed: counts.failed,
    terminating: 0,
  };
  await new Promise<void>((ok, fail) =>
    execFile(
      kubectlPath(),
      [
        '--kubeconfig',
        KUBECONFIG,
        'patch',
        'job',
        JOB,
        '-n',
        namespace,
        '--subresource=status',
        '--type=merge',
        '-p',
        JSON.stringify({ status }),
      ],
      (error, _out, stderr) => (error ? fail(new BenchError(`cannot write the Job's status: ${stderr}`)) : ok()),
    ),
  );
}

type Run = TimedRun;
const timed = (command: string, args: string[], env?: NodeJS.ProcessEnv) =>
  timedRun('bench-diagnose', command, args, env);

async function main(): Promise<void> {
  const kubectl = kubectlPath();
  let namespace = argv.namespace;
  let job: V1Job;
  if (namespace) {
    job = await cluster().batch.readNamespacedJob({ name: JOB, namespace });
    log(`reusing namespace ${namespace}`);
  } else {
    namespace = await createNamespace();
    log(`namespace ${namespace}: creating Job ${JOB} and ${PODS} pods`);
    job = await setUp(namespace);
  }
  try {
    const counts = await census(namespace, job.metadata!.uid!);
    if (counts.succeeded + counts.failed + counts.pending !== PODS)
      throw new BenchError(`expected ${PODS} pods, found ${JSON.stringify(counts)}`);
    await writeStatus(namespace, job, counts);

    const jobxArgs = [BIN, 'diagnose', JOB, '-n', namespace, '-o', 'json', '--kubeconfig', KUBECONFIG];
    const describeArgs = ['--kubeconfig', KUBECONFIG, 'describe', 'job', JOB, '-n', namespace];
    // What kubectl needs on top of describe to show what diagnose shows per attempt (exit codes,
    // reasons): the pods themselves. Informational, not a target.
    const getPodsArgs = [
      '--kubeconfig',
      KUBECONFIG,
      'get',
      'pods',
      '-n',
      namespace,
      '-l',
      `batch.kubernetes.io/controller-uid=${job.metadata!.uid}`,
      '-o',
      'json',
    ];
    const env = { ...process.env, JOBX_KUBE_TRACE: '' };

    // Sanity, and the request counts.
    const work = join(tmpdir(), `bench-diagnose-check-${process.pid}`);
    mkdirSync(work, { recursive: true });
    const saved = join(work, 'live-snapshot.json');
    const traced = await timed(process.execPath, [...jobxArgs, '--save', saved], { ...env, JOBX_KUBE_TRACE: '1' });
    if (traced.code !== 0) throw new BenchError(`job-x diagnose exited ${traced.code}:\n${traced.stderr}`);
    const jobxRequests = traced.stderr
      .split('\n')
      .filter((l) => l.startsWith('job-x: GET '))
      .map((l) => l.slice('job-x: '.length));
    const liveOutput = readFileSync(traced.outFile, 'utf8');
    const output = JSON.parse(liveOutput) as {
      attempts: unknown[];
      state: string;
      reason: string | null;
    };
    if (output.attempts.length !== PODS)
      throw new BenchError(`diagnose saw ${output.attempts.length} attempts, not ${PODS}`);
    const same = await checkSameDiagnosis({
      kubectl,
      kubeconfig: KUBECONFIG,
      node: process.execPath,
      bin: BIN,
      namespace,
      job: JOB,
      liveOutput,
      savedSnapshot: saved,
      referenceFile: join(work, 'reference-snapshot.json'),
    });
    if (!same.same)
      throw new BenchError(
        `the live diagnosis differs from the one of the reference snapshot (${same.pods} pods, ${same.eventsKept} of ${same.eventsListed} Events): ${same.difference}`,
      );
    log(
      `same diagnosis as the reference snapshot (${same.pods} pods, ${same.eventsKept} of the namespace's ${same.eventsListed} Events): yes`,
    );
    const verbose = await timed(kubectl, ['-v=6', ...describeArgs]);
    if (verbose.code !== 0) throw new BenchError(`kubectl describe exited ${verbose.code}:\n${verbose.stderr}`);
    const kubectlRequests = verbose.stderr
      .split('\n')
      .filter((l) => /"Response" verb="GET"|\bGET https?:\/\//.test(l)).length;

    // Warm-up (compile cache, discovery cache), then timed rounds alternating the order.
    await timed(process.execPath, jobxArgs, env);
    await timed(kubectl, describeArgs);
    const runs: Record<'jobx' | 'describe' | 'getPods' | 'bare', Run[]> = {
      jobx: [],
      describe: [],
      getPods: [],
      bare: [],
    };
    const bareRun = async (): Promise<Run> => {
      const { wallMs } = await replayBare(cluster().kubeConfig, jobxRequests);
      return { wallMs, maxRssKiB: 0, code: 0, stdoutBytes: 0, stderr: '', outFile: '' };
    };
    const commands = {
      jobx: () => timed(process.execPath, jobxArgs, env),
      describe: () => timed(kubectl, describeArgs),
      getPods: () => timed(kubectl, getPodsArgs),
      bare: bareRun,
    };
    for (let rep = 0; rep < REPS; rep++) {
      const order = (['jobx', 'describe', 'getPods', 'bare'] as const).map((_, i, all) => all[(i + rep) % all.length]!);
      for (const which of order) {
        const run = await commands[which]();
        if (run.code !== 0) throw new BenchError(`${which} exited ${run.code}:\n${run.stderr}`);
        runs[which].push(run);
      }
    }
    const { jobx, describe, getPods, bare } = runs;
    const bareMs = median(bare.map((r) => r.wallMs));
    const jobxMs = median(jobx.map((r) => r.wallMs));
    const describeMs = median(describe.map((r) => r.wallMs));
    const jobxRss = Math.max(...jobx.map((r) => r.maxRssKiB)) / 1024;
    const describeRss = Math.max(...describe.map((r) => r.maxRssKiB)) / 1024;
    const getPodsMs = median(getPods.map((r) => r.wallMs));
    const getPodsRss = Math.max(...getPods.map((r) => r.maxRssKiB)) / 1024;
    const lists = jobxRequests.filter((r) => /[?&]limit=/.test(r));
    // One list call = one path and query without its continue token (each page is a request).
    const listCalls = new Set(lists.map((r) => r.split(' ')[1]!.replace(/&continue=[^&]*/, ''))).size;

    log('');
    log(
      `Job ${namespace}/${JOB}: ${PODS} pods (${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.pending} pending); diagnosis: ${output.state} ${output.reason ?? ''}`,
    );
    log(`median of ${REPS} (spawn to exit)        wall      peak RSS   API requests`);
    log(
      `job-x diagnose -o json             ${jobxMs.toFixed(0).padStart(6)} ms  ${jobxRss.toFixed(0).padStart(6)} MiB  ${jobxRequests.length} (${listCalls} lists in ${lists.length} pages)`,
    );
    log(
      `kubectl describe job               ${describeMs.toFixed(0).padStart(6)} ms  ${describeRss.toFixed(0).padStart(6)} MiB  ${kubectlRequests}`,
    );
    log(
      `kubectl get pods -o json (informational) ${getPodsMs.toFixed(0).padStart(6)} ms  ${getPodsRss.toFixed(0).padStart(6)} MiB`,
    );
    log(
      `diagnose's requests replayed bare (nothing parsed) ${bareMs.toFixed(0).padStart(6)} ms  (the API server's serving time)`,
    );
    log(
      `ratio job-x / describe: ${(jobxMs / describeMs).toFixed(2)} (floor, bare requests / describe: ${(bareMs / describeMs).toFixed(2)}); job-x / (describe + get pods): ${(jobxMs / (describeMs + getPodsMs)).toFixed(2)}`,
    );
    log(
      `load average (1, 5, 15 min): ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} on ${availableParallelism()} cores`,
    );
    log('job-x requests:');
    for (const r of jobxRequests) log(`  ${r}`);
    const met = { speed: jobxMs <= SPEED_TARGET * describeMs, rss: jobxRss < RSS_TARGET_MIB, lists: listCalls <= 3 };
    log(`speed (at most ${SPEED_TARGET}x describe): ${met.speed ? 'TARGET MET' : 'TARGET NOT MET'}`);
    log(`peak RSS under ${RSS_TARGET_MIB} MiB: ${met.rss ? 'TARGET MET' : 'TARGET NOT MET'}`);
    log(
      `list calls independent of the pod count (3: pods, Job events, pod Warning events): ${met.lists ? 'TARGET MET' : 'TARGET NOT MET'}`,
    );

    writeRawFigures('bench-diagnose', {
      date: new Date().toISOString(),
      pods: PODS,
      reps: REPS,
      counts,
      jobx: { medianMs: jobxMs, peakRssMiB: jobxRss, runsMs: jobx.map((r) => r.wallMs), requests: jobxRequests },
      describe: {
        medianMs: describeMs,
        peakRssMiB: describeRss,
        runsMs: describe.map((r) => r.wallMs),
        requests: kubectlRequests,
      },
      getPods: { medianMs: getPodsMs, peakRssMiB: getPodsRss, runsMs: getPods.map((r) => r.wallMs) },
      bare: { medianMs: bareMs, runsMs: bare.map((r) => r.wallMs) },
      sameDiagnosis: same,
      loadAverage: loadavg(),
      ratio: jobxMs / describeMs,
      met,
    });
  } finally {
    await leaveNamespace(namespace, argv.keep === true, log);
  }
}

runBench('bench-diagnose', main);
