// `kubectl job-x index-status NAME` as text: a header, the four index sets with counts, the grid,
// the retry budgets and the success policy, then the indexes that have failed; or, with --index,
// one table row per pod of the selected indexes. kubectl style: no borders, UPPERCASE headers,
// three spaces between columns, colour only on the state words and glyphs (and only when on).
import { countIndexes, type IndexInterval } from '../../kubernetes/index.ts';
import type { IndexDetail } from '../../schemas/generated/index-status-output.ts';
import type { IndexState, IndexStatus, NotIndexed } from '../index-status/index.ts';
import { fromIndexes } from '../../kubernetes/index.ts';
import type { Colors } from './colors.ts';
import { gridLabelWidth, toIndexStatusGrid, type GridCell } from './index-status-grid.ts';
import { humanDuration } from '../../kubernetes/index.ts';

export interface IndexStatusTextOptions {
  readonly colors: Colors;
  /** Terminal columns (80 when not a terminal). */
  readonly width: number;
  /** Grid rows at most (default 20): cells stand for more indexes rather than the grid growing. */
  readonly maxGridRows?: number;
  /** With --index: print these indexes in detail instead of the overview. */
  readonly details?: readonly IndexDetail[];
}

export const DEFAULT_GRID_ROWS = 20;
/** Failed indexes listed in the overview; -o json or --index have them all. */
const FAILURE_ROWS = 10;
const NONE = '<none>';
const UNLIMITED = 2147483647;

/** Unicode glyphs, each one terminal column wide, told apart without colour. */
export const GRID_GLYPHS: Readonly<Record<GridCell, string>> = {
  succeeded: '█',
  partial: '▄',
  active: '▒',
  pending: '·',
  failed: 'X',
};
const STATES: readonly IndexState[] = ['succeeded', 'failed', 'active', 'pending'];
/** The legend, worst first: the order in which a cell standing for several indexes picks its glyph. */
const LEGEND: readonly [GridCell, string][] = [
  ['failed', 'failed'],
  ['active', 'active'],
  ['pending', 'pending'],
  ['partial', 'some succeeded'],
  ['succeeded', 'succeeded'],
];

const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

export function formatIndexStatusText(status: IndexStatus, options: IndexStatusTextOptions): string {
  const { colors } = options;
  const lines: string[] = [formatHeader(status, colors)];
  if (options.details !== undefined) {
    lines.push('', ...formatDetails(options.details, status, colors));
    return `${lines.join('\n')}\n`;
  }
  lines.push('', ...formatSets(status, options));
  if (status.completions > 0) lines.push('', ...formatGrid(status, options));
  const budgets = formatBudgets(status, options);
  if (budgets.length > 0) lines.push('', ...budgets);
  const policy = formatSuccessPolicy(status, colors);
  if (policy.length > 0) lines.push('', ...policy);
  const failures = formatFailures(status, colors);
  if (failures.length > 0) lines.push('', ...failures);
  const notes = formatNotes(status, options.width);
  if (notes.length > 0) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}

/** The message for a NonIndexed Job (the command prints it as an error). */
export function formatNotIndexedMessage(job: NotIndexed): string {
  const unknown = job.completionMode !== 'NonIndexed';
  return (
    `Job ${job.namespace}/${job.name} is not an Indexed Job (completionMode ${job.completionMode}${unknown ? ', which the Job controller does not know' : ''}): ` +
    `its pods have no completion index, so there is nothing per index to show. ` +
    `It has ${job.succeeded} succeeded, ${job.failed} failed and ${job.active} active pods${job.completions !== null ? ` (completions ${job.completions})` : ''}; ` +
    `kubectl job-x diagnose ${job.name} explains where it stands`
  );
}

export function stateColor(colors: Colors, state: GridCell): (text: string) => string {
  switch (state) {
    case 'succeeded':
    case 'partial':
      return colors.green;
    case 'failed':
      return colors.red;
    case 'active':
      return colors.blue;
    case 'pending':
      return colors.dim;
  }
}

function formatHeader(status: IndexStatus, colors: Colors): string {
  const parts = [`Indexed`, plural(status.completions, 'completion'), `parallelism ${status.parallelism ?? '<unset>'}`];
  return `${colors.bold(`Job ${status.namespace}/${status.name}`)}: ${parts.join(', ')}, ${jobState(status, colors)}`;
}

function jobState(status: IndexStatus, colors: Colors): string {
  const condition = status.condition;
  const because = condition?.reason ? ` (${condition.reason})` : '';
  switch (condition?.type) {
    case 'Complete':
      return colors.green(`Complete${because}`);
    case 'Failed':
      return colors.red(`Failed${because}`);
    case 'SuccessCriteriaMet':
      return colors.green(`succeeded${because}, pods terminating`);
    case 'FailureTarget':
      return colors.red(`failed${because}, pods terminating`);
    case 'Suspended':
      return colors.yellow('suspended');
    default:
      return status.suspended ? colors.yellow('suspended') : 'running';
  }
}

function formatSets(status: IndexStatus, options: IndexStatusTextOptions): string[] {
  const { colors } = options;
  const counts = STATES.map((state) => String(countIndexes(status.sets[state])));
  const countWidth = Math.max('COUNT'.length, ...counts.map((c) => c.length));
  const prefix = 'SUCCEEDED'.length + 3 + countWidth + 3;
  const budget = Math.max(20, options.width - prefix);
  const finished = status.condition?.type === 'Complete' || status.condition?.type === 'Failed';
  const lines = [`${'STATE'.padEnd('SUCCEEDED'.length)}   ${'COUNT'.padEnd(countWidth)}   INDEXES`];
  STATES.forEach((state, i) => {
    const set = status.sets[state];
    // Once the Job has finished, its pending indexes will never run: say so.
    const note = state === 'pending' && finished && set.length > 0 ? '  (will not run: the Job has finished)' : '';
    const list = set.length === 0 ? NONE : formatIntervalsCapped(set, Math.max(10, budget - note.length)) + note;
    lines.push(
      `${stateColor(colors, state)(state.padEnd('SUCCEEDED'.length))}   ${counts[i]!.padEnd(countWidth)}   ${list}`,
    );
  });
  return lines;
}

function formatGrid(status: IndexStatus, options: IndexStatusTextOptions): string[] {
  const { colors } = options;
  const grid = toIndexStatusGrid(status.sets, status.completions, {
    width: options.width,
    maxRows: options.maxGridRows ?? DEFAULT_GRID_ROWS,
  });
  const labelWidth = gridLabelWidth(status.completions);
  const lines: string[] = [];
  for (const row of grid.rows) {
    let text = '';
    let run = '';
    let runState: GridCell | undefined;
    const flush = () => {
      if (runState !== undefined && run !== '') text += stateColor(colors, runState)(run);
      run = '';
    };
    row.cells.forEach((state, i) => {
      if (i > 0 && i % 10 === 0) {
        flush();
        text += ' ';
      }
      if (state !== runState) {
        flush();
        runState = state;
      }
      run += GRID_GLYPHS[state];
    });
    flush();
    lines.push(`${colors.dim(String(row.firstIndex).padStart(labelWidth))}  ${text}`);
  }
  const legend = (grid.indexesPerCell === 1 ? LEGEND.filter(([cell]) => cell !== 'partial') : LEGEND).map(
    ([cell, label]) => `${stateColor(colors, cell)(GRID_GLYPHS[cell])} ${label}`,
  );
  const indent = ' '.repeat(labelWidth + 2);
  if (grid.indexesPerCell === 1) lines.push(`${indent}${legend.join('  ')}   ${colors.dim('(one cell per index)')}`);
  else
    lines.push(
      `${indent}${legend.join('  ')}`,
      `${indent}${colors.dim(`one cell per ${grid.indexesPerCell} indexes, showing the worst of them`)}`,
    );
  return lines;
}

function formatBudgets(status: IndexStatus, options: IndexStatusTextOptions): string[] {
  const { colors } = options;
  const lines: string[] = [];
  const failed = countIndexes(status.sets.failed);
  const perIndex = status.backoffLimitPerIndex;
  if (perIndex !== null) {
    const retried = status.failures.indexes.filter(
      (f) => f.failures > 0 && (f.status === 'active' || f.status === 'pending'),
    ).length;
    const lastChance = countIndexes(perIndex.lastChance);
    let text = `Retries per index (backoffLimitPerIndex ${perIndex.limit}): `;
    if (perIndex.limit === 0) text += 'none, an index fails on its first counted failure';
    else if (lastChance > 0) {
      text += `${plural(lastChance, 'index', 'indexes')} on ${lastChance === 1 ? 'its' : 'their'} last retry:`;
      const list = formatIntervalsCapped(perIndex.lastChance, fit(options.width, `${text} `));
      // A list that does not fit after the sentence goes on a line of its own.
      if (text.length + 1 + list.length <= options.width) text += ` ${colors.yellow(list)}`;
      else text += `\n  ${colors.yellow(formatIntervalsCapped(perIndex.lastChance, options.width - 2))}`;
    } else if (retried > 0)
      text += `${plural(retried, 'unfinished index', 'unfinished indexes')} failed before, all with retries left`;
    else text += 'no unfinished index has failed yet';
    lines.push(text);
  }
  const max = status.maxFailedIndexes;
  if (max !== null) {
    const verdict = max.exceeded
      ? colors.red('exceeded, the Job fails')
      : max.remaining === 0
        ? colors.yellow('one more fails the Job')
        : `${max.remaining} more may fail`;
    lines.push(`Failed indexes (maxFailedIndexes ${max.limit}): ${failed}, ${verdict}`);
  } else if (perIndex !== null) {
    lines.push(
      `Failed indexes: ${failed} (no maxFailedIndexes)${failed > 0 ? colors.yellow(': the Job fails once all indexes finish') : ''}`,
    );
  }
  const budget = status.backoffLimit;
  // With backoffLimitPerIndex the API server defaults backoffLimit to "unlimited": nothing to say.
  if (budget.limit !== UNLIMITED) {
    const verdict =
      budget.failed > budget.limit
        ? colors.red('exceeded')
        : budget.remaining === 0
          ? colors.yellow('one more fails the Job')
          : `${budget.remaining} more allowed`;
    lines.push(`Pod failures (backoffLimit ${budget.limit}): ${budget.failed}, ${verdict}`);
  }
  return lines;
}

/** How a finishing condition reads after "the Job ... first". */
const ENDED: Readonly<Record<string, string>> = {
  Complete: 'completed',
  Failed: 'failed',
  FailureTarget: 'failed',
  SuccessCriteriaMet: 'succeeded',
};
const ruleList = (rules: readonly number[]): string =>
  rules.length === 1 ? `Rule ${rules[0]} is` : `Rules ${rules.join(', ')} are`;

function formatSuccessPolicy(status: IndexStatus, colors: Colors): string[] {
  const policy = status.successPolicy;
  if (policy === null) return [];
  const satisfied = policy.rules.filter((r) => r.satisfied).map((r) => r.rule);
  let verdict: string;
  let note: string | null = null;
  if (policy.met)
    verdict = colors.green(
      `met by rule ${policy.rule ?? '?'}${policy.recorded ? '' : ' (the controller has yet to record it)'}`,
    );
  else if (status.condition !== null && status.condition.type !== 'Suspended') {
    const type = status.condition.type;
    const ended = Object.hasOwn(ENDED, type) ? ENDED[type]! : type;
    verdict = `not met: the Job ${ended} first${status.condition.reason ? ` (${status.condition.reason})` : ''}`;
    if (satisfied.length > 0) note = `${ruleList(satisfied)} satisfied, but the controller evaluates failures first`;
  } else if (satisfied.length > 0) {
    verdict = colors.yellow('not met: a failure limit was reached first');
    note = `${ruleList(satisfied)} satisfied, but the controller evaluates failures first`;
  } else verdict = 'not met yet';
  const rows = policy.rules.map((r) => [
    String(r.rule),
    r.succeededIndexes ?? NONE,
    r.succeededCount === null ? NONE : String(r.succeededCount),
    r.indexes === 0 ? 'skipped (no index)' : `${r.succeeded}/${r.required}`,
    r.satisfied ? colors.green('yes') : 'no',
  ]);
  const lines = [
    `Success policy: ${verdict}`,
    ...table(['RULE', 'SUCCEEDED INDEXES', 'SUCCEEDED COUNT', 'PROGRESS', 'SATISFIED'], rows, '  '),
  ];
  if (note !== null) lines.push(colors.yellow(`  ${note}`));
  return lines;
}

function formatFailures(status: IndexStatus, colors: Colors): string[] {
  const { indexes, source } = status.failures;
  if (indexes.length === 0) return [];
  const perIndex = status.backoffLimitPerIndex !== null;
  const title =
    source === 'annotations'
      ? `Indexes that failed at least once: ${indexes.length} (from the failure-count annotations)`
      : `Indexes with failed pods: ${indexes.length} (pods still present; deleted ones are not seen)`;
  const shown = indexes.slice(0, FAILURE_ROWS);
  const rows = shown.map((f) => [
    String(f.index),
    stateColor(colors, f.status)(f.status),
    String(f.failures),
    String(f.ignored),
    ...(perIndex
      ? [
          f.retriesLeft === 0 && (f.status === 'active' || f.status === 'pending')
            ? colors.yellow('0')
            : String(f.retriesLeft ?? ''),
        ]
      : []),
  ]);
  const header = ['INDEX', 'STATE', 'FAILURES', 'IGNORED', ...(perIndex ? ['RETRIES LEFT'] : [])];
  const lines = [title, ...table(header, rows, '  ')];
  if (indexes.length > shown.length)
    lines.push(
      colors.dim(
        `  … ${indexes.length - shown.length} more: -o json lists them all, --index ${indexes[FAILURE_ROWS]!.index} shows one`,
      ),
    );
  return lines;
}

function formatNotes(status: IndexStatus, width: number): string[] {
  const notes: string[] = [];
  const { succeeded, failed } = status.unrecorded;
  if (succeeded.length > 0 || failed.length > 0) {
    let text = "Not yet in the Job's status (the controller records them next):";
    if (succeeded.length > 0)
      text += ` succeeded ${formatIntervalsCapped(succeeded, fit(width, `${text} succeeded `) / (failed.length > 0 ? 2 : 1))}${failed.length > 0 ? ';' : ''}`;
    if (failed.length > 0) text += ` failed ${formatIntervalsCapped(failed, fit(width, `${text} failed `))}`;
    notes.push(text);
  }
  const finished = status.condition !== null && status.condition.type !== 'Suspended';
  const retrying = status.failures.indexes.filter((f) => f.status === 'pending').map((f) => f.index);
  if (!finished && !status.suspended && retrying.length > 0) {
    const text = 'Pending indexes that failed and await their next pod (backoff delay): ';
    notes.push(text + formatIntervalsCapped(fromIndexes(retrying), fit(width, text)));
  }
  if (status.terminating.length > 0) {
    const text = 'Pending indexes whose pod is still terminating: ';
    notes.push(text + formatIntervalsCapped(status.terminating, fit(width, text)));
  }
  if (status.strayPods > 0)
    notes.push(
      `${plural(status.strayPods, 'pod has', 'pods have')} no completion index below ${status.completions} (left from lowering completions?); ${status.strayPods === 1 ? 'it counts' : 'they count'} for no index`,
    );
  return notes;
}

/** Columns left on a line of `width` after `prefix` (at least 20: a list that short still says something). */
const fit = (width: number, prefix: string): number => Math.max(20, width - prefix.length);

function formatDetails(details: readonly IndexDetail[], status: IndexStatus, colors: Colors): string[] {
  const perIndex = status.backoffLimitPerIndex !== null;
  const header = ['INDEX', 'STATE', 'FAILURES', 'POD', 'ATTEMPT', 'PHASE', 'EXIT', 'REASON', 'NODE', 'AGE'];
  const rows: string[][] = [];
  for (const detail of details) {
    const failures = `${detail.failures}${detail.ignored > 0 ? ` (+${detail.ignored} ignored)` : ''}${perIndex ? `/${status.backoffLimitPerIndex!.limit}` : ''}`;
    const lead = [String(detail.index), stateColor(colors, detail.status)(detail.status), failures];
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
        pod.exitCode === null ? '-' : pod.exitCode === 0 ? '0' : colors.red(String(pod.exitCode)),
        pod.reason ?? '-',
        pod.node ?? NONE,
        pod.createdAt === null ? '<unknown>' : humanAge(status.now, pod.createdAt),
      ]);
    });
  }
  const lines = table(header, rows, '');
  if (perIndex)
    lines.push('', colors.dim('FAILURES is counted/limit: at the limit, the next counted failure fails the index'));
  return lines;
}

/**
 * The API's interval form, cut at an interval boundary to fit `budget` columns, with how many
 * indexes were left out: 0,2,4,…  (+49,997 more).
 */
export function formatIntervalsCapped(intervals: readonly IndexInterval[], budget: number): string {
  const total = countIndexes(intervals);
  // Room kept for the tail while more intervals follow.
  const reserve = `,… (+${total} more)`.length;
  let text = '';
  let shown = 0;
  for (let i = 0; i < intervals.length; i++) {
    const { first, last } = intervals[i]!;
    const part = last - first >= 2 ? `${first}-${last}` : last === first + 1 ? `${first},${last}` : `${first}`;
    const next = text === '' ? part : `${text},${part}`;
    const isLast = i === intervals.length - 1;
    if (text !== '' && next.length + (isLast ? 0 : reserve) > budget) return `${text},… (+${total - shown} more)`;
    text = next;
    shown += last - first + 1;
  }
  return text;
}

/** kubectl's duration.HumanDuration of now - since. */
export function humanAge(now: string, since: string): string {
  return humanDuration(Math.trunc((Date.parse(now) - Date.parse(since)) / 1000));
}

// ANSI escapes take no columns: pad by the visible text.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const visibleLength = (text: string): number => text.replace(ANSI, '').length;

/** kubectl's tabwriter: columns three spaces apart, no trailing spaces. */
function table(header: readonly string[], rows: readonly (readonly string[])[], indent: string): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => visibleLength(r[c] ?? ''))));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell + ' '.repeat(widths[c]! - visibleLength(cell) + 3)))
      .join('')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
