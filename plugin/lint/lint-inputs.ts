import type { LoadedPolicy } from '../../edge/index.ts';
import { lintInParallel, workerCount } from './lint-pool.ts';
import { lintIntoSink, type LintSink } from './lint-sink.ts';
import { readInput, type ReadOptions } from './read-source.ts';
import type { FilePath } from './file-names.ts';
import type { Input } from './sources.ts';
import { withYoungGenerationCap } from './young-generation.ts';
import type { RenderFolders, RenderSettings } from './render/index.ts';

/** How lint renders the chart and kustomize folders among its inputs. */
export interface RenderOptions {
  /** The settings of each config, by config index (a folder is rendered with its config's). */
  readonly settings: (config: number) => RenderSettings;
  readonly folders: RenderFolders;
}

/**
 * Lints every input in order, each one's results going to the sink as they are found. Many files
 * are shared with worker threads (lint-pool.ts); standard input and other streams are read on this
 * thread, and so are a few files (they would be done before a worker started). The first input
 * that cannot be read ends the run: its error is thrown once the inputs before it are in the sink.
 */
export async function lintInputs(
  inputs: readonly Input[],
  read: ReadOptions,
  policies: readonly LoadedPolicy[],
  sink: LintSink,
  render?: RenderOptions,
): Promise<void> {
  const files = inputs.every((input) => input.kind === 'file');
  const workers = files ? workerCount(inputs.length) : 0;
  const capped = withYoungGenerationCap(sink);
  if (workers > 0) {
    const files = inputs as readonly { readonly path: FilePath; readonly config: number }[];
    const paths = files.map((input) => input.path);
    await lintInParallel(paths, { policies, configs: files.map((input) => input.config) }, workers, capped);
    return;
  }
  for (const input of inputs) {
    const config = input.kind === 'error' ? 0 : input.config;
    const policy = policies[config]!.resolved;
    if (input.kind === 'render' && render !== undefined) {
      // Loaded here: a run with no chart or kustomization does not pay for it.
      const { renderFolder } = await import('./render/index.ts');
      const sources = await renderFolder(input.path, input.tool, render.folders, render.settings(config));
      for (const source of sources) await lintIntoSink(source, policy, capped);
      continue;
    }
    await lintIntoSink(await readInput(input, read), policy, capped);
  }
}
