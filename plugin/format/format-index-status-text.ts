// `kubectl job-x index-status NAME` as text: a header, the four index sets with counts, the grid,
// the retry budgets and the success policy, then the indexes that have failed; or, with --index,
// one table row per pod of the selected indexes (./index-status-details-text.ts). Tables by
// ./text-table.ts; colour only on the state words and glyphs (and only when on); names and
// reasons from the cluster escaped (plugin/escape-text.ts).
import { countIndexes, fromIndexes, MAX_INT32 } from '../../kubernetes/index.ts';
import type { IndexDetail } from '../../schemas/generated/index-status-output.ts';
import type { IndexState, IndexStatus, NotIndexed } from '../index-status/index.ts';
import type { Colors } from './colors.ts';
import { escapeText } from '../escape-text.ts';
import { formatIntervalsCapped, roomAfter } from './index-intervals-text.ts';
import { formatIndexDetails } from './index-status-details-text.ts';
import { formatIndexGrid, stateColor } from './index-status-grid-text.ts';
import { plural } from './plural.ts';
import { renderTable, type Cell } from './text-table.ts';

export interface IndexStatusTextOptions {
  readonly colors: Colors;
  /** Terminal columns (80 when not a terminal). */
  readonly width: number;
  /** Grid rows at most (default 20): cells stand for more indexes rather than the grid growing. */
  readonly maxGridRows?: number;
  /** With --index: print these indexes in detail instead of the overview. */
  readonly details?: readonly IndexDetail[];
}

/** Failed indexes listed in the overview; -o json or --index have them all. */
const FAILURE_ROWS = 10;
const NONE = '<none>';
/** backoffLimit's default with backoffLimitPerIndex: no Job-wide limit. */
const UNLIMITED = MAX_INT32;

const STATES: readonly IndexState[] = ['succeeded', 'failed', 'active', 'pending'];

export function formatIndexStatusText(status: IndexStatus, options: IndexStatusTextOptions): string {
  const { colors } = options;
  const lines: string[] = [formatHeader(status, colors)];
  if (options.details !== undefined) {
    lines.push('', ...formatIndexDetails(options.details, status, colors));
    return `${lines.join('\n')}\n`;
  }
  lines.push('', ...formatSets(status, options));
  if (status.completions > 0) lines.push('', ...formatIndexGrid(status, options));
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
  return escapeText(
    `Job ${job.namespace}/${job.name} is not an Indexed Job (completionMode ${job.completionMode}${unknown ? ', which the Job controller does not know' : ''}): ` +
      `its pods have no completion index, so there is nothing per index to show. ` +
      `It has ${job.succeeded} succeeded, ${job.failed} failed and ${job.active} active pods${job.completions !== null ? ` (completions ${job.completions})` : ''}; ` +
      `kubectl job-x diagnose ${job.name} explains where it stands`,
  );
}

function formatHeader(status: IndexStatus, colors: Colors): string {
  const parts = [`Indexed`, plural(status.completions, 'completion'), `parallelism ${status.parallelism ?? '<unset>'}`];
  const job = colors.bold(escapeText(`Job ${status.namespace}/${status.name}`));
  return `${job}: ${parts.join(', ')}, ${jobState(status, colors)}`;
}

function jobState(status: IndexStatus, colors: Colors): string {
  const condition = status.condition;
  const because = condition?.reason ? ` (${escapeText(condition.reason)})` : '';
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
  const rows = STATES.map((state, i): Cell[] => {
    const set = status.sets[state];
    // Once the Job has finished, its pending indexes will never run: say so.
    const note = state === 'pending' && finished && set.length > 0 ? '  (will not run: the Job has finished)' : '';
    const list = set.length === 0 ? NONE : formatIntervalsCapped(set, Math.max(10, budget - note.length)) + note;
    return [{ text: state, paint: stateColor(colors, state) }, counts[i]!, list];
  });
  return renderTable(['state', 'count', 'indexes'], rows);
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
      const list = formatIntervalsCapped(perIndex.lastChance, roomAfter(options.width, `${text} `));
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
    const because = status.condition.reason ? ` (${status.condition.reason})` : '';
    verdict = escapeText(`not met: the Job ${ended} first${because}`);
    if (satisfied.length > 0) note = `${ruleList(satisfied)} satisfied, but the controller evaluates failures first`;
  } else if (satisfied.length > 0) {
    verdict = colors.yellow('not met: a failure limit was reached first');
    note = `${ruleList(satisfied)} satisfied, but the controller evaluates failures first`;
  } else verdict = 'not met yet';
  const rows = policy.rules.map((r): Cell[] => [
    String(r.rule),
    r.succeededIndexes ?? NONE,
    r.succeededCount === null ? NONE : String(r.succeededCount),
    r.indexes === 0 ? 'skipped (no index)' : `${r.succeeded}/${r.required}`,
    r.satisfied ? { text: 'yes', paint: colors.green } : 'no',
  ]);
  const lines = [
    `Success policy: ${verdict}`,
    ...renderTable(['rule', 'succeeded indexes', 'succeeded count', 'progress', 'satisfied'], rows, { indent: '  ' }),
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
  const rows = shown.map((f): Cell[] => {
    const lastRetry = f.retriesLeft === 0 && (f.status === 'active' || f.status === 'pending');
    const retries: Cell = { text: String(f.retriesLeft ?? ''), paint: lastRetry ? colors.yellow : undefined };
    const cells: Cell[] = [String(f.index), { text: f.status, paint: stateColor(colors, f.status) }];
    return [...cells, String(f.failures), String(f.ignored), ...(perIndex ? [retries] : [])];
  });
  const header = ['index', 'state', 'failures', 'ignored', ...(perIndex ? ['retries left'] : [])];
  const lines = [title, ...renderTable(header, rows, { indent: '  ' })];
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
      text += ` succeeded ${formatIntervalsCapped(succeeded, roomAfter(width, `${text} succeeded `) / (failed.length > 0 ? 2 : 1))}${failed.length > 0 ? ';' : ''}`;
    if (failed.length > 0) text += ` failed ${formatIntervalsCapped(failed, roomAfter(width, `${text} failed `))}`;
    notes.push(text);
  }
  const finished = status.condition !== null && status.condition.type !== 'Suspended';
  const retrying = status.failures.indexes.filter((f) => f.status === 'pending').map((f) => f.index);
  if (!finished && !status.suspended && retrying.length > 0) {
    const text = 'Pending indexes that failed and await their next pod (backoff delay): ';
    notes.push(text + formatIntervalsCapped(fromIndexes(retrying), roomAfter(width, text)));
  }
  if (status.terminating.length > 0) {
    const text = 'Pending indexes whose pod is still terminating: ';
    notes.push(text + formatIntervalsCapped(status.terminating, roomAfter(width, text)));
  }
  if (status.strayPods > 0)
    notes.push(
      `${plural(status.strayPods, 'pod has', 'pods have')} no completion index below ${status.completions} ` +
        `(left from lowering completions?); ${status.strayPods === 1 ? 'it counts' : 'they count'} for no index`,
    );
  return notes;
}
