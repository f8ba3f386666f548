// index-status --index as text: one kubectl-style row per pod of the selected indexes.
import { humanDuration } from '../../kubernetes/index.ts';
import type { IndexDetail } from '../../schemas/generated/index-status-output.ts';
import type { IndexStatus } from '../index-status/index.ts';
import type { Colors } from './colors.ts';
import { stateColor } from './index-status-grid-text.ts';
import { renderTable, type Cell } from './text-table.ts';

const NONE = '<none>';

export function formatIndexDetails(details: readonly IndexDetail[], status: IndexStatus, colors: Colors): string[] {
  const perIndex = status.backoffLimitPerIndex !== null;
  const header = ['INDEX', 'STATE', 'FAILURES', 'POD', 'ATTEMPT', 'PHASE', 'EXIT', 'REASON', 'NODE', 'AGE'];
  const rows: Cell[][] = [];
  for (const detail of details) {
    const failures = `${detail.failures}${detail.ignored > 0 ? ` (+${detail.ignored} ignored)` : ''}${perIndex ? `/${status.backoffLimitPerIndex!.limit}` : ''}`;
    const lead: Cell[] = [
      String(detail.index),
      { text: detail.status, paint: stateColor(colors, detail.status) },
      failures,
    ];
    if (detail.pods.length === 0) {
      rows.push([...lead, NONE, '', '', '', '', '', '']);
      continue;
    }
    detail.pods.forEach((pod, i) => {
      rows.push([
        ...(i === 0 ? lead : ['', '', '']),
        pod.name,
        pod.attempt === null ? '-' : String(pod.attempt),
        pod.terminating ? `${pod.phase ?? '<unknown>'} (terminating)` : (pod.phase ?? '<unknown>'),
        pod.exitCode === null
          ? '-'
          : { text: String(pod.exitCode), paint: pod.exitCode === 0 ? undefined : colors.red },
        pod.reason ?? '-',
        pod.node ?? NONE,
        pod.createdAt === null ? '<unknown>' : humanAge(status.now, pod.createdAt),
      ]);
    });
  }
  const lines = renderTable(header, rows);
  if (perIndex)
    lines.push('', colors.dim('FAILURES is counted/limit: at the limit, the next counted failure fails the index'));
  return lines;
}

/** kubectl's duration.HumanDuration of now - since. */
export function humanAge(now: string, since: string): string {
  return humanDuration(Math.trunc((Date.parse(now) - Date.parse(since)) / 1000));
}
