import { ConfigFinder, ExcludeRules, Excluder, ParserNeeded, type LintConfig } from '../config/index.ts';
import { expandGlob } from './expand-glob.ts';
import { expandInputs, type ExpandOptions, type Input } from './sources.ts';

export interface FindInputsOptions {
  /** Files, folders, globs and `-`, as given. */
  readonly paths: readonly string[];
  /** --config FILE (or --policy FILE). */
  readonly config?: string;
  /** --no-config. */
  readonly noConfig: boolean;
  /** --exclude lines (gitignore syntax, relative to the working folder). */
  readonly exclude: readonly string[];
  readonly cwd: string;
  /** A note for stderr (`skipped PATH: why`), already escaped where it quotes input. */
  readonly note: (text: string) => void;
  /** Whether helm renders the charts under a config (their templates/ are then not left out). */
  readonly rendersCharts?: (config: LintConfig) => boolean;
  /** Which folders are rendered (plugin/lint/render; sources.ts ExpandOptions). */
  readonly folder?: ExpandOptions['folder'];
  readonly chartOf?: ExpandOptions['chartOf'];
}

export interface FoundInputs {
  readonly inputs: Input[];
  /** Every config the inputs use, by the index each input names. */
  readonly configs: ConfigFinder;
}

/**
 * The inputs of a lint run with their configs: globs expanded, excluded paths left out, and each
 * file given the config of its folder. A run that meets no config file never loads the YAML
 * parser and ajv; one that does loads them and expands the paths again (a walk costs far less
 * than loading them on every run would).
 */
export async function findInputs(options: FindInputsOptions): Promise<FoundInputs> {
  const choice = { file: options.config, none: options.noConfig, cwd: options.cwd };
  let configs = await ConfigFinder.create(choice);
  for (;;) {
    const notes: string[] = [];
    try {
      const inputs = expandInputs(options.paths, {
        skipped: (path, reason) => notes.push(`skipped ${path}: ${reason}`),
        configs,
        excluder: new Excluder(new ExcludeRules(configs.cwd, options.exclude, '--exclude'), options.rendersCharts),
        expandGlob,
        folder: options.folder,
        chartOf: options.chartOf,
      });
      // The working folder's config gives the run's settings (output, baseline): found now too.
      void configs.runConfig;
      for (const note of notes) options.note(note);
      return { inputs, configs };
    } catch (error) {
      if (!(error instanceof ParserNeeded)) throw error;
      configs = await ConfigFinder.withParser(choice);
    }
  }
}
