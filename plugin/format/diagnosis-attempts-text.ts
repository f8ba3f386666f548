// The attempts of a diagnosis as a kubectl-style timeline, oldest first, long ones cut to their
// first and last pods; and the replay of the pod failure policy, rule by rule.
import { humanDuration, secondsBetween, toMillis } from '../../kubernetes/index.ts';
import type { Attempt, DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { Colors } from './colors.ts';
import { plural } from './plural.ts';
import { renderTable, type Piece } from './text-table.ts';

/** Long timelines show their first and last attempts (a Job can have thousands of pods). */
const TIMELINE_HEAD = 4;
const TIMELINE_TAIL = 6;
const TIMELINE_MAX = TIMELINE_HEAD + TIMELINE_TAIL + 2;

interface Row {
  /** When the pod started (Infinity: it has not), then when it was created or first seen. */
  started: number;
  at: number;
  cells: Piece[];
  failed: boolean;
  succeeded: boolean;
  pod: string;
}

export function attemptsTimeline(output: DiagnoseOutput, c: Colors, now: number, width: number | undefined): string[] {
  const created = toMillis(output.job.createdAt) ?? now;
  const indexed = output.progress.completionMode === 'Indexed';
  const withPolicy = output.policyReplay !== null;
  const rows: Row[] = output.attempts.map((a) => attemptRow(a, c, created, now, { indexed, withPolicy }));
  for (const gone of output.evidenceGone?.pods ?? []) {
    const start = toMillis(gone.startedAt);
    const end = toMillis(gone.deletedAt) ?? toMillis(gone.lastEvent?.at);
    const note = [
      goneWhy(gone, output),
      gone.lastEvent?.reason
        ? `last event ${gone.lastEvent.reason}${gone.lastEvent.count > 1 ? ` ×${gone.lastEvent.count}` : ''}`
        : '',
    ]
      .filter(Boolean)
      .join('; ');
    const cells: Piece[] = [{ text: gone.pod, paint: c.dim }];
    if (indexed) cells.push({ text: indexOfName(gone.pod, output.job.name) });
    cells.push(
      { text: start !== undefined ? `+${humanDuration(secondsBetween(created, start))}` : '' },
      {
        text: start !== undefined && end !== undefined && end >= start ? humanDuration(secondsBetween(start, end)) : '',
      },
      { text: 'gone', paint: c.dim },
    );
    if (withPolicy) cells.push({ text: '' });
    cells.push({ text: '' }, { text: note, paint: c.dim });
    rows.push({
      started: start ?? Infinity,
      at: toMillis(gone.firstSeenAt) ?? start ?? end ?? created,
      cells,
      failed: false,
      succeeded: false,
      pod: gone.pod,
    });
  }
  // Oldest first by start, as STARTED shows it; pods that have not started last. Ties by creation
  // (Infinity − Infinity is NaN, falsy), then in the output's order (the sort is stable).
  rows.sort((a, b) => a.started - b.started || a.at - b.at);

  const count = output.attempts.length + (output.evidenceGone?.pods.length ?? 0);
  const title = `${c.bold('Attempts')} ${c.dim(`${plural(count, 'pod')}, oldest first; STARTED is counted from the Job's creation`)}`;
  if (rows.length === 0) return [c.bold('Attempts'), '  none: the Job has no pods, and no Event names one'];

  const headers = [
    'pod',
    ...(indexed ? ['index'] : []),
    'started',
    'ran',
    'result',
    ...(withPolicy ? ['policy'] : []),
    'counted',
    'note',
  ];
  let shown = rows;
  let omitted: Row[] = [];
  if (rows.length > TIMELINE_MAX) {
    const keep = new Set<Row>([...rows.slice(0, TIMELINE_HEAD), ...rows.slice(-TIMELINE_TAIL)]);
    const decisive = output.podFailurePolicy?.pod;
    const extra = rows.find((r) => r.pod === decisive);
    if (extra) keep.add(extra);
    shown = rows.filter((r) => keep.has(r));
    omitted = rows.filter((r) => !keep.has(r));
  }
  const table = renderTable(
    headers,
    shown.map((r) => r.cells),
    { width, shrink: headers.length - 1, indent: '  ', headerPaint: c.dim },
  );
  if (omitted.length === 0) return [title, ...table];
  // Put the "… N more" line where the omitted rows were (after the head).
  const cut = shown.findIndex((r, i) => i > 0 && rows.indexOf(r) !== rows.indexOf(shown[i - 1]!) + 1);
  const failed = omitted.filter((r) => r.failed).length;
  const succeeded = omitted.filter((r) => r.succeeded).length;
  const other = omitted.length - failed - succeeded;
  const summary = [
    failed > 0 ? `${failed} failed` : '',
    succeeded > 0 ? `${succeeded} succeeded` : '',
    other > 0 ? `${other} other` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const more = c.dim(`  … ${omitted.length} more (${summary}); -o json lists every attempt`);
  const at = cut > 0 ? cut + 1 : table.length;
  return [title, ...table.slice(0, at), more, ...table.slice(at)];
}

function attemptRow(
  a: Attempt,
  c: Colors,
  created: number,
  now: number,
  opts: { indexed: boolean; withPolicy: boolean },
): Row {
  const start = toMillis(a.startedAt);
  const end = toMillis(a.finishedAt);
  const started = start !== undefined ? `+${humanDuration(secondsBetween(created, start))}` : '';
  const ran =
    start === undefined
      ? ''
      : end !== undefined
        ? humanDuration(secondsBetween(start, end))
        : a.phase === 'Running'
          ? `${humanDuration(secondsBetween(start, now))}…`
          : '';
  const { text, paint } = result(a, c);
  const cells: Piece[] = [{ text: a.pod }];
  if (opts.indexed) cells.push({ text: a.index === null ? '' : String(a.index) });
  cells.push({ text: started }, { text: ran }, { text, paint });
  if (opts.withPolicy) cells.push({ text: a.policyRule === null ? '' : `rule ${a.policyRule} ${a.policyAction}` });
  cells.push({ text: a.counted === null ? '' : a.counted ? 'yes' : 'no', paint: a.counted ? c.red : c.dim });
  // The POLICY and COUNTED columns already say what an Ignore rule did.
  const note = (a.note ?? '')
    .split('; ')
    .filter((n) => !n.startsWith('ignored by pod failure policy rule'))
    .join('; ');
  const notes = [
    a.disruption ? `${a.disruption.reason ?? 'DisruptionTarget'}` : '',
    a.message && a.phase !== 'Pending' && !a.disruption ? oneLine(a.message) : '',
    note,
  ].filter(Boolean);
  cells.push({ text: notes.join('; '), paint: c.dim });
  return {
    started: start ?? Infinity,
    at: toMillis(a.createdAt) ?? start ?? 0,
    cells,
    failed: a.failed,
    succeeded: a.phase === 'Succeeded',
    pod: a.pod,
  };
}

/** `exit 1 in pi`, `OOMKilled: exit 137 in pi`, `Evicted: exit 137 in pi`, `Succeeded`, `Running, 2 restarts`, `Pending: ImagePullBackOff`. */
function result(a: Attempt, c: Colors): { text: string; paint: (t: string) => string } {
  if (a.terminating) return { text: `Terminating${a.phase ? ` (was ${a.phase})` : ''}`, paint: c.yellow };
  switch (a.phase) {
    case 'Succeeded':
      return { text: 'Succeeded', paint: c.green };
    case 'Failed': {
      const code = a.exitCode !== null ? `exit ${a.exitCode}${a.container ? ` in ${a.container}` : ''}` : '';
      const reason = a.reason && a.reason !== 'Error' ? a.reason : '';
      return { text: reason && code ? `${reason}: ${code}` : reason || code || 'Failed', paint: c.red };
    }
    case 'Running': {
      const restart = a.restarts > 0 ? `, ${plural(a.restarts, 'restart')}` : '';
      return { text: `Running${restart}`, paint: c.blue };
    }
    case 'Pending':
      return { text: `Pending${a.reason ? `: ${a.reason}` : ''}`, paint: c.yellow };
    default:
      return { text: a.phase ?? 'Unknown', paint: (t) => t };
  }
}

/** Why a gone pod went, from when the Job controller deleted it against the Job's decisions. */
function goneWhy(gone: NonNullable<DiagnoseOutput['evidenceGone']>['pods'][number], output: DiagnoseOutput): string {
  if (gone.deletedBy !== 'job-controller') return 'deleted';
  const deleted = toMillis(gone.deletedAt);
  const decided = (type: string) =>
    toMillis(output.conditions.find((c) => c.type === type && c.status === 'True')?.lastTransitionTime);
  const failedAt = decided('FailureTarget') ?? decided('Failed');
  const succeededAt = decided('SuccessCriteriaMet') ?? decided('Complete');
  if (deleted !== undefined && failedAt !== undefined && deleted >= failedAt - 1000)
    return 'deleted by the Job controller when the Job failed';
  if (deleted !== undefined && succeededAt !== undefined && deleted >= succeededAt - 1000)
    return 'stopped by the Job controller once the Job succeeded';
  return 'deleted by the Job controller';
}

/** An Indexed Job's pods are named <job>-<index>-<random>. */
function indexOfName(pod: string, job: string): string {
  const match = new RegExp(`^${job.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)-[a-z0-9]+$`).exec(pod);
  return match?.[1] ?? '';
}

export function policyReplayTable(output: DiagnoseOutput, c: Colors, width: number | undefined): string[] {
  const replay = output.policyReplay!;
  const rows: Piece[][] = replay.rules.map((r) => [
    { text: String(r.rule) },
    { text: r.action },
    { text: r.on },
    { text: r.pods.length === 0 ? '-' : listPods(r.pods), paint: r.pods.length === 0 ? c.dim : undefined },
  ]);
  if (replay.unmatched.length > 0)
    rows.push([
      { text: '-' },
      { text: 'Count', paint: c.dim },
      { text: 'no rule matched (counted)', paint: c.dim },
      { text: listPods(replay.unmatched) },
    ]);
  return [
    `${c.bold('Pod failure policy')} ${c.dim('rules in order; the first match decides each failed pod')}`,
    ...renderTable(['rule', 'action', 'matches', 'failed pods'], rows, {
      width,
      shrink: 3,
      indent: '  ',
      headerPaint: c.dim,
    }),
  ];
}

function listPods(pods: readonly string[]): string {
  return pods.length <= 3 ? pods.join(', ') : `${pods.slice(0, 3).join(', ')} +${pods.length - 3} more`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
