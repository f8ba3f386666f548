// `diagnose NAME --recreate-manifest`: only the manifest that runs the failed Job again (the
// diagnosis's `recreate`), as YAML (or JSON with -o json), for `| kubectl create -f -`; its notes
// go to stderr, where a pipe still shows them.
import { UsageError } from '../../edge/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { DiagnoseOptions } from './diagnose-options.ts';

type Say = (kind: 'note' | 'warning', message: string) => void;

/** The manifest's text; a Job that neither failed nor is failing is a usage error. */
export async function recreateManifestText(
  output: DiagnoseOutput,
  options: DiagnoseOptions,
  say: Say,
): Promise<string> {
  const plan = output.recreate;
  if (!plan)
    throw new UsageError(
      `job/${output.job.name} is ${output.state} and needs no new Job: --recreate-manifest re-creates ` +
        'a Job that failed, is failing, or whose fix only a new Job can take',
    );
  for (const note of plan.notes) say('note', note.message);
  const { formatStructured } = await import('../format/format-structured.ts');
  return formatStructured(plan.manifest, options.output === 'json' ? 'json' : 'yaml');
}

/** With -f FILE the Job may be gone from the cluster: the command reads the file again. */
export function recreateCommandForFile(output: DiagnoseOutput, file: string): void {
  if (output.recreate)
    output.recreate.command = `kubectl job-x diagnose -f ${shellWord(file)} --recreate-manifest | kubectl create -f -`;
}

/** A word the shell reads back as it is: bare when it is plain, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
