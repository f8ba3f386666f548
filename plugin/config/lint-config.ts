import type { LoadedPolicy } from '../../edge/index.ts';
import type { LintSettings } from '../../schemas/generated/policy.ts';
import type { ExcludeRules } from './exclude-rules.ts';

/** The config file lint looks for (design.md: config discovery). */
export const CONFIG_FILE_NAME = '.job-x.yaml';

/**
 * One config of a lint run: a `.job-x.yaml` found by discovery, the file given with --config (or
 * --policy), or the built-in defaults (no file found, or --no-config). A config is a policy file
 * whose optional `lint:` section holds lint's own settings (schemas/policy.schema.json).
 */
export interface LintConfig {
  /** The file; undefined for the built-in defaults. */
  readonly path: string | undefined;
  /** The absolute folder that the paths in `lint:` are relative to (the working folder for the defaults). */
  readonly dir: string;
  /** Its place in the run's list of configs (ConfigFinder.configs), as worker threads know it. */
  readonly index: number;
  readonly policy: LoadedPolicy;
  /** The `lint:` section; `{}` when there is none. */
  readonly settings: LintSettings;
  /** `lint.exclude`, relative to `dir`. */
  readonly excludes: ExcludeRules;
}
