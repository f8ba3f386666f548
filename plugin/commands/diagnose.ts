import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { ColorMode } from '../format/index.ts';
import type { KubeFlags } from '../kube/index.ts';
import type { CommandContext, OutputStream } from '../command-context.ts';

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

/** Say what is being fetched only when it takes this long, and only on a terminal. */
const PROGRESS_AFTER_MS = 1000;
/** Wrapped to the terminal, at least this wide; piped output is not wrapped (like kubectl), so grep sees whole lines. */
const WIDTH = { min: 60 } as const;

/**
 * `kubectl job-x diagnose NAME`: fetches one snapshot of the Job (its pods, their Events, the log
 * tail of the last failure), diagnoses it and prints the diagnosis. The exit code says whether the
 * diagnosis ran, not what it found: 0 for a failed Job too (the answer is in the output; scripts
 * read `-o json` .state), 1 when the Job is not there, 2 for usage, configuration or cluster errors.
 */
export async function diagnoseCommand(options: DiagnoseOptions, io: CommandContext): Promise<DiagnoseOutput> {
  const [{ parseJobReference, resolveJob }, { fetchJobSnapshot }, { diagnose }] = await Promise.all([
    import('../kube/fetch-job.ts'),
    import('../kube/fetch-snapshot.ts'),
    import('../diagnose/diagnose.ts'),
  ]);
  // A malformed reference is a usage error, whatever the kubeconfig says.
  const reference = parseJobReference(options.reference);
  const client = await io.kubeClient(options.kube);
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

async function render(output: DiagnoseOutput, options: DiagnoseOptions, io: CommandContext): Promise<string> {
  switch (options.output) {
    case 'json':
    case 'yaml':
      return (await import('../format/format-structured.ts')).formatStructured(output, options.output);
    case 'text': {
      const { formatDiagnosisText } = await import('../format/format-diagnosis-text.ts');
      return formatDiagnosisText(output, { color: io.color(options.color), width: io.width(WIDTH) });
    }
  }
}
