import { EXIT, ExitError, UsageError } from '../../edge/index.ts';
import type { ColorMode } from '../format/index.ts';
import type { KubeFlags } from '../kube/index.ts';
import type { CommandContext } from '../command-context.ts';
import type { IndexStatusOutput } from '../../schemas/generated/index-status-output.ts';

// Only types and constants at the top: program.ts imports INDEX_STATUS_FORMATS from here, and
// `--help` must not load the analysis or the cluster client.

export const INDEX_STATUS_FORMATS = ['text', 'json', 'yaml'] as const;
export type IndexStatusFormat = (typeof INDEX_STATUS_FORMATS)[number];

export interface IndexStatusOptions {
  /** NAME, job/NAME or cronjob/NAME (the CronJob's most recent Job). */
  readonly name: string;
  readonly output: IndexStatusFormat;
  /** --index: indexes to show in detail, in the API's interval form (5,7-9). */
  readonly index?: string;
  readonly color: ColorMode;
  readonly kube: KubeFlags;
}

/** Text fits the terminal (the grid and the index lists), at least 40 columns; off a terminal, 80. */
const WIDTH = { min: 40, otherwise: 80 } as const;

/**
 * `kubectl job-x index-status NAME`: where every index of an Indexed Job stands. Writes the view
 * and returns the -o json document. A NonIndexed Job is an error (exit 1, like a Job that is not
 * there): there is nothing per index to show, and an empty table would say the wrong thing.
 */
export async function indexStatus(options: IndexStatusOptions, io: CommandContext): Promise<IndexStatusOutput> {
  const [{ parseJobReference, resolveJob }, { fetchJobSnapshot }, { parseIndexSelection }, { toIndexStatus }] =
    await Promise.all([
      import('../kube/fetch-job.ts'),
      import('../kube/fetch-snapshot.ts'),
      import('../index-status/index-selection.ts'),
      import('../index-status/index-status.ts'),
    ]);
  // Malformed input is a usage error before any request: the reference, and --index's grammar
  // (whether its indexes exist is known once the Job's completions are).
  const reference = parseJobReference(options.name);
  if (options.index !== undefined) {
    const syntax = parseIndexSelection(options.index, Number.MAX_SAFE_INTEGER);
    if (!syntax.ok) throw new UsageError(syntax.error);
  }
  const client = await io.kubeClient(options.kube);
  let snapshot;
  try {
    const resolved = await resolveJob(client, reference, { allNamespaces: options.kube.allNamespaces });
    if (resolved.cronJob) {
      // The Job's name is the cluster's data: escaped like every text output.
      const { escapeText } = await import('../format/index.ts');
      io.stderr.write(
        `note: ${escapeText(`cronjob/${resolved.cronJob.name}: showing its most recent Job, ${resolved.job.metadata.name ?? '?'}`)}\n`,
      );
    }
    // Index state needs the Job and its pods only: no Events, no logs.
    snapshot = await fetchJobSnapshot(client, resolved, { events: false, logTail: false });
  } finally {
    client.close();
  }

  const result = toIndexStatus(snapshot);
  if (!result.indexed) {
    const { formatNotIndexedMessage } = await import('../format/format-index-status-text.ts');
    io.stderr.write(`error: ${formatNotIndexedMessage(result.job)}\n`);
    throw new ExitError(EXIT.findings);
  }
  const status = result.status;
  let details;
  if (options.index !== undefined) {
    const selection = parseIndexSelection(options.index, status.completions);
    if (!selection.ok) throw new UsageError(selection.error);
    const { toIndexDetails } = await import('../index-status/index-details.ts');
    details = toIndexDetails(status, selection.intervals);
  }
  const { toIndexStatusOutput } = await import('../index-status/index-status-output.ts');
  const output = toIndexStatusOutput(status, details);
  switch (options.output) {
    case 'json':
    case 'yaml':
      io.stdout.write(await (await import('../format/format-structured.ts')).formatStructured(output, options.output));
      break;
    case 'text': {
      const [{ formatIndexStatusText }, { createColors }] = await Promise.all([
        import('../format/format-index-status-text.ts'),
        import('../format/colors.ts'),
      ]);
      io.stdout.write(
        formatIndexStatusText(status, {
          colors: createColors(io.color(options.color)),
          width: io.width(WIDTH) ?? WIDTH.otherwise,
          details,
        }),
      );
      break;
    }
  }
  return output;
}
