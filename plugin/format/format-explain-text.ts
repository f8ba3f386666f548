import type { ExplainFinding, Explanation } from '../explain/index.ts';
import { EFFECTIVE_FIELDS } from '../explain/index.ts';
import { JOB_NAME_LABEL } from '../../kubernetes/index.ts';
import type { Colors } from './colors.ts';
import { escapeText } from '../escape-text.ts';
import { renderTable, type Cell, type Paint } from './text-table.ts';
import { wrap } from './wrap-text.ts';

export interface ExplainTextOptions {
  readonly colors: Colors;
  /** Lines are wrapped at this width (the terminal's, or 100 when not a terminal). */
  readonly width: number;
}

const INDENT = '  ';
/** The severity column is as wide as `warning`, in every block. */
const SEVERITY_WIDTH = 'warning'.length;

/**
 * `explain`'s human output: one block per Job or CronJob, a section per question a developer
 * asks ("how many pods?", "what if one fails?", "when is it done?", "what stays behind?"), in
 * plain sentences wrapped to the terminal, with the effective spec as a kubectl-style table.
 * The sentences quote the manifest (names, labels, messages): each is escaped before it is
 * wrapped and coloured (plugin/escape-text.ts).
 */
export function formatExplainText(explanations: readonly Explanation[], options: ExplainTextOptions): string {
  return `${explanations.map((explanation) => formatOne(explanation, options)).join('\n\n')}\n`;
}

function formatOne(e: Explanation, options: ExplainTextOptions): string {
  const { colors } = options;
  const out: string[] = [];
  const paragraph = (text: string, indent = INDENT, paint?: Paint): void => {
    const lines = wrap(escapeText(text), options.width, indent);
    out.push(...(paint ? lines.map(paint) : lines));
  };
  const heading = (text: string): void => {
    out.push('', colors.bold(text));
  };

  const title = escapeText(`${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name ?? '(unnamed)'}`);
  out.push(`${colors.bold(title)}${sourceNote(e, colors)}`);
  if (e.rejected) {
    const rejections = e.findings.filter(isRejection);
    out.push(colors.red(colors.bold(`✖ The API server would reject this ${e.kind}:`)));
    for (const finding of rejections)
      paragraph(`${finding.path ? `${finding.path}: ` : ''}${finding.message}`, `${INDENT}`);
    paragraph('What follows describes it as written; fix the errors above first (see Findings).', INDENT, colors.dim);
    out.push('');
  }
  out.push(
    ...wrap(
      escapeText(`${e.pattern} — ${patternSummary(e)}`),
      options.width,
      `${colors.bold('Pattern:')} `,
      ' '.repeat(9),
    ),
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
  const factRows = facts.map(([label, value]) => [`${label}:`, value]);
  out.push(...renderTable(null, factRows, { indent: INDENT, gap: 1, width: options.width, wrapLast: true }));

  heading(
    e.kind === 'CronJob'
      ? "Effective spec of its Jobs (after the API server's defaulting)"
      : "Effective spec (after the API server's defaulting)",
  );
  if (e.defaulted === null)
    paragraph(
      'As stored by the API server; which values it defaulted is not known (no kubectl apply record).',
      INDENT,
      colors.dim,
    );
  out.push(...effectiveTable(e, colors));

  heading('When a pod fails');
  for (const sentence of e.retries.sentences) paragraph(sentence);
  if (e.podFailurePolicy) {
    heading('Pod failure policy');
    for (const rule of e.podFailurePolicy.rules) paragraph(rule.sentence);
    for (const sentence of e.podFailurePolicy.sentences) paragraph(sentence, INDENT, colors.dim);
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
      out.push(...wrap(escapeText(warning.message), options.width, `${INDENT}${colors.yellow('!')} `, INDENT + INDENT));
  }

  heading(`Findings (kubectl job-x lint${e.source.type === 'cluster' ? ', admission stage' : ''})`);
  if (e.findings.length === 0) out.push(`${INDENT}${colors.green('✔')} none`);
  out.push(...findingsTable(e.findings, options));
  return out.join('\n');
}

function sourceNote(e: Explanation, colors: Colors): string {
  if (e.source.type === 'cluster') return colors.dim('  (live)');
  const where = e.source.file ?? '';
  const document =
    e.source.document !== undefined && e.source.document > 0 ? `, document ${e.source.document + 1}` : '';
  const item = e.source.item !== undefined ? `, item ${e.source.item + 1}` : '';
  return colors.dim(escapeText(`  (${where}${document}${item})`));
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
  const rows = EFFECTIVE_FIELDS.map((field): Cell[] => {
    const value = e.effective[field];
    const note = e.defaulted?.includes(field) ? 'defaulted' : '';
    return [field, value === null ? '<unset>' : String(value), { text: note, paint: colors.dim }];
  });
  return renderTable(['field', 'value', ...(e.defaulted === null ? [] : ['note'])], rows, { indent: INDENT });
}

function isRejection(finding: ExplainFinding): boolean {
  return finding.origin === 'apiserver' && finding.severity === 'error';
}

/** Severity, then the message and its rule, then the fix under the message; wrapped to the width. */
function findingsTable(findings: readonly ExplainFinding[], options: ExplainTextOptions): string[] {
  const { colors } = options;
  const paint = { error: colors.red, warning: colors.yellow, info: colors.blue };
  const rows = findings.flatMap((finding): Cell[][] => {
    const message = `${finding.path ? `${finding.path}: ` : ''}${finding.message} `;
    const rows: Cell[][] = [
      [
        { text: finding.severity, paint: paint[finding.severity] },
        [{ text: message }, { text: `(${finding.ruleId})`, paint: colors.dim }],
      ],
    ];
    if (finding.remediation) rows.push(['', `Fix: ${finding.remediation}`]);
    return rows;
  });
  return renderTable(null, rows, {
    indent: INDENT,
    gap: 2,
    minWidths: [SEVERITY_WIDTH],
    width: options.width,
    wrapLast: true,
  });
}
