import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { CommandContext, OutputStream } from '../command-context.ts';
import type { CronJobWithoutJob } from '../diagnose/index.ts';
import type { CronJobSnapshot, JobSnapshot } from '../job-snapshot.ts';
import type { ResolvedJob } from '../kube/index.ts';
import { UsageError } from '../../edge/index.ts';

// Only types and constants at the top: program.ts imports DIAGNOSE_FORMATS from here, and
// `--help` must not load the cluster client or the analysis.

export {
  DIAGNOSE_FORMATS,
  type DiagnoseFlagValues,
  type DiagnoseFormat,
  type DiagnoseOptions,
} from './diagnose-options.ts';
import type { DiagnoseOptions } from './diagnose-options.ts';

/** Say what is being fetched only when it takes this long, and only on a terminal. */
const PROGRESS_AFTER_MS = 1000;
/** Wrapped to the terminal, at least this wide; piped output is not wrapped (like kubectl), so grep sees whole lines. */
const WIDTH = { min: 60 } as const;

/**
 * `kubectl job-x diagnose NAME | -f FILE`: fetches one snapshot of the Job (its pods, their Events,
 * the log tail of the last failure, or of the last N with --logs N), or reads a saved one,
 * diagnoses it and prints the diagnosis (or, with --recreate-manifest, only the manifest to run it again).
 * The exit code says whether the diagnosis ran, not what it found: 0 for a failed Job too (the
 * answer is in the output; scripts read `-o json` .state), 0 for a CronJob without a Job too
 * (the CronJob view says why), 1 when the Job or CronJob is not there, 2 for usage,
 * configuration, snapshot-file or cluster errors.
 */
export async function diagnoseCommand(
  options: DiagnoseOptions,
  io: CommandContext,
): Promise<DiagnoseOutput | DiagnoseOutput[] | CronJobWithoutJob> {
  if (isSweep(options)) {
    // The sweep reads no logs: four list calls whatever the number of Jobs.
    if (options.logs !== undefined)
      throw new UsageError('--logs N reads the logs of one Job: give its NAME (the sweep fetches no logs)');
    if (options.recreateManifest)
      throw new UsageError(
        '--recreate-manifest re-creates one Job: give its NAME (-o json of the sweep has each recreate)',
      );
    return (await import('./diagnose-sweep.ts')).diagnoseSweep(options, io);
  }
  if (options.state !== undefined)
    throw new UsageError('--state chooses the Jobs of a sweep: use it with -n NAMESPACE or -A, without a NAME');
  const { checkLogsOption } = await import('./diagnose-logs.ts');
  checkLogsOption(options.logs);
  const [{ diagnose }, { escapeText }] = await Promise.all([
    import('../diagnose/diagnose.ts'),
    import('../format/index.ts'),
  ]);
  // Notes and warnings quote names, files and the cluster's words: escaped like every text output.
  const say = (kind: 'note' | 'warning', message: string) => io.stderr.write(`${kind}: ${escapeText(message)}\n`);
  const fetched =
    options.filename !== undefined
      ? await readSnapshot(options, options.filename, io, say)
      : await fetchSnapshot(options, io, say);
  const output =
    fetched.cronJob === null
      ? diagnose(fetched.snapshot)
      : (await import('../diagnose/cronjob/diagnose-cronjob-reference.ts')).diagnoseCronJobReference(
          fetched.cronJob,
          fetched.snapshot,
          options.history,
        );
  if (output.job === null && options.recreateManifest)
    throw new UsageError(
      `--recreate-manifest re-creates a Job, and cronjob/${output.cronjob.name} has none: start one with kubectl create job --from=cronjob/${output.cronjob.name}`,
    );
  if (output.job !== null && (options.filename !== undefined || options.recreateManifest)) {
    const recreate = await import('./diagnose-recreate.ts');
    if (options.filename !== undefined) recreate.recreateCommandForFile(output, options.filename);
    if (options.recreateManifest) {
      io.stdout.write(await recreate.recreateManifestText(output, options, say));
      return output;
    }
  }
  io.stdout.write(await render(output, options, io));
  return output;
}

/** No NAME and no file, but a namespace given (-n) or every namespace (-A): the sweep. */
function isSweep(options: DiagnoseOptions): boolean {
  return (
    options.reference === undefined &&
    options.filename === undefined &&
    (options.kube.allNamespaces === true || options.kube.namespace !== undefined)
  );
}

type Say = (kind: 'note' | 'warning', message: string) => void;

/** What is diagnosed: a Job's snapshot; for cronjob/NAME also the CronJob, whose latest Job may be none. */
type Fetched = { snapshot: JobSnapshot; cronJob: null } | { snapshot: JobSnapshot | null; cronJob: CronJobSnapshot };

/** `-f FILE`: a saved snapshot or a kubectl List, diagnosed offline (no kubeconfig needed). */
async function readSnapshot(options: DiagnoseOptions, file: string, io: CommandContext, say: Say): Promise<Fetched> {
  if (options.save !== undefined)
    throw new UsageError('--save writes what is fetched from the cluster: it does not go with -f');
  const [{ parseJobReference }, { readSnapshotFile }, { toRfc3339 }] = await Promise.all([
    import('../kube/fetch-job.ts'),
    import('../kube/read-snapshot-file.ts'),
    import('../../kubernetes/index.ts'),
  ]);
  const reference = options.reference === undefined ? undefined : parseJobReference(options.reference);
  const reading = await readSnapshotFile(file, {
    name: reference?.name,
    kind: reference?.kind,
    now: toRfc3339(Date.now()),
    stdin: io.stdin,
  });
  for (const note of reading.notes) say('note', note);
  // --logs N: the file's own log tails, at most N.
  const { keepLogTails } = await import('./diagnose-logs.ts');
  return reading.cronJob === null
    ? { snapshot: keepLogTails(reading.snapshot, options.logs), cronJob: null }
    : { snapshot: reading.snapshot && keepLogTails(reading.snapshot, options.logs), cronJob: reading.cronJob };
}

/** NAME: one snapshot fetched from the cluster (and written to --save FILE when asked). */
async function fetchSnapshot(options: DiagnoseOptions, io: CommandContext, say: Say): Promise<Fetched> {
  if (options.reference === undefined)
    throw new UsageError(
      'nothing to diagnose: give the NAME of a Job (job/NAME, cronjob/NAME) in the cluster, -f FILE for a saved snapshot, or -n NAMESPACE / -A for every failed, failing or stuck Job',
    );
  const [{ parseJobReference }, { fetchJobSnapshot }] = await Promise.all([
    import('../kube/fetch-job.ts'),
    import('../kube/fetch-snapshot.ts'),
  ]);
  // A malformed reference is a usage error, whatever the kubeconfig says.
  const reference = parseJobReference(options.reference);
  const client = await io.kubeClient(options.kube);
  const progress = startProgress(
    io.stderr,
    `fetching ${reference.kind.toLowerCase()}/${reference.name}, its pods and events...`,
  );
  let fetched: Fetched;
  try {
    const resolved = await resolveReference(client, reference, options);
    const warnings: string[] = [];
    const snapshotOf = (job: ResolvedJob) =>
      fetchJobSnapshot(client, job, { logTails: options.logs, onWarning: (message) => warnings.push(message) });
    fetched =
      resolved.cronJob === null
        ? { snapshot: await snapshotOf(resolved.latest), cronJob: null }
        : { snapshot: resolved.latest && (await snapshotOf(resolved.latest)), cronJob: resolved.cronJob };
    progress.stop();
    for (const warning of warnings) say('warning', warning);
    if (fetched.cronJob && fetched.snapshot && options.output === 'text')
      say('note', `cronjob/${reference.name} → its most recent Job, job/${fetched.snapshot.job.metadata.name ?? '?'}`);
  } finally {
    progress.stop();
    client.close();
  }
  if (options.save !== undefined) await saveSnapshot(fetched, options.save);
  return fetched;
}

/** The Job named, or the CronJob with its Jobs and Events and its latest Job (none: null). */
async function resolveReference(
  client: Awaited<ReturnType<CommandContext['kubeClient']>>,
  reference: { kind: 'Job' | 'CronJob'; name: string },
  options: DiagnoseOptions,
) {
  const { resolveCronJob, resolveJob } = await import('../kube/fetch-job.ts');
  const where = { allNamespaces: options.kube.allNamespaces };
  if (reference.kind === 'Job') return { latest: await resolveJob(client, reference, where), cronJob: null } as const;
  const resolved = await resolveCronJob(client, reference.name, where);
  const { cronJob } = resolved;
  const now = resolved.latest?.serverDate ?? resolved.serverDate ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    latest: resolved.latest && { ...resolved.latest, cronJob },
    cronJob: { cronJob: cronJob.object, jobs: cronJob.jobs, events: cronJob.events, now },
  };
}

/** --save FILE: the Snapshot document, as YAML for a .yaml/.yml name, else JSON. */
async function saveSnapshot(fetched: Fetched, file: string): Promise<void> {
  const [{ toCronJobSnapshotDocument, toSnapshotDocument }, { formatStructured }, { writeFile }] = await Promise.all([
    import('../kube/snapshot-document.ts'),
    import('../format/format-structured.ts'),
    import('node:fs/promises'),
  ]);
  const document =
    fetched.cronJob === null
      ? toSnapshotDocument(fetched.snapshot)
      : toCronJobSnapshotDocument(fetched.cronJob, fetched.snapshot);
  const text = await formatStructured(document, /\.ya?ml$/i.test(file) ? 'yaml' : 'json');
  await writeFile(file, text).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot write the snapshot to ${file}: ${error.code ?? error.message}`);
  });
}

/** A one-line status on stderr, written only if the fetch is slow and stderr is a terminal; erased after. */
function startProgress(stderr: OutputStream, text: string): { stop(): void } {
  if (stderr.isTTY !== true) return { stop: () => undefined };
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    stderr.write(`${text}\r`);
  }, PROGRESS_AFTER_MS);
  return {
    stop() {
      clearTimeout(timer);
      if (shown) stderr.write('\u001b[2K\r');
      shown = false;
    },
  };
}

async function render(
  output: DiagnoseOutput | CronJobWithoutJob,
  options: DiagnoseOptions,
  io: CommandContext,
): Promise<string> {
  switch (options.output) {
    case 'json':
    case 'yaml':
      return (await import('../format/format-structured.ts')).formatStructured(output, options.output);
    case 'text': {
      const [{ formatDiagnosisText }, { formatCronJobText, formatCronJobWithoutJobText }] = await Promise.all([
        import('../format/format-diagnosis-text.ts'),
        import('../format/format-cronjob-text.ts'),
      ]);
      if (output.job === null) return formatCronJobWithoutJobText(output);
      const text = formatDiagnosisText(output, { color: io.color(options.color), width: io.width(WIDTH) });
      return output.cronjob ? `${formatCronJobText(output.cronjob, output.now)}\n${text}` : text;
    }
  }
}
