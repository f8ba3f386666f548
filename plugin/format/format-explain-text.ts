import type { Colors } from './colors.ts';
import type { ExplainFinding, Explanation } from '../explain/index.ts';
import { EFFECTIVE_FIELDS } from '../explain/index.ts';
import { JOB_NAME_LABEL } from '../../kubernetes/index.ts';

export interface ExplainTextOptions {
  readonly colors: Colors;
  /** Lines are wrapped at this width (the terminal's, or 100 when not a terminal). */
  readonly width: number;
}

const INDENT = '  ';

/**
 * `explain`'s human output: one block per Job or CronJob, a section per question a developer
 * asks ("how many pods?", "what if one fails?", "when is it done?", "what stays behind?"), in
 * plain sentences wrapped to the terminal, with the effective spec as a kubectl-style table.
 */
export function formatExplainText(explanations: readonly Explanation[], options: ExplainTextOptions): string {
  return `${explanations.map((explanation) => formatOne(explanation, options)).join('\n\n')}\n`;
}

function formatOne(e: Explanation, options: ExplainTextOptions): string {
  const { colors } = options;
  const out: string[] = [];
  const paragraph = (text: string, indent = INDENT): void => {
    out.push(...wrap(text, options.width, indent));
  };
  const heading = (text: string): void => {
    out.push('', colors.bold(text));
  };

  out.push(
    `${colors.bold(`${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name ?? '(unnamed)'}`)}${sourceNote(e, colors)}`,
  );
  if (e.rejected) {
    const rejections = e.findings.filter(isRejection);
    out.push(colors.red(colors.bold(`✖ The API server would reject this ${e.kind}:`)));
    for (const finding of rejections)
      paragraph(`${finding.path ? `${finding.path}: ` : ''}${finding.message}`, `${INDENT}`);
    paragraph(colors.dim('What follows describes it as written; fix the errors above first (see Findings).'), INDENT);
    out.push('');
  }
  out.push(
    ...wrap(`${e.pattern} — ${patternSummary(e)}`, options.width, '', `${colors.bold('Pattern:')} `, '         '),
  );

  if (e.cronJob) {
    heading('Schedule');
    for (const sentence of e.cronJob.sentences) paragraph(sentence);
  }

  heading('Pods');
  for (const sentence of e.pods.sentences) paragraph(sentence);
  const facts: [string, string][] = [['Names', e.pods.podName]];
  if (e.pods.hostname) facts.push(['Hostname', e.pods.hostname]);
  const labels = Object.entries(e.pods.labels).map(([key, value]) => `${key}=${value}`);
  if (labels.length > 0) facts.push(['Labels', labels.join(', ')]);
  const annotations = Object.entries(e.pods.annotations).map(([key, value]) => `${key}=${value}`);
  if (annotations.length > 0) facts.push(['Annotations', annotations.join(', ')]);
  const jobNameLabel = e.pods.labels[JOB_NAME_LABEL];
  if (jobNameLabel !== undefined)
    facts.push([
      'List them',
      `kubectl get pods -l ${JOB_NAME_LABEL}=${jobNameLabel}${e.namespace ? ` -n ${e.namespace}` : ''}`,
    ]);
  const factWidth = Math.max(...facts.map(([label]) => label.length)) + 2;
  for (const [label, value] of facts)
    out.push(
      ...wrap(value, options.width, '', `${INDENT}${`${label}:`.padEnd(factWidth)}`, INDENT + ' '.repeat(factWidth)),
    );

  heading(
    e.kind === 'CronJob'
      ? "Effective spec of its Jobs (after the API server's defaulting)"
      : "Effective spec (after the API server's defaulting)",
  );
  if (e.defaulted === null)
    paragraph(
      colors.dim('As stored by the API server; which values it defaulted is not known (no kubectl apply record).'),
    );
  out.push(...effectiveTable(e, colors));

  heading('When a pod fails');
  for (const sentence of e.retries.sentences) paragraph(sentence);
  if (e.podFailurePolicy) {
    heading('Pod failure policy');
    for (const rule of e.podFailurePolicy.rules) paragraph(rule.sentence);
    for (const sentence of e.podFailurePolicy.sentences) paragraph(colors.dim(sentence));
  }

  heading('Deadline');
  for (const sentence of e.deadline.sentences) paragraph(sentence);

  heading('When it succeeds');
  for (const sentence of e.success.sentences) paragraph(sentence);
  if (e.successPolicy) {
    for (const rule of e.successPolicy.rules) paragraph(rule.sentence, INDENT + INDENT);
    for (const sentence of e.successPolicy.sentences) paragraph(sentence);
  }

  heading('After it finishes');
  for (const sentence of e.afterFinish.sentences) paragraph(sentence);

  if (e.warnings.length > 0) {
    heading('Design the pods for this');
    for (const warning of e.warnings)
      out.push(...wrap(warning.message, options.width, INDENT, `${INDENT}${colors.yellow('!')} `, INDENT + INDENT));
  }

  heading(`Findings (kubectl job-x lint${e.source.type === 'cluster' ? ', admission stage' : ''})`);
  if (e.findings.length === 0) paragraph(`${colors.green('✔')} none`);
  for (const finding of e.findings) out.push(...formatFinding(finding, options));
  return out.join('\n');
}

function sourceNote(e: Explanation, colors: Colors): string {
  if (e.source.type === 'cluster') return colors.dim('  (live)');
  const where = e.source.file ?? '';
  const document =
    e.source.document !== undefined && e.source.document > 0 ? `, document ${e.source.document + 1}` : '';
  const item = e.source.item !== undefined ? `, item ${e.source.item + 1}` : '';
  return colors.dim(`  (${where}${document}${item})`);
}

function patternSummary(e: Explanation): string {
  const { atOnce, successesNeeded } = e.pods;
  const pods = (n: number | null) => (n === 1 ? '1 pod' : `${n ?? '?'} pods`);
  switch (e.pattern) {
    case 'NonParallel':
      return 'one pod at a time; done when one succeeds';
    case 'FixedCompletions':
      return `${successesNeeded} completions, ${atOnce === 1 ? 'one pod at a time' : `up to ${pods(atOnce)} at once`}`;
    case 'WorkQueue':
      return `up to ${pods(atOnce)} at once; done when one has succeeded and all have finished`;
    case 'Indexed':
      return `indexes ${e.pods.indexes || '(none)'}, one success each, ${atOnce === 1 ? 'one pod at a time' : `up to ${pods(atOnce)} at once`}`;
  }
}

function effectiveTable(e: Explanation, colors: Colors): string[] {
  const rows = EFFECTIVE_FIELDS.map((field) => {
    const value = e.effective[field];
    return [
      field,
      value === null ? '<unset>' : String(value),
      e.defaulted?.includes(field) ? 'defaulted' : '',
    ] as const;
  });
  const width = Math.max(...rows.map(([field]) => field.length), 'FIELD'.length);
  const valueWidth = Math.max(...rows.map(([, value]) => value.length), 'VALUE'.length);
  const line = (a: string, b: string, c: string) =>
    `${INDENT}${a.padEnd(width)}   ${c ? b.padEnd(valueWidth) : b}${c ? `   ${c}` : ''}`;
  return [
    line('FIELD', 'VALUE', e.defaulted === null ? '' : 'NOTE'),
    ...rows.map(([a, b, c]) => (c ? colorNote(line(a, b, c), c, colors) : line(a, b, c))),
  ];
}

function colorNote(text: string, note: string, colors: Colors): string {
  return text.slice(0, text.length - note.length) + colors.dim(note);
}

function isRejection(finding: ExplainFinding): boolean {
  return finding.origin === 'apiserver' && finding.severity === 'error';
}

function formatFinding(finding: ExplainFinding, options: ExplainTextOptions): string[] {
  const { colors } = options;
  const label = { error: colors.red('error'), warning: colors.yellow('warning'), info: colors.blue('info') }[
    finding.severity
  ];
  const pad = ' '.repeat(9 - finding.severity.length);
  const text = `${finding.path ? `${finding.path}: ` : ''}${finding.message} ${colors.dim(`(${finding.ruleId})`)}`;
  const lines = wrap(text, options.width, INDENT, `${INDENT}${label}${pad}`, INDENT + ' '.repeat(9));
  if (finding.remediation) lines.push(...wrap(`Fix: ${finding.remediation}`, options.width, INDENT + ' '.repeat(9)));
  return lines;
}

/** Display width of text without ANSI escapes. */
function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/**
 * Word-wraps `text` to `width` columns: the first line starts with `first` (default `indent`),
 * the following ones with `rest` (default `indent`). Words longer than a line stay whole.
 */
export function wrap(text: string, width: number, indent: string, first = indent, rest = indent): string[] {
  const words = text.split(' ').filter((word) => word !== '');
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}
