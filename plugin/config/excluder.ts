import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ExcludeRules } from './exclude-rules.ts';
import type { LintConfig } from './lint-config.ts';

/** Why a path is not linted, for the note on stderr; `quiet` ones are not worth a note inside a walk. */
export interface Exclusion {
  readonly reason: string;
  /** Excluded by a pattern, found while walking a folder: as git, say nothing. */
  readonly quiet: boolean;
}

/**
 * Decides which paths lint leaves out: the `--exclude` lines (relative to the working folder), the
 * `lint.exclude` lines of the path's config (relative to the config's folder), and a Helm chart's
 * `templates/` folder (Go templates, not YAML), unless the config sets `lint.chartTemplates` or
 * has helm render its charts (`--render helm`, `lint.render.helm`: the chart is rendered instead).
 */
export class Excluder {
  private readonly cli: ExcludeRules;
  private readonly rendersCharts: (config: LintConfig) => boolean;

  constructor(cli: ExcludeRules, rendersCharts: (config: LintConfig) => boolean = () => false) {
    this.cli = cli;
    this.rendersCharts = rendersCharts;
  }

  /** `path` is absolute; `config` is the config of the folder that holds it. */
  check(path: string, isDirectory: boolean, config: LintConfig): Exclusion | undefined {
    const pattern = this.cli.match(path, isDirectory) ?? config.excludes.match(path, isDirectory);
    if (pattern) {
      const origin = this.cli.match(path, isDirectory) ? this.cli.origin : config.excludes.origin;
      return { reason: `excluded by ${JSON.stringify(pattern.source)} (${origin})`, quiet: true };
    }
    if (isDirectory && !config.settings.chartTemplates && !this.rendersCharts(config) && isChartTemplates(path))
      return {
        reason:
          'the templates of a Helm chart are not plain YAML (render the chart: helm template CHART | kubectl job-x lint -; lint.chartTemplates: true reads them anyway)',
        quiet: false,
      };
    return undefined;
  }

  /**
   * For a path given as an argument: excluded itself, or one of its folders up to the config's
   * folder is (git does not look inside an ignored folder either).
   */
  checkArgument(path: string, isDirectory: boolean, configOf: (dir: string) => LintConfig): Exclusion | undefined {
    const own = this.check(path, isDirectory, configOf(isDirectory ? path : dirname(path)));
    if (own) return { ...own, quiet: false };
    for (let dir = dirname(path); dirname(dir) !== dir; dir = dirname(dir)) {
      const config = configOf(dir);
      const found = this.check(dir, true, config);
      if (found) return { ...found, quiet: false };
      if (!dir.startsWith(config.dir) && !dir.startsWith(this.cli.base)) break;
    }
    return undefined;
  }
}

/** A folder named templates next to a Chart.yaml. */
function isChartTemplates(path: string): boolean {
  if (basename(path) !== 'templates') return false;
  return statSync(join(dirname(path), 'Chart.yaml'), { throwIfNoEntry: false })?.isFile() ?? false;
}
