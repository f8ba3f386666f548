// The text of `kubectl job-x diagnose`: the verdict first (an SRE should have the cause in five
// seconds), then the evidence, the attempts as a kubectl-style timeline, the limits, what is
// gone, the last log lines and the suggestions. Everything the cluster wrote (names, messages,
// log lines) is escaped before it is coloured (plugin/escape-text.ts).
import { Document, isScalar, isSeq, visit } from 'yaml';
import { toMillis } from '../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import { createColors, type Colors } from './colors.ts';
import { attemptsTimeline, policyReplayTable } from './diagnosis-attempts-text.ts';
import { limitLines } from './diagnosis-limits-text.ts';
import { logLines } from './diagnosis-logs-text.ts';
import { recreateLines } from './diagnosis-recreate-text.ts';
import { escapeText } from '../escape-text.ts';
import { plural } from './plural.ts';
import { renderTable } from './text-table.ts';
import { ago } from './time-ago.ts';
import { wrap } from './wrap-text.ts';

export interface DiagnosisTextOptions {
  color: boolean;
  /** Terminal width: prose is wrapped and the table's NOTE column cut to fit. Unset: no limit. */
  width?: number;
}

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
    ...wrap(`${GLYPHS[output.state]} ${escapeText(output.verdict)}`, options.width, '', '  ').map((l, i) =>
      i === 0 ? c.bold(paintState(l)) : paintState(l),
    ),
  );
  out.push(...wrap(escapeText(subtitle(output, now)), options.width, '  ', '    ').map((l) => c.dim(l)));

  if (output.evidence.length > 0) {
    out.push('', c.bold('Evidence'));
    for (const e of output.evidence) {
      const when = e.at && (e.kind === 'condition' || e.kind === 'event') ? `(${escapeText(ago(e.at, now))})` : '';
      const lines = wrap(`• ${escapeText(e.message)}${when ? ` ${when}` : ''}`, options.width, '  ', '    ');
      const last = lines.length - 1;
      // The time, dimmed, wherever the wrapping put it.
      if (when && lines[last]!.endsWith(when)) lines[last] = `${lines[last]!.slice(0, -when.length)}${c.dim(when)}`;
      out.push(...lines);
    }
  }

  out.push('', ...attemptsTimeline(output, c, now, options.width));

  if (output.policyReplay) out.push('', ...policyReplayTable(output, c, options.width));

  const limits = limitLines(output, now);
  if (limits.length > 0) {
    out.push(
      '',
      c.bold('Limits'),
      ...renderTable(null, limits, { indent: '  ', width: options.width, wrapLast: true }),
    );
  }

  if (output.evidenceGone) {
    const gone = output.evidenceGone;
    out.push('', c.bold('Pods gone'));
    if (gone.missingFailedPods > 0) {
      const missing = plural(gone.missingFailedPods, 'counted failure has', 'counted failures have');
      out.push(...wrap(`${missing} no pod left to inspect.`, options.width, '  '));
    }
    for (const why of gone.why) out.push(...wrap(`• ${escapeText(why)}`, options.width, '  ', '    '));
  }

  out.push(...logLines(output, c, now));

  if (output.suggestions.length > 0) {
    const finished = output.state === 'Complete' || output.state === 'Failed';
    out.push('', c.bold('Suggestions'));
    output.suggestions.forEach((s, i) => {
      const number = `${i + 1}.`;
      const detail = ' '.repeat(number.length + 3);
      out.push(...wrap(`${number} ${escapeText(s.message)}`, options.width, '  ', detail));
      const note = (text: string) => wrap(escapeText(text), options.width, detail).map((l) => c.dim(l));
      // A suggestion may give several commands, one a line: split only where the next one starts,
      // so that a newline inside a name stays escaped on its line and starts nothing.
      if (s.command) out.push(...s.command.split(/\n(?=kubectl )/).map((cmd) => `${detail}${c.blue(escapeText(cmd))}`));
      if (s.patch && s.mutable && !finished) {
        const patch = `kubectl patch job ${output.job.name} -n ${output.job.namespace} --type=strategic -p '${JSON.stringify(s.patch)}'`;
        out.push(`${detail}${c.blue(escapeText(patch))}`);
      } else if (s.patch) {
        for (const line of toYaml(s.patch)) out.push(`${detail}${c.green(escapeText(line))}`);
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
  out.push(...recreateLines(output, c, options.width));
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
        : plural(p.completions, 'completion');
  const parts = [`Job ${output.job.namespace}/${output.job.name}`, `${shape}, parallelism ${p.parallelism}`];
  if (output.job.createdAt) parts.push(`created ${ago(output.job.createdAt, now)}`);
  if (output.job.owner) parts.push(`owned by ${output.job.owner.kind} ${output.job.owner.name}`);
  return parts.join(' · ');
}

/**
 * A YAML snippet where lists of scalars stay on one line (`values: [42]`), and so does every
 * string: one holding a line break is double-quoted with JSON's escapes, never a block scalar.
 */
function toYaml(patch: Record<string, unknown>): string[] {
  const doc = new Document(patch);
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  const oneLineStrings = { blockQuote: false, doubleQuotedAsJSON: true, doubleQuotedMinMultiLineLength: Infinity };
  return doc
    .toString({ lineWidth: 0, flowCollectionPadding: false, ...oneLineStrings })
    .trimEnd()
    .split('\n');
}
