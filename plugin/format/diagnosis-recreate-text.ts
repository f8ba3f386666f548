// The "Run it again" block of a diagnosis: the command that creates the Job again with the
// suggested fixes applied (`diagnose NAME --recreate-manifest | kubectl create -f -`), and the
// notes that say what the new Job does differently.
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { Colors } from './colors.ts';
import { escapeText } from '../escape-text.ts';
import { wrap } from './wrap-text.ts';

export function recreateLines(output: DiagnoseOutput, c: Colors, width: number | undefined): string[] {
  const plan = output.recreate;
  if (!plan) return [];
  const numbers = plan.fixes.flatMap((code) => {
    const at = output.suggestions.findIndex((s) => s.code === code);
    return at >= 0 ? [at + 1] : [];
  });
  const applied =
    numbers.length === 0 ? '' : `, with suggestion${numbers.length === 1 ? '' : 's'} ${joinNumbers(numbers)} applied`;
  const failed = output.state === 'Failed' || output.state === 'Failing';
  const single = plan.indexes !== null && /^\d+$/.test(plan.indexes);
  const what =
    plan.scope === 'job'
      ? `Create it again as a new Job${applied} (${failed ? 'the failed one stays' : 'the fix cannot change this one'}):`
      : single
        ? `Re-run only index ${plan.indexes} as a new Job${applied}:`
        : `Re-run only indexes ${plan.indexes ?? ''}, one new Job per index${applied}:`;
  const out = ['', c.bold('Run it again'), ...wrap(escapeText(what), width, '  ', '  ')];
  out.push(`    ${c.blue(escapeText(plan.command))}`);
  for (const note of plan.notes)
    out.push(...wrap(`• ${escapeText(note.message)}`, width, '  ', '    ').map((l) => c.dim(l)));
  return out;
}

function joinNumbers(numbers: readonly number[]): string {
  return numbers.length === 1 ? `${numbers[0]}` : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
