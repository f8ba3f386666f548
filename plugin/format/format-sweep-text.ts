import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import { toMillis } from '../../kubernetes/index.ts';
import type { Colors } from './colors.ts';
import { plural } from './plural.ts';
import { renderTable, type Cell } from './text-table.ts';
import { ago } from './time-ago.ts';

/**
 * The sweep's text: one kubectl-style row per Job (namespace, name, state, reason, the one-line
 * cause: its verdict without the state it starts with, and age), the cause cut to fit the
 * terminal; then how to see one in full.
 */
export function formatSweepText(
  outputs: readonly DiagnoseOutput[],
  listed: number,
  colors: Colors,
  width: number | undefined,
): string {
  if (outputs.length === 0)
    return `${colors.green('✔')} no Job failed, failing or stuck (${plural(listed, 'Job')} looked at)\n`;
  const paint = (state: string) => (state === 'Failed' || state === 'Stuck' ? colors.red : colors.yellow);
  const rows = outputs.map((o): Cell[] => [
    o.job.namespace,
    o.job.name,
    { text: o.state, paint: paint(o.state) },
    o.reason ?? '-',
    o.job.createdAt ? ago(o.job.createdAt, toMillis(o.now) ?? Date.now()).replace(/ ago$/, '') : '-',
    causeOf(o),
  ]);
  const table = renderTable(['namespace', 'name', 'state', 'reason', 'age', 'cause'], rows, { width, shrink: 5 });
  const first = outputs[0]!.job;
  return `${table.join('\n')}\n\n${colors.dim(`${plural(outputs.length, 'Job')} of ${listed} · in full: kubectl job-x diagnose ${first.name} -n ${first.namespace}`)}\n`;
}

/** The verdict says `State: cause`; the table has a column for the state. */
function causeOf(output: DiagnoseOutput): string {
  const prefix = `${output.state}: `;
  return output.verdict.startsWith(prefix) ? output.verdict.slice(prefix.length) : output.verdict;
}
