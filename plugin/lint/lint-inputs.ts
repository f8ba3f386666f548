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
  readonly settings: RenderSettings;
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
  policy: LoadedPolicy,
  sink: LintSink,
  render?: RenderOptions,
): Promise<void> {
  const files = inputs.every((input) => input.kind === 'file');
  const workers = files ? workerCount(inputs.length) : 0;
  const capped = withYoungGenerationCap(sink);
  if (workers > 0) {
    const paths = inputs.map((input) => (input as { readonly path: FilePath }).path);
    await lintInParallel(paths, policy, workers, capped);
    return;
  }
  for (const input of inputs) {
    if (input.kind === 'render' && render !== undefined) {
      // Loaded here: a run with no chart or kustomization does not pay for it.
      const { renderFolder } = await import('./render/index.ts');
      const sources = await renderFolder(input.path, input.tool, render.folders, render.settings);
      for (const source of sources) await lintIntoSink(source, policy.resolved, capped);
      continue;
    }
    await lintIntoSink(await readInput(input, read), policy.resolved, capped);
  }
}
