import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { displayPath, joinPath, type FilePath } from '../file-names.ts';
import { findOnPath } from './find-on-path.ts';
import type { RenderSettings, RenderTool } from './render-settings.ts';

/** The files that make a folder a Helm chart or a kustomization (kustomize accepts all three names). */
const MARKERS: readonly (readonly [tool: RenderTool, file: string])[] = [
  ['helm', 'Chart.yaml'],
  ['kustomize', 'kustomization.yaml'],
  ['kustomize', 'kustomization.yml'],
  ['kustomize', 'Kustomization'],
];

/** What to do with a folder met in a walk or given as a path. */
export type FolderVerdict =
  | { readonly render: RenderTool }
  | { readonly skip: string }
  /** A plain folder (or rendering of its kind is off): walked as before. */
  | undefined;

/** The command that renders a kustomization: kubectl's built-in kustomize, or the kustomize CLI. */
export interface KustomizeCommand {
  readonly file: string;
  readonly args: readonly string[];
}

/**
 * Decides for each folder whether it is rendered, skipped (its tool is not on PATH: a chart's
 * templates are not YAML, so reading them as YAML would only report syntax errors) or walked.
 * Tools are looked up once per run; the settings are those of the folder's config.
 */
export class RenderFolders {
  private readonly env: NodeJS.ProcessEnv;
  private readonly found = new Map<string, string | undefined>();

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.env = env;
  }

  verdict(dir: FilePath, settings: RenderSettings): FolderVerdict {
    const tool = markedTool(dir);
    if (tool === undefined || !settings[tool]) return undefined;
    if (tool === 'helm' && this.helm() === undefined)
      return { skip: `a Helm chart, and helm is not on PATH (install helm to lint it, or pass --no-render)` };
    if (tool === 'kustomize' && this.kustomize() === undefined)
      return {
        skip: `a kustomization, and neither kubectl nor kustomize is on PATH (install one to lint it, or pass --no-render)`,
      };
    return { render: tool };
  }

  /** The helm executable, if on PATH. */
  helm(): string | undefined {
    return this.lookUp('helm');
  }

  /** `kubectl kustomize DIR` when kubectl is on PATH, else `kustomize build DIR`. */
  kustomize(): KustomizeCommand | undefined {
    const kubectl = this.lookUp('kubectl');
    if (kubectl !== undefined) return { file: kubectl, args: ['kustomize'] };
    const kustomize = this.lookUp('kustomize');
    return kustomize === undefined ? undefined : { file: kustomize, args: ['build'] };
  }

  private lookUp(name: string): string | undefined {
    if (!this.found.has(name)) this.found.set(name, findOnPath(name, this.env));
    return this.found.get(name);
  }
}

/** The tool a folder is for, by the marker file it holds. */
export function markedTool(dir: FilePath): RenderTool | undefined {
  for (const [tool, file] of MARKERS) {
    try {
      if (statSync(joinPath(dir, file)).isFile()) return tool;
    } catch {
      // Not there (or not readable): not this kind of folder.
    }
  }
  return undefined;
}

/**
 * The chart whose `templates/` folder holds a path given to lint (the folder itself, or a file or
 * folder inside it), named from that path (`chart/templates/job.yaml` gives `chart`); undefined
 * when the path is not in a chart's templates. With helm rendering on, the chart is rendered
 * instead: a template alone is not YAML.
 */
export function chartOfTemplate(path: string): string | undefined {
  let dir = resolve(path);
  const up: string[] = [];
  for (let parent = dirname(dir); parent !== dir; dir = parent, parent = dirname(dir)) {
    up.push('..');
    if (basename(dir) === 'templates' && isFile(join(parent, 'Chart.yaml'))) return join(path, ...up);
  }
  return undefined;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** `chart/ (helm template)`: how a rendered folder is named in notes. */
export function describeFolder(dir: FilePath, tool: RenderTool): string {
  return `${displayPath(dir)} (${tool === 'helm' ? 'helm template' : 'kustomize'})`;
}
