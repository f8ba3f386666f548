// The text of `kubectl job-x diagnose`: the verdict first (an SRE should have the cause in five
// seconds), then the evidence, the attempts as a kubectl-style timeline, the limits, what is
// gone, the last log lines and the suggestions.
import { Document, isScalar, isSeq, visit } from 'yaml';
import { humanDuration, restartsFailingJob, secondsBetween, toMillis } from '../../kubernetes/index.ts';
import type { Attempt, DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import { createColors, type Colors } from './colors.ts';
import { renderTable, type TableCell } from './diagnosis-table.ts';

export interface DiagnosisTextOptions {
  color: boolean;
  /** Terminal width: prose is wrapped and the table's NOTE column cut to fit. Unset: no limit. */
  width?: number;
}

/** Long timelines show their first and last attempts (a Job can have thousands of pods). */
const TIMELINE_HEAD = 4;
const TIMELINE_TAIL = 6;
const TIMELINE_MAX = TIMELINE_HEAD + TIMELINE_TAIL + 2;
const LOG_LINES = 20;

const GLYPHS: Record<DiagnoseOutput['state'], string> = {
  Complete: '✔',
  Completing: '✔',
  Failed: '✖',
  Failing: '✖',
  Stuck: '⚠',
  Suspended: '‖',
  Running: '●',
};

export function formatDiagnosisText(output: DiagnoseOutput, options: DiagnosisTextOptions): string {
  const c = createColors(options.color);
  const now = toMillis(output.now) ?? 0;
  const out: string[] = [];
  const paintState = stateColor(c, output.state);
  out.push(
    ...wrap(`${GLYPHS[output.state]} ${output.verdict}`, options.width, '  ').map((l, i) =>
      i === 0 ? c.bold(paintState(l)) : paintState(l),
    ),
  );
  out.push(...wrap(subtitle(output, now), options.width, '    ', '  ').map((l) => c.dim(l)));

  if (output.evidence.length > 0) {
    out.push('', c.bold('Evidence'));
    for (const e of output.evidence) {
      const when = e.at && (e.kind === 'condition' || e.kind === 'event') ? `(${ago(e.at, now)})` : '';
      const lines = wrap(`• ${e.message}${when ? ` ${when}` : ''}`, options.width, '    ', '  ');
      const last = lines.length - 1;
      // The time, dimmed, wherever the wrapping put it.
      if (when && lines[last]!.endsWith(when)) lines[last] = `${lines[last]!.slice(0, -when.length)}${c.dim(when)}`;
      out.push(...lines);
    }
  }

  out.push('', ...timeline(output, c, now, options.width));

  if (output.policyReplay) out.push('', ...policyTable(output, c, options.width));

  const limits = limitLines(output, now);
  if (limits.length > 0) {
    out.push('', c.bold('Limits'));
    const width = Math.max(...limits.map(([k]) => k.length));
    for (const [key, value] of limits)
      out.push(...wrap(`${key.padEnd(width)}   ${value}`, options.width, ' '.repeat(width + 5), '  '));
  }

  if (output.evidenceGone) {
    const gone = output.evidenceGone;
    out.push('', c.bold('Pods gone'));
    if (gone.missingFailedPods > 0) {
      out.push(
        ...wrap(
          `${gone.missingFailedPods} counted ${gone.missingFailedPods === 1 ? 'failure has' : 'failures have'} no pod left to inspect.`,
          options.width,
          '  ',
          '  ',
        ),
      );
    }
    for (const why of gone.why) out.push(...wrap(`• ${why}`, options.width, '    ', '  '));
  }

  if (output.logTail && output.logTail.lines.length > 0) {
    const lines = output.logTail.lines.slice(-LOG_LINES);
    const skipped = output.logTail.lines.length - lines.length;
    out.push(
      '',
      `${c.bold('Last log lines')} ${c.dim(`pod ${output.logTail.pod}, container ${output.logTail.container}${skipped > 0 ? `, last ${lines.length} of ${output.logTail.lines.length}` : ''}`)}`,
    );
    for (const line of lines) out.push(`  ${c.dim('│')} ${line}`);
  }

  if (output.suggestions.length > 0) {
    const finished = output.state === 'Complete' || output.state === 'Failed';
    out.push('', c.bold('Suggestions'));
    output.suggestions.forEach((s, i) => {
      const number = `${i + 1}.`;
      out.push(...wrap(`${number} ${s.message}`, options.width, ' '.repeat(number.length + 3), '  '));
      const detail = ' '.repeat(number.length + 3);
      const note = (text: string) => wrap(text, options.width, detail, detail).map((l) => c.dim(l));
      if (s.command) out.push(...s.command.split('\n').map((cmd) => `${detail}${c.blue(cmd)}`));
      if (s.patch && s.mutable && !finished) {
        out.push(
          `${detail}${c.blue(`kubectl patch job ${output.job.name} -n ${output.job.namespace} --type=strategic -p '${JSON.stringify(s.patch)}'`)}`,
        );
      } else if (s.patch) {
        for (const line of toYaml(s.patch)) out.push(`${detail}${c.green(line)}`);
        out.push(
          ...note(
            s.mutable
              ? `The ${output.state === 'Complete' ? 'finished' : 'failed'} Job will not run again: apply it to the next one (for a CronJob, under spec.jobTemplate).`
              : `${s.field ?? 'This field'} is immutable: apply it to a new Job (for a CronJob, under spec.jobTemplate).`,
          ),
        );
      } else if (s.field && s.mutable === false) {
        out.push(...note(`${s.field} is immutable: change it in a new Job.`));
      }
    });
  }
  return `${out.join('\n')}\n`;
}

function stateColor(c: Colors, state: DiagnoseOutput['state']): (text: string) => string {
  switch (state) {
    case 'Complete':
    case 'Completing':
      return c.green;
    case 'Failed':
    case 'Failing':
      return c.red;
    case 'Stuck':
      return c.yellow;
    default:
      return c.blue;
  }
}

function subtitle(output: DiagnoseOutput, now: number): string {
  const p = output.progress;
  const shape =
    p.completionMode === 'Indexed'
      ? `Indexed, ${p.completions ?? '?'} completions`
      : p.completions === null
        ? 'work queue (no completions)'
        : `${p.completions} ${p.completions === 1 ? 'completion' : 'completions'}`;
  const parts = [`Job ${output.job.namespace}/${output.job.name}`, `${shape}, parallelism ${p.parallelism}`];
  if (output.job.createdAt) parts.push(`created ${ago(output.job.createdAt, now)}`);
  if (output.job.owner) parts.push(`owned by ${output.job.owner.kind} ${output.job.owner.name}`);
  return parts.join(' · ');
}

function ago(time: string, now: number): string {
  const ms = toMillis(time);
  if (ms === undefined) return time;
  const seconds = secondsBetween(ms, now);
  // A few seconds in the future: an Event written while the snapshot was being read.
  return seconds >= -5 ? `${humanDuration(Math.max(0, seconds))} ago` : `in ${humanDuration(-seconds)}`;
}

// --- attempts ---------------------------------------------------------------------------------

interface Row {
  /** When the pod started (Infinity: it has not), then when it was created or first seen. */
  started: number;
  at: number;
  cells: TableCell[];
  failed: boolean;
  succeeded: boolean;
  pod: string;
}

function timeline(output: DiagnoseOutput, c: Colors, now: number, width: number | undefined): string[] {
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
    const cells: TableCell[] = [{ text: gone.pod, paint: c.dim }];
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
  const title = `${c.bold('Attempts')} ${c.dim(`${count} ${count === 1 ? 'pod' : 'pods'}, oldest first; STARTED is counted from the Job's creation`)}`;
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
  const cells: TableCell[] = [{ text: a.pod }];
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
      const restart = a.restarts > 0 ? `, ${a.restarts} ${a.restarts === 1 ? 'restart' : 'restarts'}` : '';
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

// --- pod failure policy -------------------------------------------------------------------------

function policyTable(output: DiagnoseOutput, c: Colors, width: number | undefined): string[] {
  const replay = output.policyReplay!;
  const rows: TableCell[][] = replay.rules.map((r) => [
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

// --- limits -----------------------------------------------------------------------------------

function limitLines(output: DiagnoseOutput, now: number): [string, string][] {
  const lines: [string, string][] = [];
  const r = output.retries;
  if (r.perIndex) {
    const p = r.perIndex;
    const indexes = p.indexes.map(
      (i) =>
        `index ${i.index}: ${i.counted} ${i.counted === 1 ? 'failure' : 'failures'}${i.ignored > 0 ? ` (+${i.ignored} ignored)` : ''}${i.failed ? ', failed' : ''}${i.nextRetryInSeconds !== null ? `, retry in ${humanDuration(i.nextRetryInSeconds)}` : ''}`,
    );
    lines.push([
      'backoffLimitPerIndex',
      `${p.limit} per index; failed indexes ${p.failedIndexes || 'none'}${p.maxFailedIndexes !== null ? ` (maxFailedIndexes ${p.maxFailedIndexes})` : ''}${indexes.length > 0 ? `; ${indexes.slice(0, 8).join('; ')}${indexes.length > 8 ? `; +${indexes.length - 8} more indexes` : ''}` : ''}`,
    ]);
  } else if (r.counted > 0 || r.ignored > 0 || (r.restartsCounted ?? 0) > 0 || output.state === 'Running') {
    const parts = [`${r.counted} ${r.counted === 1 ? 'failure' : 'failures'} counted, ${r.budget} allowed`];
    if (r.ignored > 0) parts.push(`${r.ignored} ignored by the pod failure policy`);
    if ((r.restartsCounted ?? 0) > 0) {
      parts.push(
        `${r.restartsCounted} container ${r.restartsCounted === 1 ? 'restart' : 'restarts'} counted too (restartPolicy OnFailure): the Job fails when they reach ${restartsFailingJob(r.budget)}`,
      );
    } else if (r.remaining !== null && r.counted > 0) {
      parts.push(`${r.remaining} more tolerated`);
    }
    lines.push(['backoffLimit', parts.join('; ')]);
  }
  if (r.nextRetryInSeconds !== null) {
    lines.push([
      'next attempt',
      r.nextRetryInSeconds > 0
        ? `in ${humanDuration(r.nextRetryInSeconds)} (backoff after ${r.failuresSinceLastSuccess} ${r.failuresSinceLastSuccess === 1 ? 'failure' : 'failures'})`
        : 'due now',
    ]);
  }
  const d = output.deadline;
  if (d) {
    const state =
      d.startTime === null
        ? 'not started (suspended or new)'
        : d.remainingSeconds !== null
          ? `${humanDuration(d.remainingSeconds)} left (ran ${humanDuration(d.elapsedSeconds ?? 0)})`
          : `ran ${humanDuration(d.elapsedSeconds ?? 0)}${d.exceeded ? ', exceeded' : ''}`;
    lines.push(['activeDeadline', `${d.activeDeadlineSeconds}s: ${state}`]);
  }
  if (output.ttl) {
    const t = output.ttl;
    lines.push([
      'ttlAfterFinished',
      `${t.seconds}s: ${t.deletesAt === null ? 'counts from when the Job finishes' : t.deletesInSeconds === 0 ? 'due: the TTL controller deletes the Job and its pods now' : `deletes the Job and its pods ${ago(t.deletesAt, now)}`}`,
    ]);
  }
  return lines;
}

// --- text helpers -----------------------------------------------------------------------------

/** A YAML snippet where lists of scalars stay on one line (`values: [42]`). */
function toYaml(patch: Record<string, unknown>): string[] {
  const doc = new Document(patch);
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd().split('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Word-wraps to `width` (no wrapping when unset); continuation lines get `hanging`. */
function wrap(text: string, width: number | undefined, hanging: string, indent = ''): string[] {
  const first = `${indent}${text}`;
  if (width === undefined || [...first].length <= width) return [first];
  const lines: string[] = [];
  let line = indent;
  let length = indent.length;
  let empty = true;
  for (const word of text.split(' ')) {
    const size = [...word].length;
    if (!empty && length + 1 + size > width) {
      lines.push(line);
      line = `${hanging}${word}`;
      length = hanging.length + size;
    } else {
      line = empty ? `${line}${word}` : `${line} ${word}`;
      length += (empty ? 0 : 1) + size;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
