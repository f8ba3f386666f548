import { UsageError } from '../../edge/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { CommandContext } from '../command-context.ts';
import type { DiagnoseOptions } from './diagnose-options.ts';

const WIDTH = { min: 60 } as const;

/**
 * `diagnose -n NS` / `diagnose -A` without a name: every Job that failed, is failing or is stuck
 * (or has counted failures), or those in --state, each diagnosed as `diagnose NAME` does but from
 * four list calls for the whole scope (plugin/kube/fetch-sweep.ts) and without log tails. Text: a
 * row per Job; -o json|yaml: an array of diagnose outputs. Exit 0 whatever the Jobs' states.
 */
export async function diagnoseSweep(options: DiagnoseOptions, io: CommandContext): Promise<DiagnoseOutput[]> {
  const [{ sweep, parseStates }, { fetchSweepSnapshots }, { escapeText }] = await Promise.all([
    import('../diagnose/sweep.ts'),
    import('../kube/fetch-sweep.ts'),
    import('../format/index.ts'),
  ]);
  if (options.save !== undefined) throw new UsageError('--save keeps the snapshot of one Job: give its NAME');
  let states: Exclude<ReturnType<typeof parseStates>, string> | undefined;
  if (options.state !== undefined) {
    const parsed = parseStates(options.state);
    if (typeof parsed === 'string')
      throw new UsageError(
        `--state ${JSON.stringify(parsed)}: not a state (Complete, Completing, Failed, Failing, Running, Suspended, Stuck)`,
      );
    states = parsed;
  }
  const client = await io.kubeClient(options.kube);
  let fetched;
  try {
    fetched = await fetchSweepSnapshots(client, options.kube.allNamespaces ? null : client.namespace, (message) =>
      io.stderr.write(`warning: ${escapeText(message)}\n`),
    );
  } finally {
    client.close();
  }
  const outputs = sweep(fetched.snapshots, states);
  switch (options.output) {
    case 'json':
    case 'yaml':
      io.stdout.write(await (await import('../format/format-structured.ts')).formatStructured(outputs, options.output));
      break;
    case 'text': {
      const [{ formatSweepText }, { createColors }] = await Promise.all([
        import('../format/format-sweep-text.ts'),
        import('../format/colors.ts'),
      ]);
      io.stdout.write(
        formatSweepText(outputs, fetched.jobsListed, createColors(io.color(options.color)), io.width(WIDTH)),
      );
    }
  }
  return outputs;
}
