// The log block of a diagnosis: the last lines of the most recent failed container, or with
// `--logs N` those of the last N failed runs, most recent first. Log text is the least trusted
// thing job-x prints (whatever a program wrote: ANSI escapes, control characters): every line is
// escaped, and so are the pod and container names.
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { Colors } from './colors.ts';
import { escapeText } from '../escape-text.ts';
import { ago } from './time-ago.ts';

/** Lines shown per tail (what the fetch keeps; a hand-made snapshot may hold more). */
const LOG_LINES = 20;

type Tail = DiagnoseOutput['logTails'][number];

export function logLines(output: DiagnoseOutput, c: Colors, now: number): string[] {
  const tails = output.logTails.filter((tail) => tail.lines.length > 0);
  if (tails.length === 0) return [];
  // One tail (the default) is headed as it always was: the pod and the container.
  if (tails.length === 1)
    return ['', `${c.bold('Last log lines')} ${c.dim(escapeText(source(tails[0]!, null)))}`, ...body(tails[0]!, c)];
  const out = ['', c.bold(`Last log lines of the last ${tails.length} failed runs`), c.dim('  (most recent first)')];
  for (const tail of tails) out.push(`  ${c.dim(escapeText(source(tail, now)))}`, ...body(tail, c));
  return out;
}

/** Where the lines come from; with `now`, also which run and when it failed. */
function source(tail: Tail, now: number | null): string {
  const run = now !== null && tail.previous === true ? ' (the run before its restart)' : '';
  const when = now !== null && tail.finishedAt !== null ? `, failed ${ago(tail.finishedAt, now)}` : '';
  const skipped = tail.lines.length - LOG_LINES;
  const shown = skipped > 0 ? `, last ${LOG_LINES} of ${tail.lines.length}` : '';
  return `pod ${tail.pod}, container ${tail.container}${run}${when}${shown}`;
}

function body(tail: Tail, c: Colors): string[] {
  return tail.lines.slice(-LOG_LINES).map((line) => `  ${c.dim('│')} ${escapeText(line)}`);
}
