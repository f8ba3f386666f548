import { resolve } from 'node:path';
import { escapeText } from '../../escape-text.ts';
import { displayPath, type FilePath } from '../file-names.ts';
import type { Source } from '../read-source.ts';
import { pathInChart, splitHelmOutput } from './helm-templates.ts';
import type { RenderFolders } from './render-folders.ts';
import type { RenderSettings, RenderTool } from './render-settings.ts';
import { runRenderTool } from './run-render-tool.ts';

/** Where a rendered result came from (`rendered` in `lint -o json`). */
export interface RenderedFrom {
  readonly tool: RenderTool;
  /** The chart or kustomization folder, as lint found it. */
  readonly from: string;
}

/**
 * Renders a chart or kustomization folder into the sources lint reads: for a chart, one per
 * template (named by its path on disk, from Helm's `# Source:` comments, its lines those of the
 * template's rendered documents); for a kustomization, its whole output under the folder's name.
 * A render that fails gives one source with a `render-failed` problem: reported as a finding of
 * the folder, and the run goes on with the other inputs.
 */
export async function renderFolder(
  dir: FilePath,
  tool: RenderTool,
  folders: RenderFolders,
  settings: RenderSettings,
): Promise<Source[]> {
  const name = displayPath(dir);
  const rendered: RenderedFrom = { tool, from: name };
  const failed = (why: string): Source[] => [
    { name, rendered, problem: { ruleId: 'render-failed', message: `${commandName(tool)} failed: ${why}` } },
  ];
  if (typeof dir !== 'string') return failed('a folder whose name is not valid UTF-8 cannot be passed to it');
  const command = tool === 'helm' ? helmCommand(dir, folders, settings) : kustomizeCommand(dir, folders);
  if (command === undefined) return failed('it is no longer on PATH');
  const outcome = await runRenderTool(command.file, command.args, settings);
  if ('failure' in outcome) return failed(outcome.failure);
  if (tool === 'kustomize') return [{ name, rendered, text: outcome.stdout }];
  return splitHelmOutput(outcome.stdout).map(({ source, text }) => ({
    name: source === '' ? name : `${name}/${escapeText(pathInChart(source))}`,
    rendered,
    text,
  }));
}

const commandName = (tool: RenderTool): string => (tool === 'helm' ? 'helm template' : 'kustomize');

interface Command {
  readonly file: string;
  readonly args: string[];
}

/**
 * `helm template /abs/DIR [--values FILE]... [--kube-version V]`. The chart's own values.yaml is
 * read by helm itself; a values file that does not exist makes helm fail, which is reported.
 */
function helmCommand(dir: string, folders: RenderFolders, settings: RenderSettings): Command | undefined {
  const helm = folders.helm();
  if (helm === undefined) return undefined;
  // A path, never a chart reference: `helm template repo/chart` would look for a repository.
  const args = ['template', resolve(dir)];
  for (const values of settings.helmValues) args.push('--values', resolve(values));
  if (settings.kubeVersion !== undefined) args.push('--kube-version', settings.kubeVersion);
  return { file: helm, args };
}

function kustomizeCommand(dir: string, folders: RenderFolders): Command | undefined {
  const kustomize = folders.kustomize();
  return kustomize === undefined ? undefined : { file: kustomize.file, args: [...kustomize.args, resolve(dir)] };
}
