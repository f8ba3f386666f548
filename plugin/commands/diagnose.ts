import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { ColorMode } from '../format/index.ts';
import type { KubeFlags } from '../kube/index.ts';

// Only types and constants at the top: program.ts imports DIAGNOSE_FORMATS from here, and
// `--help` must not load the cluster client or the analysis.

export const DIAGNOSE_FORMATS = ['text', 'json', 'yaml'] as const;
export type DiagnoseFormat = (typeof DIAGNOSE_FORMATS)[number];

export interface DiagnoseOptions {
  /** NAME, job/NAME or cronjob/NAME. */
  readonly reference: string;
  readonly output: DiagnoseFormat;
  readonly color: ColorMode;
  readonly kube: KubeFlags;
}

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface DiagnoseIo {
  readonly stdout: Stream;
  readonly stderr: Stream;
  readonly env: NodeJS.ProcessEnv;
  /** Whether an exec credential plugin may prompt on standard input. */
  readonly stdinIsTTY: boolean;
}

/** Say what is being fetched only when it takes this long, and only on a terminal. */
const PROGRESS_AFTER_MS = 1000;
/** Narrower terminals still get lines this long (wrapping at 30 columns helps nobody). */
const MIN_WIDTH = 60;

/**
 * `kubectl job-x diagnose NAME`: fetches one snapshot of the Job (its pods, their Events, the log
 * tail of the last failure), diagnoses it and prints the diagnosis. The exit code says whether the
 * diagnosis ran, not what it found: 0 for a failed Job too (the answer is in the output; scripts
 * read `-o json` .state), 1 when the Job is not there, 2 for usage, configuration or cluster errors.
 */
export async function diagnoseCommand(options: DiagnoseOptions, io: DiagnoseIo): Promise<DiagnoseOutput> {
  const [{ parseJobReference, resolveJob }, { createKubeClient }, { fetchJobSnapshot }, { diagnose }] =
    await Promise.all([
      import('../kube/fetch-job.ts'),
      import('../kube/client.ts'),
      import('../kube/fetch-snapshot.ts'),
      import('../diagnose/diagnose.ts'),
    ]);
  // A malformed reference is a usage error, whatever the kubeconfig says.
  const reference = parseJobReference(options.reference);
  const client = await createKubeClient(options.kube, {
    env: io.env,
    stdinIsTTY: io.stdinIsTTY,
    trace: io.env.JOBX_KUBE_TRACE ? (line) => io.stderr.write(`job-x: ${line}\n`) : undefined,
  });
  const progress = startProgress(
    io.stderr,
    `fetching ${reference.kind.toLowerCase()}/${reference.name}, its pods and events...`,
  );
  let output: DiagnoseOutput;
  try {
    const resolved = await resolveJob(client, reference, { allNamespaces: options.kube.allNamespaces });
    const warnings: string[] = [];
    const snapshot = await fetchJobSnapshot(client, resolved, { onWarning: (message) => warnings.push(message) });
    progress.stop();
    for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
    if (resolved.cronJob && options.output === 'text') {
      io.stderr.write(
        `note: cronjob/${resolved.cronJob.name} → its most recent Job, job/${resolved.job.metadata.name}\n`,
      );
    }
    output = diagnose(snapshot);
  } finally {
    progress.stop();
    client.close();
  }
  io.stdout.write(await render(output, options, io));
  return output;
}

/** A one-line status on stderr, written only if the fetch is slow and stderr is a terminal; erased after. */
function startProgress(stderr: Stream, text: string): { stop(): void } {
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

async function render(output: DiagnoseOutput, options: DiagnoseOptions, io: DiagnoseIo): Promise<string> {
  switch (options.output) {
    case 'json':
    case 'yaml':
      return (await import('../format/format-structured.ts')).formatStructured(output, options.output);
    case 'text': {
      const [{ formatDiagnosisText }, { colorsEnabled }] = await Promise.all([
        import('../format/format-diagnosis-text.ts'),
        import('../format/colors.ts'),
      ]);
      const isTty = io.stdout.isTTY === true;
      // Wrapped to the terminal; piped output is not wrapped (like kubectl), so grep sees whole lines.
      const width = isTty && io.stdout.columns ? Math.max(io.stdout.columns, MIN_WIDTH) : undefined;
      return formatDiagnosisText(output, { color: colorsEnabled(options.color, isTty, io.env), width });
    }
  }
}
