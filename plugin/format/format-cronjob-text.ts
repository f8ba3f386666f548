import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';

type CronJobBlock = NonNullable<DiagnoseOutput['cronjob']>;
import { toMillis } from '../../kubernetes/index.ts';
import { escapeText } from '../escape-text.ts';
import { renderTable } from './text-table.ts';
import { ago } from './time-ago.ts';

/** The CronJob part of `diagnose cronjob/NAME`, printed before its latest Job's diagnosis. */
export function formatCronJobText(block: CronJobBlock, now: string): string {
  const at = toMillis(now) ?? Date.now();
  const when = (time: string | null) => (time === null ? 'never' : `${time} (${ago(time, at)})`);
  const lines = [
    `CronJob ${escapeText(block.name)}: "${escapeText(block.schedule ?? '?')}" in ${escapeText(block.timeZone ?? 'UTC (the controller’s zone)')}, concurrencyPolicy ${block.concurrencyPolicy ?? 'Allow'}${block.suspended ? ', SUSPENDED' : ''}`,
    `  last scheduled: ${when(block.lastScheduleTime)}; last successful: ${when(block.lastSuccessfulTime)}`,
    `  next runs: ${block.nextRuns.length > 0 ? block.nextRuns.join(', ') : block.suspended ? 'none while suspended' : 'none'}`,
    `  active: ${block.active.length > 0 ? block.active.map(escapeText).join(', ') : 'none'}`,
  ];
  if (block.missedRuns.length > 0) {
    lines.push('  missed runs:');
    lines.push(
      ...renderTable(
        null,
        block.missedRuns.map((m) => [m.time, m.why, m.message]),
        { indent: '    ' },
      ),
    );
  }
  lines.push(
    `  history (keeps ${block.historyLimits.successful} succeeded, ${block.historyLimits.failed} failed${block.ttlSecondsAfterFinished !== null ? `; TTL ${block.ttlSecondsAfterFinished} s` : ''}):`,
  );
  if (block.history.length === 0) lines.push(block.lastScheduleTime === null ? '    no Job yet' : '    no Job left');
  else
    lines.push(
      ...renderTable(
        ['job', 'state', 'reason', 'finished'],
        block.history.map((h) => [h.job, h.state, h.reason ?? '-', h.finished ?? '-']),
        { indent: '    ' },
      ),
    );
  lines.push(`  events:${block.events.length === 0 ? ' none' : ''}`);
  if (block.events.length > 0)
    lines.push(
      ...renderTable(
        ['last seen', 'type', 'reason', 'message'],
        block.events.map((e) => [
          e.time === null ? '-' : `${ago(e.time, at)}${e.count > 1 ? ` (x${e.count})` : ''}`,
          e.type ?? '-',
          e.reason ?? '-',
          e.message ?? '-',
        ]),
        { indent: '    ' },
      ),
    );
  for (const note of block.notes) lines.push(`  note: ${escapeText(note)}`);
  return `${lines.join('\n')}\n`;
}

/** `diagnose cronjob/NAME` of a CronJob without a Job: its view, then why there is no Job. */
export function formatCronJobWithoutJobText(output: { now: string; verdict: string; cronjob: CronJobBlock }): string {
  return `${formatCronJobText(output.cronjob, output.now)}\n${escapeText(output.verdict)}\n`;
}
