import { resolve } from 'node:path';

/**
 * What lint renders before it lints: chart folders (a `Chart.yaml`) with `helm template`, kustomize
 * folders (a `kustomization.yaml`) with `kubectl kustomize`. One small object, filled from the CLI
 * flags (`--render`, `--no-render`, `--helm-values`, `--kube-version`) and from the `lint.render`
 * and `lint.kubeVersion` of the folder's config (plugin/config; one object per config of a run).
 */
export interface RenderSettings {
  readonly helm: boolean;
  readonly kustomize: boolean;
  /** Values files passed to every chart with `--values` (relative to the working folder; the config resolves its own). */
  readonly helmValues: readonly string[];
  /** The Kubernetes version charts are rendered for (`helm template --kube-version`), e.g. `1.33`. */
  readonly kubeVersion?: string;
  /** A render that takes longer is stopped and reported. */
  readonly timeoutMs: number;
  /** The most output a render may give (as the most lint reads of a file). */
  readonly maxOutputBytes: number;
}

export type RenderTool = 'helm' | 'kustomize';
export const RENDER_TOOLS: readonly RenderTool[] = ['helm', 'kustomize'];

export const DEFAULT_RENDER_TIMEOUT_MS = 60_000;

/**
 * Rendering is off unless `--render` or the config's `lint.render` turns it on: it runs a program
 * (and a chart may pull in dependencies), which a linter should not do unasked.
 */
export function renderSettings(overrides: Partial<RenderSettings> = {}): RenderSettings {
  return {
    helm: false,
    kustomize: false,
    helmValues: [],
    timeoutMs: DEFAULT_RENDER_TIMEOUT_MS,
    maxOutputBytes: 16 * 1024 * 1024,
    ...overrides,
  };
}

/** The config's `lint.render` and `lint.kubeVersion` (schemas/policy.schema.json, LintSettings). */
export interface ConfigRenderSection {
  readonly render?: { readonly helm?: boolean; readonly kustomize?: boolean; readonly helmValues?: readonly string[] };
  readonly kubeVersion?: string;
}

/**
 * The settings of a run: the flags win over the config, which wins over the defaults. The config's
 * helmValues are relative to the folder of the config file that holds them.
 */
export function renderSettingsFrom(
  config: ConfigRenderSection | undefined,
  configDir: string,
  flags: Partial<RenderSettings>,
): RenderSettings {
  const fromConfig: Partial<RenderSettings> = {
    ...(config?.render?.helm !== undefined ? { helm: config.render.helm } : {}),
    ...(config?.render?.kustomize !== undefined ? { kustomize: config.render.kustomize } : {}),
    ...(config?.render?.helmValues !== undefined
      ? { helmValues: config.render.helmValues.map((file) => resolve(configDir, file)) }
      : {}),
    ...(config?.kubeVersion !== undefined ? { kubeVersion: config.kubeVersion } : {}),
  };
  const given = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  return renderSettings({ ...fromConfig, ...given });
}
