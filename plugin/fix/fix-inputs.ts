import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../../edge/index.ts';
import type { LintConfig } from '../config/index.ts';
import { escapeText } from '../escape-text.ts';
import type { Input } from '../lint/index.ts';
import { fixSource } from './fix-source.ts';
import { unifiedDiff } from './unified-diff.ts';

export interface FixRun {
  /** --fix-dry-run: print the diff instead of writing. */
  readonly dryRun: boolean;
  readonly configs: readonly LintConfig[];
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * `lint --fix` and `--fix-dry-run`, before the files are linted (ESLint style: what is left is
 * then reported). Each file is fixed with its own config's policy. Only files: standard input
 * and streams have nowhere to write back.
 */
export function fixInputs(inputs: readonly Input[], run: FixRun): number {
  let fixed = 0;
  for (const input of inputs) {
    if (input.kind === 'stdin' || input.kind === 'stream')
      throw new UsageError('--fix edits files in place: it cannot fix standard input or a stream');
    if (input.kind !== 'file') continue;
    const name = typeof input.path === 'string' ? input.path : input.path.toString('utf8');
    const text = readFileSync(input.path, 'utf8');
    const outcome = fixSource(text, run.configs[input.config]!.policy.resolved);
    if ('refused' in outcome) {
      // Only worth a note when the file has something --fix could do: lint says so anyway.
      if (/kind:\s*["']?(Cron)?Job\b/.test(text))
        run.stderr.write(`note: not fixed ${escapeText(name)}: ${outcome.refused}\n`);
      continue;
    }
    if (outcome.fixes.length === 0) continue;
    fixed += outcome.fixes.length;
    for (const fix of outcome.fixes)
      run.stderr.write(
        `${run.dryRun ? 'would fix' : 'fixed'} ${escapeText(`${name}: ${fix.object}: ${fix.ruleId}: ${fix.change}`)}\n`,
      );
    if (run.dryRun) run.stdout.write(unifiedDiff(escapeText(name), text, outcome.text));
    else writeFileSync(input.path, outcome.text);
  }
  return fixed;
}
