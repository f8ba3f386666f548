import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadPolicySync, preloadPolicyParser, type PolicyParser } from '../../edge/index.ts';
import { resolvePolicy, RULES } from '../../policy/index.ts';
import type { JobXPolicy } from '../../schemas/generated/policy.ts';
import { ExcludeRules } from './exclude-rules.ts';
import { CONFIG_FILE_NAME, type LintConfig } from './lint-config.ts';

export interface ConfigChoice {
  /** --config FILE (or --policy FILE): this file for every input, no discovery. */
  readonly file?: string;
  /** --no-config: the built-in defaults for every input. */
  readonly none?: boolean;
  /** The working folder (for the defaults, standard input, and relative paths). */
  readonly cwd: string;
}

/** Thrown by configFor when it meets a config file before the YAML parser and ajv were loaded. */
export class ParserNeeded extends Error {
  override name = 'ParserNeeded';
}

/**
 * Finds the config of each linted file, ESLint style: the nearest `.job-x.yaml` in the file's
 * folder or above it, up to the repository root (the first folder with `.git`, whose own
 * `.job-x.yaml` still counts). The nearest config is the whole config of the files under it:
 * configs do not merge. Each folder is looked up once (a run of 10,000 files in 100 folders
 * costs about 100 stats more).
 *
 * Synchronous, as the walk of the folders is (plugin/lint/sources.ts). Without a parser (a run
 * that may have no config at all does not load the YAML parser and ajv), meeting a config file
 * throws ParserNeeded: the caller loads the parser (withParser) and starts again.
 */
export class ConfigFinder {
  readonly configs: LintConfig[] = [];
  private readonly byDir = new Map<string, LintConfig>();
  private readonly fixed: LintConfig | undefined;
  private readonly parser: PolicyParser | undefined;
  readonly cwd: string;

  private constructor(choice: ConfigChoice, parser: PolicyParser | undefined) {
    this.cwd = resolve(choice.cwd);
    this.parser = parser;
    if (choice.file !== undefined) this.fixed = this.load(resolve(this.cwd, choice.file));
    else if (choice.none) this.fixed = this.defaults();
  }

  /** A finder; the parser is loaded now only when a config file is given. */
  static async create(choice: ConfigChoice, parser?: PolicyParser): Promise<ConfigFinder> {
    return new ConfigFinder(choice, parser ?? (choice.file !== undefined ? await preloadPolicyParser() : undefined));
  }

  /** The same choice, with the parser loaded (after ParserNeeded). */
  static async withParser(choice: ConfigChoice): Promise<ConfigFinder> {
    return new ConfigFinder(choice, await preloadPolicyParser());
  }

  /** The config of the files in an absolute folder. */
  configFor(dir: string): LintConfig {
    if (this.fixed) return this.fixed;
    const known = this.byDir.get(dir);
    if (known) return known;
    const file = join(dir, CONFIG_FILE_NAME);
    let config: LintConfig;
    if (isFile(file)) config = this.load(file);
    else {
      const parent = dirname(dir);
      config = parent === dir || exists(join(dir, '.git')) ? this.defaults() : this.configFor(parent);
    }
    this.byDir.set(dir, config);
    return config;
  }

  /** The config of the working folder: for standard input, and for the run's settings (output, baseline). */
  get runConfig(): LintConfig {
    return this.configFor(this.cwd);
  }

  /** The policy documents by config index, for worker threads. */
  get documents(): (JobXPolicy | undefined)[] {
    return this.configs.map((config) => config.policy.document);
  }

  private defaults(): LintConfig {
    const existing = this.configs.find((config) => config.path === undefined);
    if (existing) return existing;
    return this.add(undefined, this.cwd, { resolved: resolvePolicy(RULES, undefined), document: undefined });
  }

  private load(file: string): LintConfig {
    const existing = this.configs.find((config) => config.path === file);
    if (existing) return existing;
    if (!this.parser) throw new ParserNeeded(file);
    return this.add(file, dirname(file), loadPolicySync(file, this.parser));
  }

  private add(path: string | undefined, dir: string, policy: LintConfig['policy']): LintConfig {
    const settings = policy.document?.lint ?? {};
    const config: LintConfig = {
      path,
      dir,
      index: this.configs.length,
      policy,
      settings,
      excludes: new ExcludeRules(dir, settings.exclude ?? [], path ?? 'the built-in config'),
    };
    this.configs.push(config);
    return config;
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}
