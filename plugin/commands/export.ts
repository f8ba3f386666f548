import { loadDefaultPolicy } from '../../policy/index.ts';
import { ConfigError, loadPolicyFile } from '../../edge/index.ts';
import type { CommandContext } from '../command-context.ts';

// Only types and constants at the top: program.ts imports EXPORT_FORMATS from here, so every run
// loads this module; the exporter itself is loaded by the command.
export const EXPORT_FORMATS = ['yaml', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** A policy file; without one, the policy the webhook ships with. */
  readonly policy?: string;
  readonly output: ExportFormat;
}

/**
 * `kubectl job-x export admission-policy`: the policy as admission policies the API server runs
 * itself. YAML is a stream of documents after a comment that lists what was not exported and why;
 * JSON is a kubectl `List`, and the same list goes to standard error as notes.
 */
export async function exportAdmissionPolicyCommand(options: ExportOptions, io: CommandContext): Promise<void> {
  const policy = options.policy === undefined ? loadDefaultPolicy() : await loadPolicyFile(options.policy);
  const { exportAdmissionPolicy, exportSummary, PolicyExportError } = await import('../export/index.ts');
  let result;
  try {
    result = exportAdmissionPolicy(policy);
  } catch (error) {
    if (error instanceof PolicyExportError) throw new ConfigError(`cannot export the policy: ${error.message}`);
    throw error;
  }
  const summary = exportSummary(result);
  if (options.output === 'json') {
    for (const line of summary.slice(1)) io.stderr.write(`note: ${line.trim()}\n`);
    io.stdout.write(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: result.objects }, null, 2)}\n`);
    return;
  }
  const { yamlPackage } = await import('../../edge/yaml-package.ts');
  const { stringify } = yamlPackage();
  const header = summary.map((line) => `# ${line}`.trimEnd()).join('\n');
  const documents = result.objects.map((object) => stringify(object, { lineWidth: 0 }));
  io.stdout.write(`${header}\n---\n${documents.join('---\n')}`);
}
