import type { ResolvedPolicy } from '../../policy/index.ts';
import { UsageError } from '../../edge/index.ts';
import type { ColorMode } from '../format/index.ts';
import type { Explanation, ExplainOutput } from '../explain/index.ts';
import type { KubeFlags } from '../kube/index.ts';
import type { CommandContext } from '../command-context.ts';

// Only types and constants at the top: program.ts imports EXPLAIN_FORMATS from here, and `--help`
// must not load the explainer or the cluster client.

export const EXPLAIN_FORMATS = ['text', 'json', 'yaml'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

export interface ExplainOptions {
  /** NAME, job/NAME or cronjob/NAME of a live object. */
  readonly name?: string;
  /** Manifest files or directories, `-` for standard input. */
  readonly filenames: readonly string[];
  readonly output: ExplainFormat;
  readonly color: ColorMode;
  readonly policy?: string;
  readonly kube: KubeFlags;
  /** Give up on standard input, a FIFO or a device that sends nothing for this long (0: wait). */
  readonly readTimeoutMs?: number;
}

/** Text is wrapped to the terminal, within these bounds; not on a terminal, at 100 columns. */
const WIDTH = { min: 60, max: 120, otherwise: 100 } as const;

/**
 * `kubectl job-x explain NAME | -f FILE`: what a Job (or a CronJob's Jobs) will do. Writes the
 * explanation and returns it. A manifest the API server would reject is still explained (its
 * rejections come first); that is information, not a failed command, so the exit code stays 0.
 */
export async function explain(options: ExplainOptions, io: CommandContext): Promise<Explanation[]> {
  if (options.name !== undefined && options.filenames.length > 0)
    throw new UsageError('give either NAME or -f FILE, not both');
  if (options.name === undefined && options.filenames.length === 0) {
    throw new UsageError(
      'nothing to explain: give the NAME of a Job (job/NAME, cronjob/NAME) in the cluster, or -f FILE (- for standard input) for a manifest',
    );
  }
  const { loadPolicy } = await import('../../edge/policy-file.ts');
  const policy = (await loadPolicy(options.policy)).resolved;
  const explanations =
    options.name !== undefined
      ? [await explainLive(options.name, options.kube, policy, io)]
      : await explainFiles(options.filenames, policy, io, options.readTimeoutMs);
  io.stdout.write(await render(explanations, options, io));
  return explanations;
}

async function explainFiles(
  paths: readonly string[],
  policy: ResolvedPolicy,
  io: CommandContext,
  readTimeoutMs: number | undefined,
): Promise<Explanation[]> {
  const [{ expandInputs }, { readInput }, { explainManifest }, { escapeText }] = await Promise.all([
    import('../lint/sources.ts'),
    import('../lint/read-source.ts'),
    import('../explain/explain-manifest.ts'),
    import('../format/index.ts'),
  ]);
  // Notes quote file names and the manifests' kinds and names: escaped like every text output.
  const note = (text: string) => io.stderr.write(`note: ${escapeText(text)}\n`);
  const explanations: Explanation[] = [];
  const skippedNotes: string[] = [];
  const inputs = expandInputs(paths, { skipped: (path, reason) => note(`skipped ${path}: ${reason}`) });
  for (const input of inputs) {
    const source = await readInput(input, { ...io, readTimeoutMs });
    if (source.text === undefined)
      throw new UsageError(`cannot read ${source.name}: ${source.problem?.message ?? 'no text'}`);
    const result = explainManifest(source.name, source.text, policy);
    const problem = result.problems[0];
    if (problem) {
      const document = problem.document > 0 ? `document ${problem.document + 1}, ` : '';
      throw new UsageError(
        `cannot read ${source.name}: ${document}line ${problem.line}, column ${problem.column}: ${problem.message}`,
      );
    }
    explanations.push(...result.explanations);
    for (const skipped of result.skipped) {
      const what = skipped.kind
        ? `${skipped.kind}${skipped.name ? ` "${skipped.name}"` : ''}`
        : 'a document that is not a Kubernetes object';
      skippedNotes.push(
        `skipped ${what} (${source.name}, document ${skipped.document + 1}${skipped.item !== undefined ? `, item ${skipped.item + 1}` : ''}): explain reads Jobs and CronJobs only`,
      );
    }
  }
  if (explanations.length === 0) {
    throw new UsageError(
      `no Job or CronJob to explain in ${paths.map((p) => (p === '-' ? 'standard input' : p)).join(', ')}${skippedNotes.length > 0 ? ` (${skippedNotes.length} other object${skippedNotes.length === 1 ? '' : 's'} skipped)` : ''}`,
    );
  }
  for (const skipped of skippedNotes) note(skipped);
  return explanations;
}

/**
 * The live object: a Job (NAME, job/NAME) or a CronJob (cronjob/NAME: the CronJob itself, whose
 * jobTemplate is what its next Jobs will do; not its latest Job as diagnose takes it).
 */
async function explainLive(
  reference: string,
  flags: KubeFlags,
  policy: ResolvedPolicy,
  io: CommandContext,
): Promise<Explanation> {
  const [{ parseJobReference, fetchJob, fetchCronJob }, { explainLiveObject }] = await Promise.all([
    import('../kube/fetch-job.ts'),
    import('../explain/explain-live-object.ts'),
  ]);
  // Parsed first: a malformed reference is a usage error, whatever the kubeconfig says.
  const ref = parseJobReference(reference);
  const client = await io.kubeClient(flags);
  try {
    const namespace = client.namespace;
    // Both read into the Raw* shapes by the fetch (kubernetes/to-raw-objects.ts).
    const object =
      ref.kind === 'Job'
        ? await fetchJob(client, namespace, ref.name)
        : await fetchCronJob(client, namespace, ref.name);
    return explainLiveObject(object, ref.kind, policy);
  } finally {
    client.close();
  }
}

/** One Job or CronJob: its explanation; several: a List of them (as kubectl get -o json does). */
export function toExplainOutput(explanations: readonly Explanation[]): ExplainOutput {
  return explanations.length === 1 ? (explanations[0] as Explanation) : { kind: 'List', items: [...explanations] };
}

async function render(explanations: Explanation[], options: ExplainOptions, io: CommandContext): Promise<string> {
  switch (options.output) {
    case 'json':
    case 'yaml':
      return (await import('../format/format-structured.ts')).formatStructured(
        toExplainOutput(explanations),
        options.output,
      );
    case 'text': {
      const [{ formatExplainText }, { createColors }] = await Promise.all([
        import('../format/format-explain-text.ts'),
        import('../format/colors.ts'),
      ]);
      return formatExplainText(explanations, {
        colors: createColors(io.color(options.color)),
        width: io.width(WIDTH) ?? WIDTH.otherwise,
      });
    }
  }
}
